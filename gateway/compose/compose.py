"""`compose()`: subgraph SDLs in, a supergraph SDL (or Apollo-coded errors) out."""

from __future__ import annotations

from collections.abc import Sequence

from gateway.compose.loader import load_subgraph
from gateway.compose.merge import merge_subgraphs
from gateway.compose.metadata import compute_metadata
from gateway.compose.model import Composition, SubgraphSource
from gateway.compose.printer import print_supergraph
from gateway.compose.report import Report
from gateway.compose.validate import validate_subgraph


def compose(subgraphs: Sequence[SubgraphSource]) -> Composition:
    """Compose federation-2 subgraphs into a supergraph the way Apollo composition does."""
    report = Report()
    names = [s.name for s in subgraphs]
    for name in sorted(set(names)):
        if names.count(name) > 1:
            report.error("INVALID_SUBGRAPH_NAME", f'A subgraph named "{name}" already exists')
        if name == "_" or not name:
            report.error("INVALID_SUBGRAPH_NAME", f'Invalid subgraph name "{name}"')
    if not subgraphs:
        report.error("NO_QUERIES", "No subgraphs to compose.")
    if report.errors:
        return Composition(None, report.errors, report.hints)
    loaded = [load_subgraph(s, report) for s in sorted(subgraphs, key=lambda s: s.name)]
    if report.errors:
        return Composition(None, report.errors, report.hints)
    models = [s for s in loaded if s is not None]
    metas = [compute_metadata(s) for s in models]
    for subgraph, meta in zip(models, metas, strict=True):
        validate_subgraph(subgraph, meta, report)
    if report.errors:
        return Composition(None, report.errors, report.hints)
    supergraph = merge_subgraphs(models, metas, report)
    if supergraph is None:
        return Composition(None, report.errors, [])
    return Composition(print_supergraph(supergraph), [], report.hints)
