"""Creates the supergraph types and merges the non-field parts: kinds, join__type, members."""

from __future__ import annotations

from gateway.compose.applied import record_applied
from gateway.compose.context import MergeContext, Sources, present
from gateway.compose.describe import merge_description
from gateway.compose.report import print_subgraph_names
from gateway.compose.schema import NamedType
from gateway.compose.supergraph import ArgValue, Directive, SType

KIND_NAMES = {
    "OBJECT": "Object Type",
    "INTERFACE": "Interface Type",
    "UNION": "Union Type",
    "ENUM": "Enum Type",
    "INPUT_OBJECT": "Input Object Type",
    "SCALAR": "Scalar Type",
}


def add_types_shallow(ctx: MergeContext) -> None:
    """Create every type of every subgraph; report kinds that disagree."""
    kinds: dict[str, list[tuple[str, str]]] = {}
    interface_objects: set[str] = set()
    mismatched: set[str] = set()
    for subgraph in ctx.subgraphs:
        for named in subgraph.types.values():
            kind, label = named.kind, KIND_NAMES[named.kind]
            if subgraph.is_interface_object(named):
                kind, label = (
                    "INTERFACE",
                    "Interface Object Type (Object Type with @interfaceObject)",
                )
                interface_objects.add(named.name)
            kinds.setdefault(named.name, []).append((subgraph.name, label))
            existing = ctx.supergraph.types.setdefault(
                named.name, SType(name=named.name, kind=kind)
            )
            if existing.kind != kind:
                mismatched.add(named.name)
    for name in mismatched:
        ctx.report.mismatch_error(
            "TYPE_KIND_MISMATCH",
            f'Type "{name}" has mismatched kind: it is defined as ',
            kinds[name][0][1],
            kinds[name],
        )
    for name in interface_objects - mismatched:
        if not any(
            (t := s.type(name)) is not None and t.kind == "INTERFACE" for s in ctx.subgraphs
        ):
            defined = [s.name for s in ctx.subgraphs if s.type(name) is not None]
            ctx.report.error(
                "INTERFACE_OBJECT_USAGE_ERROR",
                f'Type "{name}" is declared with @interfaceObject in all the subgraphs in which '
                f"it is defined (it is defined in {print_subgraph_names(defined)} but should be "
                "defined as an interface in at least one subgraph)",
            )


def type_sources(ctx: MergeContext, dest: SType) -> Sources[NamedType]:
    """The subgraph declarations of a supergraph type (of the same kind)."""
    sources: list[NamedType | None] = []
    for subgraph in ctx.subgraphs:
        named = subgraph.type(dest.name)
        kind = None
        if named is not None:
            kind = "INTERFACE" if subgraph.is_interface_object(named) else named.kind
        sources.append(named if kind == dest.kind else None)
    return sources


def merge_type_header(ctx: MergeContext, sources: Sources[NamedType], dest: SType) -> None:
    """Extension check, description, `@join__type` and type-level applied directives."""
    check_extension_with_no_base(ctx, sources, dest)
    dest.description = merge_description(
        ctx, [s.description if s else None for s in sources], dest.name
    )
    add_join_type(ctx, sources, dest)
    record_applied(ctx, sources, dest)


def check_extension_with_no_base(
    ctx: MergeContext, sources: Sources[NamedType], dest: SType
) -> None:
    """`EXTENSION_WITH_NO_BASE` when only extensions declare a non-root type."""
    if dest.name in ctx.supergraph.roots.values():
        return
    found = present(sources)
    if any(s.has_definition for _, s in found):
        return
    for index, source in found:
        if source.has_extension:
            name = ctx.names[index]
            ctx.report.error(
                "EXTENSION_WITH_NO_BASE",
                f'[{name}] Type "{dest.name}" is an extension type, but there is no type '
                f'definition for "{dest.name}" in any subgraph.',
            )


def add_join_type(ctx: MergeContext, sources: Sources[NamedType], dest: SType) -> None:
    """One `@join__type` per subgraph, or per key where the subgraph has keys."""
    for index, source in present(sources):
        subgraph = ctx.subgraphs[index]
        interface_object = subgraph.is_interface_object(source)
        keys = source.applied("key")
        graph = ("graph", ctx.graph(index))
        flag: list[tuple[str, ArgValue]] = [("isInterfaceObject", True)] if interface_object else []
        if not keys:
            dest.directives.append(Directive("join__type", [graph, *flag]))
        for key in keys:
            args: list[tuple[str, ArgValue]] = [graph, ("key", key.string("fields") or "")]
            if key.of_extension or source.has("extends"):
                args.append(("extension", True))
            resolvable = key.boolean("resolvable")
            if resolvable is not None:
                args.append(("resolvable", resolvable))
            dest.directives.append(Directive("join__type", args + flag))


def merge_implements(ctx: MergeContext, sources: Sources[NamedType], dest: SType) -> None:
    """Implemented interfaces: the union, each with `@join__implements` per subgraph."""
    for index, source in present(sources):
        for interface in source.interfaces:
            if interface not in dest.interfaces:
                dest.interfaces.append(interface)
            dest.directives.append(
                Directive(
                    "join__implements", [("graph", ctx.graph(index)), ("interface", interface)]
                )
            )


def merge_union(ctx: MergeContext, sources: Sources[NamedType], dest: SType) -> None:
    """Members: the union, each with `@join__unionMember` per subgraph."""
    for _, source in present(sources):
        for member in source.members:
            if member not in dest.members:
                dest.members.append(member)
    for member in dest.members:
        for index, source in present(sources):
            if member in source.members:
                dest.directives.append(
                    Directive(
                        "join__unionMember", [("graph", ctx.graph(index)), ("member", member)]
                    )
                )
        lacking = [(i, s) for i, s in present(sources) if member not in s.members]
        if lacking:
            values = [
                (ctx.names[i], "yes" if member in s.members else "no") for i, s in present(sources)
            ]
            ctx.report.mismatch_hint(
                "INCONSISTENT_UNION_MEMBER",
                f'Union type "{dest.name}" includes member type "{member}" in some but not all '
                "defining subgraphs: ",
                f'"{member}" is defined in {{names}}',
                " but not in {names}",
                "yes",
                values,
                dest.name,
            )
