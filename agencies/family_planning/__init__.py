"""The family-planning subgraph (卫生健康/计生): birth medical certificates; the link of a
certificate to its registered child the hall's approvals drive."""

from pathlib import Path

from agencies.family_planning import models, mutations, schema, seed
from subgraph.definition import SubgraphDefinition

definition = SubgraphDefinition(
    name="family_planning",
    title="卫生健康 Health and Family Planning",
    metadata=models.Base.metadata,
    query=schema.Query,
    mutation=mutations.Mutation,
    types=schema.TYPES,
    unit_rows=seed.unit_rows,
    policies=Path(__file__).with_name("policies.csv"),
)
