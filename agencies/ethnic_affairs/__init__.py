"""The ethnic-affairs subgraph (民族宗教事务): ethnic groups and ethnicity changes."""

from pathlib import Path

from agencies.ethnic_affairs import models, mutations, schema, seed
from subgraph.definition import SubgraphDefinition

definition = SubgraphDefinition(
    name="ethnic_affairs",
    title="民族宗教 Ethnic Affairs",
    metadata=models.Base.metadata,
    query=schema.Query,
    mutation=mutations.Mutation,
    types=schema.TYPES,
    reference_rows=seed.reference_rows,
    unit_rows=seed.unit_rows,
    policies=Path(__file__).with_name("policies.csv"),
)
