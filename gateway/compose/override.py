"""Validates `@override(from:)` on a field and records which subgraphs it overrides."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gateway.compose.context import MergeContext, Sources, present
from gateway.compose.schema import Field
from gateway.compose.supergraph import SField

LABEL = re.compile(r"^[a-zA-Z][a-zA-Z0-9_\-:./]*$")
PERCENT = re.compile(r"^percent\((\d{1,2}(\.\d{1,8})?|100)\)$")


@dataclass
class OverrideState:
    """Per subgraph: overridden and still used, overridden and unused, labels, unknown targets."""

    used_overridden: set[int] = field(default_factory=set)
    unused_overridden: set[int] = field(default_factory=set)
    unknown_target: set[int] = field(default_factory=set)
    labels: dict[int, str] = field(default_factory=dict)

    def overridden(self, index: int) -> bool:
        """True when the subgraph's field is overridden (used or not)."""
        return index in self.used_overridden or index in self.unused_overridden


def interface_object_fields(ctx: MergeContext, dest: SField, index: int) -> list[Field]:
    """Fields of `@interfaceObject` types standing for `dest`'s parent in a subgraph lacking it."""
    subgraph = ctx.subgraphs[index]
    parent = ctx.supergraph.types[dest.parent]
    if parent.kind != "OBJECT" or subgraph.type(dest.parent) is not None:
        return []
    found = []
    for interface in parent.interfaces:
        stand_in = subgraph.type(interface)
        itf = ctx.supergraph.types.get(interface)
        if stand_in and stand_in.kind == "OBJECT" and itf and dest.name in itf.fields:
            if dest.name in stand_in.fields:
                found.append(stand_in.fields[dest.name])
    return found


def validate_override(ctx: MergeContext, sources: Sources[Field], dest: SField) -> OverrideState:
    """Check each `@override` of the field; return which subgraphs lose it."""
    state = OverrideState()
    with_override = {i: s.applied("override")[0] for i, s in present(sources) if s.has("override")}
    for index, directive in with_override.items():
        name = ctx.names[index]
        source = sources[index]
        assert source is not None
        parent = ctx.subgraphs[index].types[source.parent]
        if parent.kind == "INTERFACE":
            ctx.report.error(
                "OVERRIDE_ON_INTERFACE",
                f'@override cannot be used on field "{dest.coordinate}" on subgraph "{name}": '
                "@override is not supported on interface type fields.",
            )
            continue
        if ctx.subgraphs[index].is_interface_object(parent):
            ctx.report.error(
                "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                "@override is not yet supported on fields of @interfaceObject types: cannot be "
                f'used on field "{dest.coordinate}" on subgraph "{name}".',
            )
            continue
        origin = directive.string("from") or ""
        if origin not in ctx.names:
            state.unknown_target.add(index)
            ctx.report.hint(
                "FROM_SUBGRAPH_DOES_NOT_EXIST",
                f'Source subgraph "{origin}" for field "{dest.coordinate}" on subgraph "{name}" '
                "does not exist.",
                dest.coordinate,
            )
        elif origin == name:
            ctx.report.error(
                "OVERRIDE_FROM_SELF_ERROR",
                f'Source and destination subgraphs "{origin}" are the same for overridden field '
                f'"{dest.coordinate}"',
            )
        elif ctx.names.index(origin) in with_override:
            ctx.report.error(
                "OVERRIDE_SOURCE_HAS_OVERRIDE",
                f'Field "{dest.coordinate}" on subgraph "{name}" is also marked with directive '
                f'@override in subgraph "{origin}". Only one @override directive is allowed per '
                "field.",
            )
        else:
            override_from(ctx, sources, dest, state, index, origin)
    return state


def override_from(
    ctx: MergeContext,
    sources: Sources[Field],
    dest: SField,
    state: OverrideState,
    index: int,
    origin: str,
) -> None:
    """Record that subgraph `index` takes the field over from subgraph `origin`."""
    name, origin_index = ctx.names[index], ctx.names.index(origin)
    overriding = sources[index]
    overridden = sources[origin_index]
    assert overriding is not None
    if overridden is None:
        if interface_object_fields(ctx, dest, origin_index):
            ctx.report.error(
                "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                f'Invalid @override on field "{dest.coordinate}" of subgraph "{name}": source '
                f'subgraph "{origin}" does not have field "{dest.coordinate}" but abstract it '
                "in an @interfaceObject type and overriding abstracted fields is not supported.",
            )
            return
        ctx.report.hint(
            "OVERRIDE_DIRECTIVE_CAN_BE_REMOVED",
            f'Field "{dest.coordinate}" on subgraph "{name}" no longer exists in the from '
            "subgraph. The @override directive can be removed.",
            dest.coordinate,
        )
        return
    origin_meta = ctx.metas[origin_index]
    conflict = next((d for d in ("requires", "provides") if overridden.has(d)), None)
    conflict_subgraph = origin
    if conflict is None and ctx.metas[index].is_external(overriding):
        conflict, conflict_subgraph = "external", name
    if conflict is not None:
        ctx.report.error(
            "OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
            f'@override cannot be used on field "{dest.coordinate}" on subgraph "{name}" since '
            f'"{dest.coordinate}" on "{conflict_subgraph}" is marked with directive "@{conflict}"',
        )
        return
    label = overriding.applied("override")[0].string("label")
    if origin_meta.is_external(overridden):
        ctx.report.hint(
            "OVERRIDE_DIRECTIVE_CAN_BE_REMOVED",
            f'Field "{dest.coordinate}" on subgraph "{name}" is not resolved anymore by the from '
            f'subgraph (it is marked "@external" in "{origin}"). The @override directive can be '
            "removed.",
            dest.coordinate,
        )
    elif origin_meta.is_used(overridden):
        state.used_overridden.add(origin_index)
        if label is None:
            ctx.report.hint(
                "OVERRIDDEN_FIELD_CAN_BE_REMOVED",
                f'Field "{dest.coordinate}" on subgraph "{origin}" is overridden. It is still used '
                "in some federation directive(s) (@key, @requires, and/or @provides) and/or to "
                "satisfy interface constraint(s), but consider marking it @external explicitly or "
                "removing it along with its references.",
                dest.coordinate,
            )
    else:
        state.unused_overridden.add(origin_index)
        if label is None:
            ctx.report.hint(
                "OVERRIDDEN_FIELD_CAN_BE_REMOVED",
                f'Field "{dest.coordinate}" on subgraph "{origin}" is overridden. Consider '
                "removing it.",
                dest.coordinate,
            )
    if label is not None:
        if LABEL.match(label) or (
            (match := PERCENT.match(label)) and 0 <= float(match.group(1)) <= 100
        ):
            state.labels[index] = state.labels[origin_index] = label
            ctx.report.hint(
                "OVERRIDE_MIGRATION_IN_PROGRESS",
                f'Field "{dest.coordinate}" is currently being migrated with progressive '
                f"@override. Once the migration is complete, remove the field from subgraph "
                f'"{origin}".',
                dest.coordinate,
            )
        else:
            ctx.report.error(
                "OVERRIDE_LABEL_INVALID",
                f'Invalid @override label "{label}" on field "{dest.coordinate}" on subgraph '
                f'"{name}": labels must start with a letter and after that may contain '
                "alphanumerics, underscores, minuses, colons, periods, or slashes. "
                'Alternatively, labels may be of the form "percent(x)" where x is a float '
                "between 0-100 inclusive.",
            )
