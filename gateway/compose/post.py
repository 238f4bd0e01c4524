"""Checks on the merged supergraph: interface fields implemented, inaccessible references."""

from __future__ import annotations

from gateway.compose.context import MergeContext
from gateway.compose.report import print_subgraph_names
from gateway.compose.supergraph import SElement
from gateway.compose.typeref import TypeRef


def post_merge_validations(ctx: MergeContext) -> None:
    """Report what only shows once everything is merged."""
    types = ctx.supergraph.types
    for stype in types.values():
        if stype.kind not in ("OBJECT", "INTERFACE"):
            continue
        for interface_name in stype.interfaces:
            interface = types.get(interface_name)
            for name in interface.fields if interface else ():
                if name in stype.fields:
                    continue
                with_field = [
                    s.name
                    for s in ctx.subgraphs
                    if (t := s.type(interface_name)) and t.kind == "INTERFACE" and name in t.fields
                ]
                implementing = [
                    s.name
                    for s in ctx.subgraphs
                    if (t := s.type(stype.name)) and interface_name in t.interfaces
                ]
                ctx.report.error(
                    "INTERFACE_FIELD_NO_IMPLEM",
                    f'Interface field "{interface_name}.{name}" is declared in '
                    f'{print_subgraph_names(with_field)} but type "{stype.name}", which '
                    f'implements "{interface_name}" only in {print_subgraph_names(implementing)} '
                    f'does not have field "{name}".',
                )
    check_inaccessible_references(ctx)


def check_inaccessible_references(ctx: MergeContext) -> None:
    """An accessible field, argument or input field may not use an inaccessible type."""
    types = ctx.supergraph.types

    def hidden(ref: TypeRef | None) -> bool:
        named = types.get(ref.base_name) if ref else None
        return named is not None and named.has("inaccessible")

    def check(element: SElement, coordinate: str, ref: TypeRef | None, parent_hidden: bool) -> None:
        if not parent_hidden and not element.has("inaccessible") and hidden(ref):
            ctx.report.error(
                "REFERENCED_INACCESSIBLE",
                f'Type "{ref.base_name if ref else ""}" is @inaccessible but is referenced by '
                f'"{coordinate}", which is in the API schema.',
            )

    for stype in types.values():
        type_hidden = stype.has("inaccessible")
        for target in stype.fields.values():
            check(target, target.coordinate, target.type, type_hidden)
            for arg in target.args.values():
                check(arg, arg.coordinate, arg.type, type_hidden or target.has("inaccessible"))
        for value in stype.input_fields.values():
            check(value, value.coordinate, value.type, type_hidden)
