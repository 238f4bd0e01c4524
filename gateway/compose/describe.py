"""Merges descriptions: the most common wins, with a hint when subgraphs disagree."""

from __future__ import annotations

from gateway.compose.context import MergeContext, Sources
from gateway.compose.report import join_strings, print_subgraph_names


def merge_description(
    ctx: MergeContext, descriptions: Sources[str], coordinate: str | None
) -> str | None:
    """The description the supergraph uses for an element described per subgraph."""
    seen: list[str] = []
    counts: list[float] = []
    for description in descriptions:
        if description is None:
            continue
        if description in seen:
            counts[seen.index(description)] += 1
        else:
            seen.append(description)
            counts.append(float("-inf") if description == "" else 1)
    if not seen:
        return None
    non_empty = [d for d in seen if d != ""]
    if len(seen) == 1:
        return seen[0]
    if len(non_empty) == 1:
        return non_empty[0]
    chosen = seen[counts.index(max(counts))]
    hint_inconsistent(ctx, descriptions, chosen, coordinate)
    return chosen


def hint_inconsistent(
    ctx: MergeContext, descriptions: Sources[str], chosen: str, coordinate: str | None
) -> None:
    """Report `INCONSISTENT_DESCRIPTION` the way Apollo words it."""
    groups: dict[str, list[str]] = {}
    for name, description in zip(ctx.names, descriptions, strict=True):
        if description is not None:
            groups.setdefault(description, []).append(name)
    element = f'Element "{coordinate}"' if coordinate else "The schema definition"
    lead = (
        f"The supergraph will use description (from {print_subgraph_names(groups.pop(chosen))}):"
        f"\n{block(chosen)}"
    )
    others = [
        f"\nIn {print_subgraph_names(names)}, the description is:\n{block(text)}"
        for text, names in groups.items()
    ]
    message = f"{element} has inconsistent descriptions across subgraphs. " + lead
    ctx.report.hint("INCONSISTENT_DESCRIPTION", message + join_strings(others, " and "), coordinate)


def block(text: str) -> str:
    """A description as Apollo quotes it in hints."""
    return '  """\n  ' + text.replace("\n", "\n  ", 1) + '\n  """'
