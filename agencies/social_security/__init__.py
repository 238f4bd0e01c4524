"""The social-security subgraph (人社/社保): insurance enrolments and employers."""

from pathlib import Path

from agencies.social_security import models, schema, seed
from subgraph.definition import SubgraphDefinition

definition = SubgraphDefinition(
    name="social_security",
    title="人社 Social Security",
    metadata=models.Base.metadata,
    query=schema.Query,
    mutation=schema.Mutation,
    types=schema.TYPES,
    reference_rows=seed.reference_rows,
    unit_rows=seed.unit_rows,
    policies=Path(__file__).with_name("policies.csv"),
)
