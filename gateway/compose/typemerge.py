"""Merges the types of one field, argument or input field across subgraphs."""

from __future__ import annotations

from typing import Protocol

from gateway.compose.context import EnumUsage, MergeContext, Sources, present
from gateway.compose.typeref import TypeRef, is_strict_subtype, same_type


class Typed(Protocol):
    """A subgraph element with a type: field, argument or input field."""

    @property
    def type(self) -> TypeRef: ...

    @property
    def coordinate(self) -> str: ...


def merge_type_reference(
    ctx: MergeContext,
    sources: Sources[Typed],
    coordinate: str,
    is_input: bool = False,
    is_argument: bool = False,
) -> tuple[TypeRef, bool]:
    """The supergraph type (most general for outputs, strictest for inputs), and all-equal."""
    dest: TypeRef | None = None
    has_subtypes = has_incompatible = False
    is_member = ctx.supergraph.is_member
    for _, source in present(sources):
        if dest is None or same_type(dest, source.type):
            dest = source.type
        elif is_strict_subtype(dest, source.type, is_member):
            has_subtypes = True
            if is_input:
                dest = source.type
        elif is_strict_subtype(source.type, dest, is_member):
            has_subtypes = True
            if not is_input:
                dest = source.type
        else:
            has_incompatible = True
    assert dest is not None, f"no subgraph gives a type to {coordinate}"
    record_enum_usage(ctx, sources, dest, is_input)
    element = "argument" if is_argument else "field"
    values = [(ctx.names[i], f'type "{s.type}"') for i, s in present(sources)]
    if has_incompatible:
        code = "FIELD_ARGUMENT_TYPE_MISMATCH" if is_argument else "FIELD_TYPE_MISMATCH"
        ctx.report.mismatch_error(
            code,
            f'Type of {element} "{coordinate}" is incompatible across subgraphs: it has ',
            f'type "{dest}"',
            values,
        )
        return dest, False
    if has_subtypes:
        kind = "supertype" if is_input else "subtype"
        ctx.report.mismatch_hint(
            f"INCONSISTENT_BUT_COMPATIBLE_{element.upper()}_TYPE",
            f'Type of {element} "{coordinate}" is inconsistent but compatible across subgraphs: ',
            f'will use type "{{value}}" (from {{names}}) in supergraph but "{coordinate}" has ',
            f'{kind} "{{value}}" in {{names}}',
            str(dest),
            [(ctx.names[i], str(s.type)) for i, s in present(sources)],
            coordinate,
        )
        return dest, False
    return dest, True


def record_enum_usage(
    ctx: MergeContext, sources: Sources[Typed], dest: TypeRef, is_input: bool
) -> None:
    """Remember an enum is used in input and/or output position, with an example."""
    base = ctx.supergraph.types.get(dest.base_name)
    if base is None or base.kind != "ENUM":
        return
    position = "Input" if is_input else "Output"
    usage = ctx.enum_usages.get(base.name)
    if usage is None:
        usage = ctx.enum_usages[base.name] = EnumUsage(position)
    elif usage.position != position:
        usage.position = "Both"
    first = next((s for _, s in present(sources)), None)
    if first is not None:
        usage.examples.setdefault(position, first.coordinate)
