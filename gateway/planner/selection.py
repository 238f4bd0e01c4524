"""A mutable selection model for building subgraph operations, and its printer."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import ArgumentNode, DirectiveNode, VariableNode, Visitor, print_ast, visit


@dataclass
class FieldSel:
    """A field in a subgraph selection, keyed by its response key."""

    name: str
    alias: str | None = None
    arguments: tuple[ArgumentNode, ...] = ()
    directives: tuple[DirectiveNode, ...] = ()
    selections: SelectionSet | None = None

    @property
    def response_key(self) -> str:
        """The key the field's value has in the response."""
        return self.alias or self.name

    def same_field_unconditioned(self, other: FieldSel) -> bool:
        """True when both select the same field with the same arguments."""
        return (self.name, _printed(self.arguments)) == (other.name, _printed(other.arguments))

    def same_field(self, other: FieldSel) -> bool:
        """True when both select the same field with the same arguments and directives."""
        return (self.name, _printed(self.arguments), _printed(self.directives)) == (
            other.name,
            _printed(other.arguments),
            _printed(other.directives),
        )


@dataclass
class FragmentSel:
    """An inline fragment with an optional type condition."""

    type_condition: str | None
    directives: tuple[DirectiveNode, ...] = ()
    selections: SelectionSet = field(default_factory=lambda: SelectionSet())

    @property
    def merge_key(self) -> tuple[str | None, str]:
        """Fragments with equal conditions and directives merge into one."""
        return (self.type_condition, _printed(self.directives))


class FieldConflict(Exception):
    """Two different fields want the same response key in one selection set."""


@dataclass
class SelectionSet:
    """An ordered set of fields and inline fragments that merges on insertion."""

    items: list[FieldSel | FragmentSel] = field(default_factory=list)

    def add_field(self, new: FieldSel) -> FieldSel:
        """Add (or merge into) a field; return the field now in the set."""
        for item in self.items:
            if isinstance(item, FieldSel) and item.response_key == new.response_key:
                if not item.same_field(new):
                    if not item.same_field_unconditioned(new):
                        raise FieldConflict(new.response_key)
                    # Fetched once without @skip/@include: the response shaper still applies
                    # the client's conditions, so fetching more changes nothing it returns.
                    item.directives = ()
                if new.selections is not None:
                    if item.selections is None:
                        item.selections = SelectionSet()
                    item.selections.merge(new.selections)
                return item
        self.items.append(new)
        return new

    def add_fragment(
        self, type_condition: str | None, directives: tuple[DirectiveNode, ...] = ()
    ) -> FragmentSel:
        """Return the inline fragment with this condition, adding it if missing."""
        wanted = (type_condition, _printed(directives))
        for item in self.items:
            if isinstance(item, FragmentSel) and item.merge_key == wanted:
                return item
        fragment = FragmentSel(type_condition, directives)
        self.items.append(fragment)
        return fragment

    def merge(self, other: SelectionSet) -> None:
        """Merge every item of `other` into this set."""
        for item in other.items:
            if isinstance(item, FieldSel):
                self.add_field(
                    FieldSel(
                        item.name,
                        item.alias,
                        item.arguments,
                        item.directives,
                        item.selections.copy() if item.selections else None,
                    )
                )
            else:
                self.add_fragment(item.type_condition, item.directives).selections.merge(
                    item.selections
                )

    def is_empty(self) -> bool:
        """True when it selects no field, even through its fragments."""
        return all(isinstance(i, FragmentSel) and i.selections.is_empty() for i in self.items)

    def copy(self) -> SelectionSet:
        """Return a deep copy."""
        result = SelectionSet()
        result.merge(self)
        return result

    def print(self, indent: str = "") -> str:
        """Print as GraphQL, one selection per line."""
        inner = indent + "  "
        lines = ["{"]
        for item in self.items:
            if isinstance(item, FieldSel):
                head = f"{item.alias}: {item.name}" if item.alias else item.name
                if item.arguments:
                    head += "(" + ", ".join(print_ast(a) for a in item.arguments) + ")"
                if item.directives:
                    head += " " + _printed(item.directives)
                if item.selections is not None:
                    head += " " + item.selections.print(inner)
                lines.append(inner + head)
            elif not item.selections.is_empty():  # an empty fragment selects nothing
                head = "..." + (f" on {item.type_condition}" if item.type_condition else "")
                if item.directives:
                    head += " " + _printed(item.directives)
                lines.append(inner + head + " " + item.selections.print(inner))
        lines.append(indent + "}")
        return "\n".join(lines)


def _printed(nodes: tuple[ArgumentNode, ...] | tuple[DirectiveNode, ...]) -> str:
    return " ".join(print_ast(node) for node in nodes)


def variables_used(selection_set: SelectionSet) -> list[str]:
    """Names of the variables used by arguments and directives, in first-use order."""
    found: dict[str, None] = {}

    class Collect(Visitor):
        def enter_variable(self, node: VariableNode, *_: object) -> None:
            found.setdefault(node.name.value, None)

    def walk(selections: SelectionSet) -> None:
        for item in selections.items:
            if isinstance(item, FragmentSel) and item.selections.is_empty():
                continue  # not printed, so its variables are not used
            for node in (*getattr(item, "arguments", ()), *item.directives):
                visit(node, Collect())
            if item.selections is not None:
                walk(item.selections)

    walk(selection_set)
    return list(found)
