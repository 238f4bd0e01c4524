"""The civil-affairs subgraph (民政): marriages, divorces, adoptions, guardianship."""

from pathlib import Path

from agencies.civil_affairs import models, schema, seed
from subgraph.definition import SubgraphDefinition

definition = SubgraphDefinition(
    name="civil_affairs",
    title="民政 Civil Affairs",
    metadata=models.Base.metadata,
    query=schema.Query,
    mutation=schema.Mutation,
    types=schema.TYPES,
    reference_rows=seed.reference_rows,
    unit_rows=seed.unit_rows,
    policies=Path(__file__).with_name("policies.csv"),
)
