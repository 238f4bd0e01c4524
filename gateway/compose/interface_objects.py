"""Adds the fields `@interfaceObject` subgraphs contribute to an interface's implementations."""

from __future__ import annotations

from gateway.compose.context import MergeContext
from gateway.compose.merge_fields import provided_by_interface_object, validate_field_sharing
from gateway.compose.override import OverrideState
from gateway.compose.supergraph import Directive, SField, SInputValue


def add_interface_object_fields(ctx: MergeContext) -> None:
    """Copy interface fields resolved by an `@interfaceObject` onto each implementation."""
    types = ctx.supergraph.types
    for stype in list(types.values()):
        if stype.kind != "OBJECT":
            continue
        for interface_name in stype.interfaces:
            interface = types.get(interface_name)
            if interface is None:
                continue
            for name, itf_field in interface.fields.items():
                if name in stype.fields:
                    continue
                if not provided_by_interface_object(ctx, name, interface_name):
                    continue
                copy = SField(
                    name=name,
                    parent=stype.name,
                    type=itf_field.type,
                    description=itf_field.description,
                    directives=non_join(itf_field.directives),
                    args={
                        arg_name: SInputValue(
                            name=arg.name,
                            type=arg.type,
                            default=arg.default,
                            description=arg.description,
                            directives=non_join(arg.directives),
                            coordinate=f"{stype.name}.{name}({arg.name}:)",
                        )
                        for arg_name, arg in itf_field.args.items()
                    },
                )
                copy.directives.append(Directive("join__field"))
                stype.fields[name] = copy
                sources = [None] * len(ctx.subgraphs)
                validate_field_sharing(ctx, sources, copy, OverrideState())


def non_join(directives: list[Directive]) -> list[Directive]:
    """The directives that are not `@join__*` ones."""
    return [d for d in directives if not d.name.startswith("join__")]
