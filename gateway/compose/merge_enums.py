"""Merges enum types: union for output-only enums, intersection for input-only, equal if both."""

from __future__ import annotations

from gateway.compose.applied import record_applied
from gateway.compose.context import MergeContext, Sources, present
from gateway.compose.describe import merge_description
from gateway.compose.report import print_subgraph_names
from gateway.compose.schema import NamedType
from gateway.compose.supergraph import Directive, SEnumValue, SType


def merge_enum(ctx: MergeContext, sources: Sources[NamedType], dest: SType) -> None:
    """Values: union for output enums, intersection for input ones, equal when both."""
    usage = ctx.enum_usages.get(dest.name)
    position = usage.position if usage else "Output"
    if usage is None:
        ctx.report.hint(
            "UNUSED_ENUM_TYPE",
            f'Enum type "{dest.name}" is defined but unused. It will be included in the '
            'supergraph with all the values appearing in any subgraph ("as if" it was only '
            "used as an output type).",
            dest.name,
        )
    for _, source in present(sources):
        for name in source.values:
            dest.values.setdefault(name, SEnumValue(name=name))
    for name, value in list(dest.values.items()):
        value_sources = [s.values.get(name) if s else None for s in sources]
        value.description = merge_description(
            ctx, [v.description if v else None for v in value_sources], f"{dest.name}.{name}"
        )
        record_applied(ctx, value_sources, value)
        for index, _ in present(value_sources):
            value.directives.append(Directive("join__enumValue", [("graph", ctx.graph(index))]))
        lacking = [ctx.names[i] for i, s in present(sources) if name not in s.values]
        if not lacking:
            continue
        values = [(ctx.names[i], "yes" if name in s.values else "no") for i, s in present(sources)]
        if position == "Output" or value.has("inaccessible"):
            if position == "Output":
                ctx.report.mismatch_hint(
                    "INCONSISTENT_ENUM_VALUE_FOR_OUTPUT_ENUM",
                    f'Value "{name}" of enum type "{dest.name}" has been added to the supergraph '
                    f'but is only defined in a subset of the subgraphs defining "{dest.name}": ',
                    f'"{name}" is defined in {{names}}',
                    " but not in {names}",
                    "yes",
                    values,
                    f"{dest.name}.{name}",
                )
        elif position == "Both":
            examples = usage.examples if usage else {}
            ctx.report.error(
                "ENUM_VALUE_MISMATCH",
                f'Enum type "{dest.name}" is used as both input type (for example, as type of '
                f'"{examples.get("Input")}") and output type (for example, as type of '
                f'"{examples.get("Output")}"), but value "{name}" is not defined in all the '
                f'subgraphs defining "{dest.name}": "{name}" is defined in '
                f"{print_subgraph_names([n for n, v in values if v == 'yes'])} but not in "
                f"{print_subgraph_names(lacking)}",
            )
        else:
            ctx.report.mismatch_hint(
                "INCONSISTENT_ENUM_VALUE_FOR_INPUT_ENUM",
                f'Value "{name}" of enum type "{dest.name}" will not be part of the supergraph '
                f'as it is not defined in all the subgraphs defining "{dest.name}": ',
                f'"{name}" is defined in {{names}}',
                " but not in {names}",
                "yes",
                values,
                f"{dest.name}.{name}",
            )
            del dest.values[name]
    if not dest.values:
        ctx.report.error(
            "EMPTY_MERGED_ENUM_TYPE",
            f'None of the values of enum type "{dest.name}" are defined consistently in all the '
            "subgraphs defining that type. As only values common to all subgraphs are merged, "
            "this would result in an empty type.",
        )
