"""The tax subgraph (税务): natural-person taxpayers, annual summaries, tax clearance."""

from pathlib import Path

from agencies.tax import models, schema, seed
from subgraph.definition import SubgraphDefinition

definition = SubgraphDefinition(
    name="tax",
    title="税务 Taxation",
    metadata=models.Base.metadata,
    query=schema.Query,
    mutation=schema.Mutation,
    types=schema.TYPES,
    unit_rows=seed.unit_rows,
    policies=Path(__file__).with_name("policies.csv"),
)
