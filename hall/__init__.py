"""The online service hall (网上办事大厅): catalogue, applications, workflow, deadlines, notices."""

from pathlib import Path

from hall import models, schema
from subgraph.definition import SubgraphDefinition

definition = SubgraphDefinition(
    name="hall",
    title="网上办事大厅 Service Hall",
    metadata=models.Base.metadata,
    query=schema.Query,
    mutation=schema.Mutation,
    types=schema.TYPES,
    policies=Path(__file__).with_name("policies.csv"),
    immediate_transactions=True,
)
