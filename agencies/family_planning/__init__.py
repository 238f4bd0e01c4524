"""The family-planning subgraph (卫生健康/计生): birth medical certificates."""

from pathlib import Path

from agencies.family_planning import models, schema, seed
from subgraph.definition import SubgraphDefinition

definition = SubgraphDefinition(
    name="family_planning",
    title="卫生健康 Health and Family Planning",
    metadata=models.Base.metadata,
    query=schema.Query,
    types=schema.TYPES,
    unit_rows=seed.unit_rows,
    policies=Path(__file__).with_name("policies.csv"),
)
