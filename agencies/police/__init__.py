"""The police subgraph (公安): persons, households, parents, ethnicity history, ID cards;
the registrations the hall's approvals drive."""

from pathlib import Path

from agencies.police import models, mutations, schema, seed
from subgraph.definition import SubgraphDefinition

definition = SubgraphDefinition(
    name="police",
    title="公安 Police",
    metadata=models.Base.metadata,
    query=schema.Query,
    mutation=mutations.Mutation,
    types=schema.TYPES,
    reference_rows=seed.reference_rows,
    unit_rows=seed.unit_rows,
    policies=Path(__file__).with_name("policies.csv"),
)
