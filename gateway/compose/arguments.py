"""Merges arguments (of fields and directives) and default values."""

from __future__ import annotations

from graphql import ValueNode

from gateway.compose.applied import record_applied
from gateway.compose.context import MergeContext, Sources, present
from gateway.compose.describe import merge_description
from gateway.compose.report import print_subgraph_names
from gateway.compose.schema import InputValue
from gateway.compose.supergraph import SInputValue
from gateway.compose.typemerge import merge_type_reference
from gateway.compose.values import print_value


def merge_arguments(
    ctx: MergeContext, arg_maps: Sources[dict[str, InputValue]], coordinate: str
) -> dict[str, SInputValue]:
    """Arguments every subgraph has; an argument missing somewhere is dropped (or an error)."""
    names: list[str] = []
    for _, args in present(arg_maps):
        names.extend(name for name in args if name not in names)
    merged: dict[str, SInputValue] = {}
    for name in names:
        sources = [args.get(name) if args is not None else None for args in arg_maps]
        arg_coordinate = f"{coordinate}({name}:)"
        lacking = [ctx.names[i] for i, args in present(arg_maps) if name not in args]
        if lacking:
            required = [ctx.names[i] for i, arg in present(sources) if arg.is_required]
            if required:
                ctx.report.error(
                    "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
                    f'Argument "{arg_coordinate}" is required in some subgraphs but does not '
                    f"appear in all subgraphs: it is required in {print_subgraph_names(required)} "
                    f"but does not appear in {print_subgraph_names(lacking)}",
                )
            else:
                having = [ctx.names[i] for i, _ in present(sources)]
                ctx.report.hint(
                    "INCONSISTENT_ARGUMENT_PRESENCE",
                    f'Optional argument "{arg_coordinate}" will not be included in the supergraph '
                    f"as it does not appear in all subgraphs: it is defined in "
                    f"{print_subgraph_names(having)} but not in {print_subgraph_names(lacking)}.",
                    arg_coordinate,
                )
            continue
        merged[name], _ = merge_input_value(ctx, sources, arg_coordinate, name, is_argument=True)
    return merged


def merge_input_value(
    ctx: MergeContext,
    sources: Sources[InputValue],
    coordinate: str,
    name: str,
    is_argument: bool,
) -> tuple[SInputValue, bool]:
    """An argument/input field: description, directives, (strictest) type, default; all-equal."""
    dest = SInputValue(name=name, coordinate=coordinate)
    dest.description = merge_description(
        ctx, [s.description if s else None for s in sources], coordinate
    )
    record_applied(ctx, list(sources), dest)
    dest.type, all_equal = merge_type_reference(ctx, sources, coordinate, True, is_argument)
    kind = "Argument" if is_argument else "Input field"
    dest.default = merge_default(ctx, sources, coordinate, kind)
    return dest, all_equal


def printed(value: ValueNode | None) -> str | None:
    """A default value as text, to compare."""
    return None if value is None else print_value(value)


def merge_default(
    ctx: MergeContext, sources: Sources[InputValue], coordinate: str, kind: str
) -> ValueNode | None:
    """The default when all subgraphs agree; an error when two defaults differ."""
    dest: ValueNode | None = None
    seen_source = inconsistent = incompatible = False
    for _, source in present(sources):
        if dest is None:
            dest = source.default
            if seen_source and source.default is not None:
                inconsistent = True
        elif printed(dest) != printed(source.default):
            inconsistent = True
            if source.default is not None:
                incompatible = True
        seen_source = True
    values = [
        (ctx.names[i], f"default value {printed(s.default)}" if s.default else "no default value")
        for i, s in present(sources)
    ]
    if incompatible:
        code = (
            "FIELD_ARGUMENT_DEFAULT_MISMATCH"
            if kind == "Argument"
            else "INPUT_FIELD_DEFAULT_MISMATCH"
        )
        ctx.report.mismatch_error(
            code,
            f'{kind} "{coordinate}" has incompatible default values across subgraphs: it has ',
            f"default value {printed(dest)}" if dest else "no default value",
            values,
        )
        return dest
    if inconsistent:
        with_default = [n for n, v in values if v != "no default value"]
        without = [n for n, v in values if v == "no default value"]
        ctx.report.hint(
            "INCONSISTENT_DEFAULT_VALUE_PRESENCE",
            f'{kind} "{coordinate}" has a default value in only some subgraphs: will not use a '
            f"default in the supergraph (there is no default in {print_subgraph_names(without)}) "
            f'but "{coordinate}" has default value {printed(dest)} in '
            f"{print_subgraph_names(with_default)}.",
            coordinate,
        )
        return None
    return dest
