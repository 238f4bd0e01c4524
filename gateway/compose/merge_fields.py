"""Merges object and interface types field by field: types, arguments, sharing, join__field."""

from __future__ import annotations

from gateway.compose.applied import merged_name, record_applied
from gateway.compose.arguments import merge_arguments
from gateway.compose.context import MergeContext, Sources, present
from gateway.compose.describe import merge_description
from gateway.compose.join_field import add_join_field, is_external, validate_external_fields
from gateway.compose.override import OverrideState, interface_object_fields, validate_override
from gateway.compose.report import human_list, print_subgraph_names
from gateway.compose.schema import Field, NamedType
from gateway.compose.supergraph import SField, SType
from gateway.compose.typemerge import merge_type_reference
from gateway.compose.values import print_value


def field_sources(
    ctx: MergeContext, sources: Sources[NamedType], dest: SType
) -> dict[str, list[Field | None]]:
    """Per field name (first-seen order), its declaration in each subgraph."""
    added: dict[str, list[Field | None]] = {}
    for index, source in present(sources):
        for name, declared in source.fields.items():
            added.setdefault(name, [None] * len(ctx.subgraphs))[index] = declared
    return added


def merge_object(ctx: MergeContext, sources: Sources[NamedType], dest: SType) -> None:
    """Merge an object type's fields; a type left without fields is dropped."""
    is_entity = hint_inconsistent_entity(ctx, sources, dest)
    is_value_type = not is_entity and dest.name not in ctx.supergraph.roots.values()
    added = field_sources(ctx, sources, dest)
    if not added:
        del ctx.supergraph.types[dest.name]
        return
    for name, fields in added.items():
        dest.fields[name] = target = SField(name=name, parent=dest.name)
        if is_value_type:
            hint_inconsistent_value_field(ctx, sources, dest, name)
        state = validate_override(ctx, fields, target)
        merge_field(ctx, fields, target, state)
        validate_field_sharing(ctx, fields, target, state)


def merge_interface(ctx: MergeContext, sources: Sources[NamedType], dest: SType) -> None:
    """Merge an interface's fields (sharing is not checked on interfaces)."""
    has_key = validate_interface_keys(ctx, sources, dest)
    validate_interface_objects(ctx, sources, dest)
    for name, fields in field_sources(ctx, sources, dest).items():
        dest.fields[name] = target = SField(name=name, parent=dest.name)
        if not has_key:
            hint_inconsistent_value_field(ctx, sources, dest, name)
        merge_field(ctx, fields, target, validate_override(ctx, fields, target))


def merge_field(
    ctx: MergeContext, sources: Sources[Field], dest: SField, state: OverrideState
) -> None:
    """Description, directives, arguments, type and `@join__field` of one field."""
    every_external = all(
        all(is_external(ctx, i, f) for f in interface_object_fields(ctx, dest, i))
        if source is None
        else is_external(ctx, i, source)
        for i, source in enumerate(sources)
    )
    if every_external:
        defining = [ctx.names[i] for i, _ in present(sources)]
        ctx.report.error(
            "EXTERNAL_MISSING_ON_BASE",
            f'Field "{dest.coordinate}" is marked @external on all the subgraphs in which it is '
            f"listed ({print_subgraph_names(defining)}).",
        )
        return
    resolving: list[Field | None] = []
    for index, source in enumerate(sources):
        if source is None or not is_external(ctx, index, source):
            resolving.append(source)
            continue
        resolving.append(None)
        for applied in source.directives:
            if merged_name(applied) is not None:
                ctx.report.error(
                    "MERGED_DIRECTIVE_APPLICATION_ON_EXTERNAL",
                    f"[{ctx.names[index]}] Cannot apply merged directive {applied.text} to "
                    f'external field "{source.coordinate}"',
                )
    if present(resolving):
        dest.description = merge_description(
            ctx, [s.description if s else None for s in resolving], dest.coordinate
        )
        record_applied(ctx, list(resolving), dest)
        dest.args = merge_arguments(
            ctx, [s.args if s else None for s in resolving], dest.coordinate
        )
    typed = resolving if present(resolving) else sources
    dest.type, all_equal = merge_type_reference(ctx, typed, dest.coordinate)
    if any(s is not None and is_external(ctx, i, s) for i, s in enumerate(sources)):
        dest_args = {
            name: (arg.type, print_value(arg.default) if arg.default else None)
            for name, arg in dest.args.items()
        }
        validate_external_fields(ctx, sources, dest.type, dest.coordinate, dest_args, all_equal)
    add_join_field(ctx, list(sources), dest, dest.parent, all_equal, state)


def validate_field_sharing(
    ctx: MergeContext, sources: Sources[Field], dest: SField, state: OverrideState
) -> None:
    """`INVALID_FIELD_SHARING` when several subgraphs resolve a field not all mark shareable."""
    shareable: list[tuple[str, int]] = []
    non_shareable: list[tuple[str, int]] = []
    resolving: list[str] = []

    def categorize(index: int, label: str, declared: Field) -> None:
        meta = ctx.metas[index]
        if not meta.is_fully_external(declared):
            resolving.append(label)
            (shareable if meta.is_shareable(declared) else non_shareable).append((label, index))

    for index, source in enumerate(sources):
        label = f'"{ctx.names[index]}"'
        if source is None:
            for stand_in in interface_object_fields(ctx, dest, index):
                via = f' (through @interfaceObject field "{stand_in.coordinate}")'
                categorize(index, label + via, stand_in)
        elif not state.overridden(index):
            categorize(index, label, source)
    if non_shareable and (shareable or len(non_shareable) > 1):

        def listed(labels: list[str]) -> str:
            return human_list(labels, "subgraph", "subgraphs")

        culprits = listed([label for label, _ in non_shareable]) if shareable else "all of them"
        extra = ""
        unknown = next((label for label, i in non_shareable if i in state.unknown_target), None)
        if unknown is not None:
            extra = (
                f' (please note that "{dest.coordinate}" has an @override directive in {unknown} '
                "that targets an unknown subgraph so this could be due to misspelling the "
                "@override(from:) argument)"
            )
        ctx.report.error(
            "INVALID_FIELD_SHARING",
            f'Non-shareable field "{dest.coordinate}" is resolved from multiple subgraphs: it is '
            f"resolved from {listed(resolving)} and defined as non-shareable in {culprits}{extra}",
        )


def hint_inconsistent_entity(ctx: MergeContext, sources: Sources[NamedType], dest: SType) -> bool:
    """Hint when only some subgraphs give the type a key; return whether any does."""
    keyed = [(ctx.names[i], "yes" if s.applied("key") else "no") for i, s in present(sources)]
    if any(v == "yes" for _, v in keyed) and any(v == "no" for _, v in keyed):
        ctx.report.mismatch_hint(
            "INCONSISTENT_ENTITY",
            f'Type "{dest.name}" is declared as an entity (has a @key applied) in some but not all '
            "defining subgraphs: ",
            "it has no @key in {names}",
            " but has some @key in {names}",
            "no",
            keyed,
            dest.name,
        )
    return any(v == "yes" for _, v in keyed)


def hint_inconsistent_value_field(
    ctx: MergeContext, sources: Sources[NamedType], dest: SType, name: str
) -> None:
    """Hint when a value type's field is missing from some subgraphs defining the type."""
    for index, source in present(sources):
        subgraph, meta = ctx.subgraphs[index], ctx.metas[index]
        if subgraph.is_interface_object(source):
            continue
        all_external = all(meta.is_external(f) for f in source.fields.values())
        provided = dest.kind == "INTERFACE" and provided_by_interface_object(ctx, name, dest.name)
        if name not in source.fields and not all_external and not provided:
            kind = "non-entity object" if dest.kind == "OBJECT" else "interface"
            code = "OBJECT" if dest.kind == "OBJECT" else "INTERFACE"
            ctx.report.mismatch_hint(
                f"INCONSISTENT_{code}_VALUE_TYPE_FIELD",
                f'Field "{dest.name}.{name}" of {kind} type "{dest.name}" is defined in some but '
                f'not all subgraphs that define "{dest.name}": ',
                f'"{dest.name}.{name}" is defined in {{names}}',
                " but not in {names}",
                "yes",
                [(ctx.names[i], "yes" if name in s.fields else "no") for i, s in present(sources)],
                dest.name,
            )
            return


def provided_by_interface_object(ctx: MergeContext, field_name: str, interface: str) -> bool:
    """True when some subgraph's `@interfaceObject` for the interface resolves the field."""
    for subgraph, meta in zip(ctx.subgraphs, ctx.metas, strict=True):
        stand_in = subgraph.type(interface)
        if stand_in is not None and subgraph.is_interface_object(stand_in):
            declared = stand_in.fields.get(field_name)
            if declared is not None and not meta.is_external(declared):
                return True
    return False


def validate_interface_keys(ctx: MergeContext, sources: Sources[NamedType], dest: SType) -> bool:
    """A resolvable interface key needs every supergraph implementation in that subgraph."""
    implementations = [t.name for t in ctx.supergraph.types.values() if dest.name in t.interfaces]
    has_key = False
    for index, source in present(sources):
        if source.kind != "INTERFACE":
            continue
        keys = source.applied("key")
        has_key = has_key or bool(keys)
        resolvable = next((k for k in keys if k.boolean("resolvable") is not False), None)
        if resolvable is None:
            continue
        local = {t.name for t in ctx.subgraphs[index].implementations(dest.name)}
        missing = [name for name in implementations if name not in local]
        if missing:
            subgraph = ctx.names[index]
            types = human_list([f'"{m}"' for m in missing], "type", "types")
            ctx.report.error(
                "INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE",
                f'[{subgraph}] Interface type "{dest.name}" has a resolvable key '
                f'({resolvable.text}) in subgraph "{subgraph}" but that subgraph is missing some '
                f'of the supergraph implementation types of "{dest.name}". Subgraph "{subgraph}" '
                f"should define {types} (and have {'them' if len(missing) > 1 else 'it'} "
                f'implement "{dest.name}").',
            )
    return has_key


def validate_interface_objects(ctx: MergeContext, sources: Sources[NamedType], dest: SType) -> None:
    """A subgraph with an `@interfaceObject` must not define the interface's implementations."""
    implementations = [t.name for t in ctx.supergraph.types.values() if dest.name in t.interfaces]
    for index, source in present(sources):
        subgraph = ctx.subgraphs[index]
        if not subgraph.is_interface_object(source):
            continue
        defined = [name for name in implementations if subgraph.type(name) is not None]
        if defined:
            types = human_list([f'"{d}"' for d in defined], "type", "types")
            ctx.report.error(
                "INTERFACE_OBJECT_USAGE_ERROR",
                f'[{subgraph.name}] Interface type "{dest.name}" is defined as an @interfaceObject '
                f'in subgraph "{subgraph.name}" so that subgraph should not define any of the '
                f'implementation types of "{dest.name}", but it defines {types}',
            )
