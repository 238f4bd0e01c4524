"""Keeps executable directive definitions that every subgraph declares alike."""

from __future__ import annotations

from gateway.compose.arguments import merge_arguments
from gateway.compose.context import MergeContext
from gateway.compose.describe import merge_description
from gateway.compose.report import print_subgraph_names
from gateway.compose.schema import DirectiveDef
from gateway.compose.supergraph import SDirectiveDef

EXECUTABLE_LOCATIONS = frozenset(
    {
        "QUERY",
        "MUTATION",
        "SUBSCRIPTION",
        "FIELD",
        "FRAGMENT_DEFINITION",
        "FRAGMENT_SPREAD",
        "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION",
    }
)


def merge_directive_definitions(ctx: MergeContext) -> None:
    """Add executable directives defined in all subgraphs, on their common locations."""
    names: list[str] = []
    for subgraph in ctx.subgraphs:
        for name, definition in subgraph.directive_defs.items():
            if name not in names and executable(definition):
                names.append(name)
    for name in names:
        sources = [s.directive_defs.get(name) for s in ctx.subgraphs]
        missing = [ctx.names[i] for i, d in enumerate(sources) if d is None]
        if missing:
            having = [ctx.names[i] for i, d in enumerate(sources) if d is not None]
            ctx.report.hint(
                "INCONSISTENT_EXECUTABLE_DIRECTIVE_PRESENCE",
                f'Executable directive "@{name}" will not be part of the supergraph as it does '
                f"not appear in all subgraphs: it is defined in {print_subgraph_names(having)} "
                f"but not in {print_subgraph_names(missing)}.",
            )
            continue
        defined = [d for d in sources if d is not None]
        locations = sorted(set.intersection(*(set(executable(d)) for d in defined)))
        if not locations:
            ctx.report.hint(
                "NO_EXECUTABLE_DIRECTIVE_LOCATIONS_INTERSECTION",
                f'Executable directive "@{name}" has no location that is common to all subgraphs.',
            )
            continue
        first_locations = executable(defined[0])
        ctx.supergraph.directive_defs[name] = SDirectiveDef(
            name=name,
            description=merge_description(
                ctx, [d.description if d else None for d in sources], None
            ),
            args=merge_arguments(ctx, [d.args if d else None for d in sources], f"@{name}"),
            repeatable=all(d.repeatable for d in defined),
            locations=[loc for loc in first_locations if loc in locations],
        )


def executable(definition: DirectiveDef) -> list[str]:
    """The definition's executable locations."""
    return [loc for loc in definition.locations if loc in EXECUTABLE_LOCATIONS]
