"""Decides where `@join__field` is needed and writes it; checks `@external` declarations."""

from __future__ import annotations

from gateway.compose.context import MergeContext, Sources, present
from gateway.compose.override import OverrideState
from gateway.compose.schema import Field, InputValue
from gateway.compose.supergraph import ArgValue, Directive, SElement
from gateway.compose.typeref import TypeRef, is_strict_subtype, same_type
from gateway.compose.values import print_value

Joinable = Field | InputValue


def is_external(ctx: MergeContext, index: int, source: Joinable) -> bool:
    """An `@external` field of subgraph `index` (input fields never are)."""
    return isinstance(source, Field) and ctx.metas[index].is_external(source)


def needs_join_field(
    ctx: MergeContext,
    sources: Sources[Joinable],
    parent: str,
    all_types_equal: bool,
    state: OverrideState,
) -> bool:
    """False only when every subgraph with the parent type resolves the field plainly."""
    if not all_types_equal or state.used_overridden or state.labels:
        return True
    for index, source in enumerate(sources):
        if source is not None and index not in state.unused_overridden:
            if is_external(ctx, index, source) or source.has("provides") or source.has("requires"):
                return True
        elif ctx.subgraphs[index].type(parent) is not None:
            return True
    return False


def add_join_field(
    ctx: MergeContext,
    sources: Sources[Joinable],
    dest: SElement,
    parent: str,
    all_types_equal: bool,
    state: OverrideState | None = None,
) -> None:
    """Write one `@join__field` per subgraph declaring the field, when needed at all."""
    state = state or OverrideState()
    if not needs_join_field(ctx, sources, parent, all_types_equal, state):
        return
    for index, source in enumerate(sources):
        if source is None:
            continue
        label = state.labels.get(index)
        if index in state.unused_overridden and label is None:
            continue
        args: list[tuple[str, ArgValue]] = [("graph", ctx.graph(index))]
        for name in ("requires", "provides"):
            applied = source.applied(name)
            if applied:
                args.append((name, applied[0].string("fields") or ""))
        override = source.applied("override")
        if override:
            args.append(("override", override[-1].string("from") or ""))
        if not all_types_equal:
            args.append(("type", str(source.type)))
        if is_external(ctx, index, source):
            args.append(("external", True))
        if index in state.used_overridden:
            args.append(("usedOverridden", True))
        if label is not None:
            args.append(("overrideLabel", label))
        dest.directives.append(Directive("join__field", args))


def validate_external_fields(
    ctx: MergeContext,
    sources: Sources[Field],
    dest_type: TypeRef,
    coordinate: str,
    dest_args: dict[str, tuple[TypeRef | None, str | None]],
    all_types_equal: bool,
) -> None:
    """External declarations must agree with the resolving ones on type and arguments."""
    is_member = ctx.supergraph.is_member
    bad_type = False
    for index, source in present(sources):
        if not is_external(ctx, index, source):
            continue
        if not (
            same_type(dest_type, source.type)
            or (not all_types_equal and is_strict_subtype(dest_type, source.type, is_member))
        ):
            bad_type = True
        for name, (arg_type, default) in dest_args.items():
            arg = source.args.get(name)
            if arg is None:
                ctx.report.error(
                    "EXTERNAL_ARGUMENT_MISSING",
                    f'Field "{coordinate}" is missing argument "{coordinate}({name}:)" in some '
                    f'subgraphs where it is marked @external: "{ctx.names[index]}" lacks it.',
                )
                continue
            if arg_type and not (
                same_type(arg_type, arg.type) or is_strict_subtype(arg.type, arg_type, is_member)
            ):
                ctx.report.error(
                    "EXTERNAL_ARGUMENT_TYPE_MISMATCH",
                    f'Type of argument "{coordinate}({name}:)" is incompatible across subgraphs '
                    f'(where "{coordinate}" is marked @external): it has type "{arg_type}" in the '
                    f'supergraph but type "{arg.type}" in subgraph "{ctx.names[index]}"',
                )
            arg_default = print_value(arg.default) if arg.default else None
            if arg_default != default:
                ctx.report.error(
                    "EXTERNAL_ARGUMENT_DEFAULT_MISMATCH",
                    f'Argument "{coordinate}({name}:)" has incompatible defaults across subgraphs '
                    f'(where "{coordinate}" is marked @external).',
                )
    if bad_type:
        ctx.report.mismatch_error(
            "EXTERNAL_TYPE_MISMATCH",
            f'Type of field "{coordinate}" is incompatible across subgraphs (where marked '
            "@external): it has ",
            f'type "{dest_type}"',
            [(ctx.names[i], f'type "{s.type}"') for i, s in present(sources)],
        )
