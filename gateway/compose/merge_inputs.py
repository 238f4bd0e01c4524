"""Merges input object types: the fields common to every subgraph defining the type."""

from __future__ import annotations

from gateway.compose.arguments import merge_input_value
from gateway.compose.context import MergeContext, Sources, present
from gateway.compose.join_field import add_join_field
from gateway.compose.report import print_subgraph_names
from gateway.compose.schema import InputValue, NamedType
from gateway.compose.supergraph import SType


def merge_input(ctx: MergeContext, sources: Sources[NamedType], dest: SType) -> None:
    """Keep input fields every subgraph declares; a required one missing somewhere is an error."""
    names: list[str] = []
    for _, source in present(sources):
        names.extend(name for name in source.input_fields if name not in names)
    for name in names:
        fields: Sources[InputValue] = [s.input_fields.get(name) if s else None for s in sources]
        coordinate = f"{dest.name}.{name}"
        merged, all_equal = merge_input_value(ctx, fields, coordinate, name, is_argument=False)
        add_join_field(ctx, list(fields), merged, dest.name, all_equal)
        lacking = [ctx.names[i] for i, s in present(sources) if name not in s.input_fields]
        if lacking and not merged.has("inaccessible"):
            required = [ctx.names[i] for i, f in present(fields) if f.is_required]
            if required:
                ctx.report.error(
                    "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
                    f'Input object field "{coordinate}" is required in some subgraphs but does '
                    f"not appear in all subgraphs: it is required in "
                    f"{print_subgraph_names(required)} but does not appear in "
                    f"{print_subgraph_names(lacking)}",
                )
            else:
                having = [ctx.names[i] for i, _ in present(fields)]
                ctx.report.hint(
                    "INCONSISTENT_INPUT_OBJECT_FIELD",
                    f'Input object field "{name}" will not be added to "{dest.name}" in the '
                    f"supergraph as it does not appear in all subgraphs: it is defined in "
                    f"{print_subgraph_names(having)} but not in {print_subgraph_names(lacking)}.",
                    coordinate,
                )
            continue
        dest.input_fields[name] = merged
    if not dest.input_fields:
        ctx.report.error(
            "EMPTY_MERGED_INPUT_TYPE",
            f'None of the fields of input object type "{dest.name}" are consistently defined in '
            "all the subgraphs defining that type. As only fields common to all subgraphs are "
            "merged, this would result in an empty type.",
        )
