"""Merges validated subgraphs into a supergraph, in the order Apollo's merger works."""

from __future__ import annotations

from gateway.compose.context import MergeContext, graph_enum_names
from gateway.compose.directive_defs import merge_directive_definitions
from gateway.compose.interface_objects import add_interface_object_fields
from gateway.compose.merge_enums import merge_enum
from gateway.compose.merge_fields import merge_interface, merge_object
from gateway.compose.merge_inputs import merge_input
from gateway.compose.merge_types import (
    add_types_shallow,
    merge_implements,
    merge_type_header,
    merge_union,
    type_sources,
)
from gateway.compose.metadata import Metadata
from gateway.compose.post import post_merge_validations
from gateway.compose.report import Report
from gateway.compose.schema import Subgraph
from gateway.compose.specs import join_version
from gateway.compose.supergraph import Graph, SType, Supergraph

ROOT_KINDS = ("query", "mutation", "subscription")


def merge_subgraphs(
    subgraphs: list[Subgraph], metas: list[Metadata], report: Report
) -> Supergraph | None:
    """Merge subgraphs sorted by name; None when an error was reported."""
    ctx = MergeContext(subgraphs, metas, report)
    ctx.graph_names = graph_enum_names(ctx.names)
    supergraph = ctx.supergraph
    supergraph.graphs = [
        Graph(enum, s.name, s.url) for enum, s in zip(ctx.graph_names, subgraphs, strict=True)
    ]
    supergraph.join_version = join_version(max(s.link.version for s in subgraphs))
    add_types_shallow(ctx)
    by_kind: dict[str, list[SType]] = {}
    for stype in supergraph.types.values():
        by_kind.setdefault(stype.kind, []).append(stype)
    for stype in by_kind.get("OBJECT", []) + by_kind.get("INTERFACE", []):
        merge_implements(ctx, type_sources(ctx, stype), stype)
    for stype in by_kind.get("UNION", []):
        merge_type_header(ctx, type_sources(ctx, stype), stype)
        merge_union(ctx, type_sources(ctx, stype), stype)
    merge_roots(ctx)
    for kind in ("SCALAR", "INPUT_OBJECT", "INTERFACE", "OBJECT"):
        for stype in by_kind.get(kind, []):
            sources = type_sources(ctx, stype)
            merge_type_header(ctx, sources, stype)
            if kind == "INPUT_OBJECT":
                merge_input(ctx, sources, stype)
            elif kind == "INTERFACE":
                merge_interface(ctx, sources, stype)
            elif kind == "OBJECT":
                merge_object(ctx, sources, stype)
    merge_directive_definitions(ctx)
    for stype in by_kind.get("ENUM", []):
        sources = type_sources(ctx, stype)
        merge_type_header(ctx, sources, stype)
        merge_enum(ctx, sources, stype)
    if "query" not in supergraph.roots:
        report.error(
            "NO_QUERIES",
            "No queries found in any subgraph: a supergraph must have a query root type.",
        )
    for apply in ctx.deferred:
        apply()
    add_interface_object_fields(ctx)
    if not report.errors:
        post_merge_validations(ctx)
    return None if report.errors else supergraph


def merge_roots(ctx: MergeContext) -> None:
    """A root type is in the supergraph when some subgraph gives it fields."""
    for kind in ROOT_KINDS:
        for subgraph in ctx.subgraphs:
            name = subgraph.roots.get(kind)
            root = subgraph.type(name) if name else None
            if name and root and root.fields:
                ctx.supergraph.roots[kind] = name
                break
