"""Query plan nodes and their printing in Apollo's textual form."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from gateway.planner.aliases import KeyRename
from gateway.planner.selection import SelectionSet


@dataclass
class Fetch:
    """One operation sent to one subgraph; with `requires`, an `_entities` call."""

    id: int
    service: str
    graph: str
    operation: str
    operation_kind: str
    selections: SelectionSet
    requires: SelectionSet | None = None
    variable_usages: tuple[str, ...] = ()
    # __typename to send in representations instead of the object's own (@interfaceObject).
    typename_rewrites: dict[str, str] = field(default_factory=dict)
    # Fields sent under an alias because their key clashed with another type's field.
    renames: tuple[KeyRename, ...] = ()

    def same_call(self, other: Fetch) -> bool:
        """Tell whether `other` sends the same operation (its name aside) and representations."""
        return (
            self.service == other.service
            and self.operation_kind == other.operation_kind
            and self.selections == other.selections
            and self.variable_usages == other.variable_usages
            and self.requires == other.requires
            and self.typename_rewrites == other.typename_rewrites
            and self.renames == other.renames
        )

    def print(self, indent: str) -> str:
        inner = indent + "  "
        body = self.selections.print(inner)
        if self.requires is not None:
            body = self.requires.print(inner) + " =>\n" + inner + body
        return f'{indent}Fetch(service: "{self.service}") {{\n{inner}{body}\n{indent}}},'


@dataclass
class Flatten:
    """Apply a fetch to every object found at a response path (`@` spans lists)."""

    path: tuple[str, ...]
    node: Fetch

    def print(self, indent: str) -> str:
        path = ".".join(self.path)
        return f'{indent}Flatten(path: "{path}") {{\n{self.node.print(indent + "  ")}\n{indent}}},'


@dataclass
class Sequence:
    """Run nodes one after another."""

    nodes: list[PlanNode]

    def print(self, indent: str) -> str:
        inner = "\n".join(node.print(indent + "  ") for node in self.nodes)
        return f"{indent}Sequence {{\n{inner}\n{indent}}},"


@dataclass
class Parallel:
    """Run nodes concurrently."""

    nodes: list[PlanNode]

    @cached_property
    def batches(self) -> list[list[PlanNode]]:
        """The nodes, with entity fetches that differ only in their path batched together.

        Sibling Flattens that send the same `_entities` operation to the same subgraph (say
        `marriages.@.husband` and `marriages.@.wife`) can share one call: one list of
        representations for both paths. Every other node is a batch of its own.
        """
        batches: list[list[PlanNode]] = []
        for node in self.nodes:
            batch = next((b for b in batches if _share_a_call(b[0], node)), None)
            if batch is None:
                batches.append([node])
            else:
                batch.append(node)
        return batches

    def print(self, indent: str) -> str:
        inner = "\n".join(node.print(indent + "  ") for node in self.nodes)
        return f"{indent}Parallel {{\n{inner}\n{indent}}},"


@dataclass
class Condition:
    """Run one branch or the other depending on a Boolean variable (`@skip`/`@include`)."""

    variable: str
    if_clause: PlanNode | None
    else_clause: PlanNode | None

    def print(self, indent: str) -> str:
        parts = [f"{indent}Condition(if: ${self.variable}) {{"]
        if self.if_clause is not None:
            parts += [f"{indent}  Then {{", self.if_clause.print(indent + "    "), f"{indent}  }}"]
        if self.else_clause is not None:
            parts += [
                f"{indent}  Else {{",
                self.else_clause.print(indent + "    "),
                f"{indent}  }}",
            ]
        return "\n".join([*parts, f"{indent}}},"])


PlanNode = Fetch | Flatten | Sequence | Parallel | Condition


def _share_a_call(first: PlanNode, other: PlanNode) -> bool:
    """Tell whether two nodes are Flattens of the same call (see `Parallel.batches`)."""
    return (
        isinstance(first, Flatten)
        and isinstance(other, Flatten)
        and first.node.same_call(other.node)
    )


@dataclass
class QueryPlan:
    """What to fetch from which subgraph, in which order, for one operation."""

    node: PlanNode | None

    def print(self) -> str:
        """Return the plan in Apollo's textual form."""
        if self.node is None:
            return "QueryPlan {\n}"
        return "QueryPlan {\n" + self.node.print("  ") + "\n}"
