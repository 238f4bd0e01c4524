"""Collects errors and hints, and words the "in subgraph ..." lists the way Apollo does."""

from __future__ import annotations

from collections.abc import Sequence

from gateway.compose.model import CompositionError, CompositionHint

HUMAN_LIST_CUTOFF = 100


class Report:
    """The errors and hints gathered while composing."""

    def __init__(self) -> None:
        self.errors: list[CompositionError] = []
        self.hints: list[CompositionHint] = []

    def error(self, code: str, message: str) -> None:
        """Record an error."""
        self.errors.append(CompositionError(code, message))

    def hint(self, code: str, message: str, coordinate: str | None = None) -> None:
        """Record a hint."""
        self.hints.append(CompositionHint(code, message, coordinate))

    def mismatch_error(
        self,
        code: str,
        message: str,
        supergraph_value: str,
        values: Sequence[tuple[str, str]],
    ) -> None:
        """Record an error listing which subgraphs have which value, the supergraph's first."""
        self.error(
            code, message + join_strings(distribution(supergraph_value, values), " and ", " but ")
        )

    def mismatch_hint(
        self,
        code: str,
        message: str,
        lead: str,
        other: str,
        supergraph_value: str,
        values: Sequence[tuple[str, str]],
        coordinate: str | None = None,
        end_dot: bool = True,
    ) -> None:
        """Record a hint: `lead`, then `other` per other value (`{value}`/`{names}` templates)."""
        groups = group_by_value(values)
        lead_names = groups.pop(supergraph_value, None)
        names_text = print_subgraph_names(lead_names) if lead_names else "None"
        parts = [lead.format(value=supergraph_value, names=names_text)]
        parts.extend(
            other.format(value=value, names=print_subgraph_names(names))
            for value, names in groups.items()
        )
        text = message + parts[0] + join_strings(parts[1:], " and ")
        self.hint(code, text + ("." if end_dot else ""), coordinate)


def group_by_value(values: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    """Group `(subgraph, value)` pairs by value, keeping first-seen order."""
    groups: dict[str, list[str]] = {}
    for subgraph, value in values:
        groups.setdefault(value, []).append(subgraph)
    return groups


def distribution(supergraph_value: str, values: Sequence[tuple[str, str]]) -> list[str]:
    """Return `value in subgraphs` parts, the supergraph's value first."""
    groups = group_by_value(values)
    parts = []
    if supergraph_value in groups:
        names = groups.pop(supergraph_value)
        parts.append(f"{supergraph_value} in {print_subgraph_names(names)}")
    parts.extend(f"{value} in {print_subgraph_names(names)}" for value, names in groups.items())
    return parts


def join_strings(
    parts: Sequence[str], sep: str = ", ", first_sep: str | None = None, last_sep: str = " and "
) -> str:
    """Join like Apollo's `joinStrings`: `a but b and c` with `first_sep=" but "`."""
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return parts[0] + (first_sep or last_sep) + parts[1]
    middle = sep.join(parts[1:-1])
    return parts[0] + (first_sep or sep) + middle + last_sep + parts[-1]


def human_list(names: Sequence[str], prefix: str, prefix_plural: str) -> str:
    """`subgraph "a"` or `subgraphs "a", "b" and "c"`, cut after about 100 characters."""
    if not names:
        return ""
    if len(names) == 1:
        return f"{prefix} {names[0]}"
    shown, length = 0, 0
    for name in names:
        length += len(name)
        if length <= HUMAN_LIST_CUTOFF:
            shown += 1
    display = list(names[: max(1, shown)])
    if len(display) == len(names):
        return f"{prefix_plural} " + join_strings(display)
    return f"{prefix_plural} " + ", ".join(display) + ", ..."


def print_subgraph_names(names: Sequence[str]) -> str:
    """`subgraph "a"` / `subgraphs "a" and "b"`."""
    return human_list([f'"{name}"' for name in names], "subgraph", "subgraphs")
