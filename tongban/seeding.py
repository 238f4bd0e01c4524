"""Fills every agency's database with one streamed, deterministic population."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass

from tqdm import tqdm

from agencies.population import PopulationSpec, generate
from subgraph.database import Database
from subgraph.definition import SubgraphDefinition
from subgraph.seeding import BatchWriter

FLUSH_EVERY_PEOPLE = 2_000


@dataclass(frozen=True, kw_only=True)
class SeedReport:
    """What a seed run wrote and how long it took."""

    people: int
    rows: dict[str, int]
    seconds: float


async def seed_population(
    spec: PopulationSpec,
    agencies: Sequence[tuple[SubgraphDefinition, Database]],
    *,
    progress: bool = False,
) -> SeedReport:
    """Write the population's rows into each agency's (empty, created) tables."""
    started = time.perf_counter()
    writers = [(definition, BatchWriter(database)) for definition, database in agencies]
    for definition, writer in writers:
        writer.add(definition.reference_rows(spec))
    people = since_flush = 0
    with tqdm(total=spec.people, unit="people", disable=not progress, smoothing=0.1) as bar:
        for unit in generate(spec):
            for definition, writer in writers:
                writer.add(definition.unit_rows(unit))
            count = unit.registered_count
            people += count
            since_flush += count
            if since_flush >= FLUSH_EVERY_PEOPLE:
                await _flush(writers)
                bar.update(since_flush)
                since_flush = 0
        await _flush(writers)
        bar.update(since_flush)
    return SeedReport(
        people=people,
        rows={definition.name: writer.written for definition, writer in writers},
        seconds=time.perf_counter() - started,
    )


async def _flush(writers: Sequence[tuple[SubgraphDefinition, BatchWriter]]) -> None:
    await asyncio.gather(*(writer.flush() for _, writer in writers))
