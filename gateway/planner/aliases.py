"""Aliases apart the fields of one subgraph selection that share a response key but not a type.

A fetch can merge, side by side, fields that the client's operation never put side by side:
key fields the planner adds for two entity types (`... on Book { id }` and
`... on Movie { id }`), or a field whose type differs between two types in this subgraph
but not in the supergraph. The subgraph would refuse such a selection ("fields conflict
because they return conflicting types"), so every variant after the first is sent under an
alias `<key>__alias_<n>`, and the fetch renames it back in the answer.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from graphql import (
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    get_named_type,
    print_ast,
)

from gateway.planner.selection import FieldSel, FragmentSel, SelectionSet
from gateway.supergraph import Supergraph


@dataclass(frozen=True)
class KeyRename:
    """In a fetch's answer, the objects at `path` carry `alias` where the client wants `key`."""

    path: tuple[str, ...]
    alias: str
    key: str


# A field as the subgraph sees it: name, arguments, type in this subgraph.
Signature = tuple[str, str, str]


def alias_conflicts(
    supergraph: Supergraph, graph: str, root_type: str | None, selections: SelectionSet
) -> tuple[KeyRename, ...]:
    """Alias conflicting fields in `selections` (in place); return the renames to undo them.

    `root_type` is the type the selections apply to; None for an `_entities` selection,
    whose top level holds only fragments on entity types. Renames come deepest first, the
    order in which they apply to an answer still holding every alias.
    """
    aliaser = _Aliaser(supergraph, graph)
    aliaser.visit(root_type, selections, ())
    return tuple(reversed(aliaser.renames))


class _Aliaser:
    def __init__(self, supergraph: Supergraph, graph: str) -> None:
        self.supergraph = supergraph
        self.schema: GraphQLSchema = supergraph.schema
        self.graph = graph
        self.counter = itertools.count()
        self.renames: list[KeyRename] = []

    def visit(self, parent: str | None, selections: SelectionSet, path: tuple[str, ...]) -> None:
        level = list(_fields(parent, selections))
        chosen: dict[str, Signature] = {}
        aliases: dict[tuple[str, Signature], str] = {}
        for owner, field in level:
            key = field.response_key
            signature = self._signature(owner, field)
            first = chosen.setdefault(key, signature)
            if signature != first:
                alias = aliases.get((key, signature))
                if alias is None:
                    alias = aliases[(key, signature)] = f"{key}__alias_{next(self.counter)}"
                    self.renames.append(KeyRename(path, alias, key))
                field.alias = alias
        for owner, field in level:
            if field.selections is not None:
                child = self._field_type(owner, field.name)
                self.visit(child, field.selections, (*path, field.response_key))

    def _signature(self, owner: str | None, field: FieldSel) -> Signature:
        arguments = " ".join(print_ast(argument) for argument in field.arguments)
        if field.name == "__typename" or owner is None:
            return (field.name, arguments, "String!")
        source = next(
            (s for s in self.supergraph.field_sources(owner, field.name) if s.graph == self.graph),
            None,
        )
        if source is not None and source.type:
            return (field.name, arguments, source.type)
        return (field.name, arguments, str(self._definition_type(owner, field.name)))

    def _definition_type(self, owner: str, name: str) -> GraphQLOutputType | None:
        parent = self.schema.get_type(owner)
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) and name in parent.fields:
            field_type: GraphQLOutputType = parent.fields[name].type
            return field_type
        return None

    def _field_type(self, owner: str | None, name: str) -> str | None:
        field_type = self._definition_type(owner, name) if owner is not None else None
        return get_named_type(field_type).name if field_type is not None else None


def _fields(parent: str | None, selections: SelectionSet) -> Iterator[tuple[str | None, FieldSel]]:
    """Every field of one level, fragments flattened, with the type it is selected on."""
    for item in selections.items:
        if isinstance(item, FieldSel):
            yield parent, item
        elif isinstance(item, FragmentSel):
            yield from _fields(item.type_condition or parent, item.selections)
