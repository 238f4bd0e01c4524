"""The query planner: from a client operation to a plan of subgraph fetches, cached."""

from __future__ import annotations

from graphql import OperationType, VariableNode, print_ast

from gateway.operation import Operation
from gateway.planner.aliases import alias_conflicts
from gateway.planner.builder import PlanBuilder
from gateway.planner.groups import Group, PlanningError
from gateway.planner.nodes import (
    Condition,
    Fetch,
    Flatten,
    Parallel,
    PlanNode,
    QueryPlan,
    Sequence,
)
from gateway.planner.schedule import schedule
from gateway.planner.selection import FragmentSel, variables_used
from gateway.supergraph import Supergraph

__all__ = ["Planner", "PlanningError", "QueryPlan"]


class Planner:
    """Plans operations over one supergraph (the engine caches the plans)."""

    def __init__(self, supergraph: Supergraph) -> None:
        self.supergraph = supergraph

    def plan(self, operation: Operation) -> QueryPlan:
        """Return the plan of an operation whose fragments are inlined."""
        builder = PlanBuilder(self.supergraph)
        roots = builder.split_root(operation.definition)
        return _assemble(builder, roots, operation)


def _assemble(builder: PlanBuilder, roots: list[Group], operation: Operation) -> QueryPlan:
    definition = operation.definition
    declared = {v.variable.name.value: v for v in definition.variable_definitions or ()}
    kind = definition.operation

    root_type = builder.schema.get_root_type(kind)
    assert root_type is not None

    def fetch(group: Group) -> Fetch:
        service = builder.supergraph.graph_name(group.graph)
        renames = alias_conflicts(
            builder.supergraph,
            group.graph,
            None if group.entity else root_type.name,
            group.selections,
        )
        used = variables_used(group.selections)
        params = [print_ast(declared[name]) for name in used if name in declared]
        body = group.selections.print("")
        if group.entity:
            params.insert(0, "$representations: [_Any!]!")
            inner = "\n".join("  " + line for line in body.splitlines())
            body = "{\n  _entities(representations: $representations) " + inner.strip() + "\n}"
        head = "query" if group.entity or kind is OperationType.QUERY else kind.value
        if operation.name:
            head += f" {operation.name}__{service}__{group.id}"
        if params:
            head += "(" + ", ".join(params) + ")"
        return Fetch(
            id=group.id,
            service=service,
            graph=group.graph,
            operation=f"{head} {body}",
            operation_kind="query" if group.entity else kind.value,
            selections=group.selections,
            requires=group.requires,
            variable_usages=tuple(name for name in used if name in declared),
            typename_rewrites=dict(group.typename_rewrites),
            renames=renames,
        )

    def subtree(root: Group) -> PlanNode:
        order = schedule(builder.groups, root)

        def node(group: Group) -> PlanNode:
            if group is root:
                fetched: PlanNode = fetch(group)
            else:
                fetched = conditioned(group, Flatten(group.merge_path, fetch(group)))
            waiting_for_it, waiting_for_more = order[group.id]
            parts = [fetched]
            children = [node(child) for child in waiting_for_it]
            if len(children) == 1 and isinstance(children[0], Sequence):
                parts += children[0].nodes  # a sequence in a sequence reads as one
            elif children:
                parts.append(children[0] if len(children) == 1 else Parallel(children))
            parts += [node(later) for later in waiting_for_more]
            return parts[0] if len(parts) == 1 else Sequence(parts)

        return node(root)

    trees = [subtree(root) for root in roots]
    if not trees:
        return QueryPlan(None)
    if len(trees) == 1:
        return QueryPlan(trees[0])
    return QueryPlan(Sequence(trees) if kind is OperationType.MUTATION else Parallel(trees))


def conditioned(group: Group, node: PlanNode) -> PlanNode:
    """Wrap a fetch in a Condition when everything it selects hangs on one @skip/@include."""
    directives = set()
    for fragment in group.selections.items:
        if not isinstance(fragment, FragmentSel):
            return node
        for item in fragment.selections.items:
            directives.add(print_ast(item.directives[0]) if len(item.directives) == 1 else None)
    if len(directives) != 1 or None in directives:
        return node
    directive = next(
        item.directives[0]
        for fragment in group.selections.items
        if isinstance(fragment, FragmentSel)
        for item in fragment.selections.items
    )
    argument = next((a for a in directive.arguments or () if a.name.value == "if"), None)
    if argument is None or not isinstance(argument.value, VariableNode):
        return node
    variable = argument.value.name.value
    if directive.name.value == "include":
        return Condition(variable, node, None)
    return Condition(variable, None, node)
