"""The gateway engine: one GraphQL request in, one response out, over any supergraph."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from graphql import (
    FieldNode,
    GraphQLError,
    OperationType,
    execute,
)
from graphql.execution.values import get_variable_values
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule

from authz.actor import Actor
from gateway.auth.actor_tokens import ActorSigner
from gateway.executor.fetcher import FetcherConfig, Signer, SubgraphFetcher
from gateway.executor.run import PlanRunner, RunState
from gateway.executor.shape import ResponseShaper, ShapeMemo
from gateway.limits import OperationLimits, check_limits
from gateway.operation import (
    Operation,
    OperationError,
    parse_document,
    select_operation,
    validate_document,
)
from gateway.planner import Planner, PlanningError, QueryPlan
from gateway.supergraph import Supergraph


@dataclass(frozen=True)
class EngineConfig:
    """What the engine allows and reveals."""

    limits: OperationLimits = field(default_factory=OperationLimits)
    introspection: bool = True
    suggestions: bool = True
    expose_subgraph_errors: bool = False
    plan_cache_size: int = 1_000
    fetcher: FetcherConfig = field(default_factory=FetcherConfig)


@dataclass(frozen=True)
class GraphQLRequest:
    """A GraphQL request as a client sent it."""

    query: str
    variables: Mapping[str, Any] | None = None
    operation_name: str | None = None


@dataclass
class EngineResult:
    """The response body, and whether the request failed before execution."""

    body: dict[str, Any]
    request_error: bool = False
    operation_kind: str | None = None


class NotAllowed(Exception):
    """The operation kind is not allowed for this transport (a mutation over GET)."""


class Engine:
    """Validates, plans and executes operations against one supergraph."""

    def __init__(
        self,
        supergraph: Supergraph,
        config: EngineConfig | None = None,
        *,
        fetcher: SubgraphFetcher | None = None,
        signer: ActorSigner | None = None,
    ) -> None:
        self.supergraph = supergraph
        self.signer = signer
        self.config = config or EngineConfig()
        self.planner = Planner(supergraph)
        # Parsing and validating cost more than executing: a document seen before is
        # reused, with its plan, by its text and operation name.
        self._prepared = lru_cache(maxsize=self.config.plan_cache_size)(self._prepare_and_plan)
        self.fetcher = fetcher or SubgraphFetcher(self.config.fetcher)
        self.runner = PlanRunner(
            supergraph, self.fetcher, expose_subgraph_errors=self.config.expose_subgraph_errors
        )
        rules: tuple[type[ASTValidationRule], ...] = ()
        if not self.config.introspection:
            rules = (NoSchemaIntrospectionCustomRule,)
        self._rules = rules

    def prepare(self, request: GraphQLRequest) -> Operation:
        """Parse, validate and limit a request; raise `OperationError` for the client."""
        limits = self.config.limits
        document = parse_document(request.query, max_tokens=limits.max_tokens)
        validate_document(
            self.supergraph.api_schema,
            document,
            self._rules,
            hide_suggestions=not self.config.suggestions,
        )
        operation = select_operation(document, request.operation_name)
        errors = check_limits(operation.definition, limits)
        if errors:
            raise OperationError(errors)
        return operation

    def plan(self, request: GraphQLRequest) -> QueryPlan:
        """Return the query plan of a request (for `tongban plan` and tests)."""
        return self._prepared(request.query, request.operation_name)[1]

    def _prepare_and_plan(
        self, query: str, operation_name: str | None
    ) -> tuple[Operation, QueryPlan, ShapeMemo]:
        operation = self.prepare(GraphQLRequest(query, None, operation_name))
        return operation, self.planner.plan(operation), ShapeMemo()

    async def execute(
        self,
        request: GraphQLRequest,
        *,
        headers: Mapping[str, str] | None = None,
        allow_mutations: bool = True,
        actor: Actor | None = None,
    ) -> EngineResult:
        """Run a request end to end; errors come back in the body, never as exceptions."""
        try:
            operation, plan, memo = self._prepared(request.query, request.operation_name)
            kind = operation.definition.operation
            if kind is OperationType.MUTATION and not allow_mutations:
                raise NotAllowed
            variables = self._coerce_variables(operation, request.variables or {})
        except OperationError as error:
            return EngineResult({"errors": [self._format(e) for e in error.errors]}, True)
        except PlanningError as error:
            return EngineResult(
                {
                    "errors": [
                        {"message": str(error), "extensions": {"code": "QUERY_PLANNING_FAILED"}}
                    ]
                },
                True,
            )
        raw = {
            name: value for name, value in (request.variables or {}).items() if name in variables
        }
        state = RunState(
            variables=raw, headers=dict(headers or {}), flags=variables, sign=self._signer(actor)
        )
        self._introspect(operation, request, state)
        if plan.node is not None:
            await self.runner.run(plan.node, state)
        root = self.supergraph.api_schema.get_root_type(kind)
        assert root is not None
        shaper = ResponseShaper(self.supergraph.api_schema, variables, state.errors, memo)
        data = shaper.shape(root, operation.definition.selection_set, state.data)
        body: dict[str, Any] = {"data": data}
        if state.errors:
            body = {"errors": state.errors, "data": data}
        return EngineResult(body, operation_kind=kind.value)

    def _signer(self, actor: Actor | None) -> Signer | None:
        signer = self.signer
        if signer is None or actor is None:
            return None
        return lambda service: signer.headers(actor, service)

    def _coerce_variables(self, operation: Operation, inputs: Mapping[str, Any]) -> dict[str, Any]:
        coerced = get_variable_values(
            self.supergraph.api_schema,
            operation.definition.variable_definitions or (),
            dict(inputs),
            max_errors=20,
            hide_suggestions=not self.config.suggestions,
        )
        if isinstance(coerced, list):
            for error in coerced:
                error.extensions = {**(error.extensions or {}), "code": "BAD_USER_INPUT"}
            raise OperationError(coerced)
        return coerced.coerced

    def _introspect(self, operation: Operation, request: GraphQLRequest, state: RunState) -> None:
        wanted = [
            node
            for node in operation.definition.selection_set.selections
            if isinstance(node, FieldNode) and node.name.value in ("__schema", "__type")
        ]
        if not wanted:
            return
        result = execute(
            self.supergraph.api_schema,
            parse_document(request.query, max_tokens=self.config.limits.max_tokens),
            root_value={},
            variable_values=dict(request.variables or {}),
            operation_name=request.operation_name,
        )
        assert not hasattr(result, "__await__")
        data = getattr(result, "data", None) or {}
        for node in wanted:
            key = node.alias.value if node.alias else node.name.value
            state.data[key] = data.get(key)

    def _format(self, error: GraphQLError) -> dict[str, Any]:
        formatted: dict[str, Any] = dict(error.formatted)
        extensions = dict(formatted.get("extensions") or {})
        extensions.setdefault("code", "GRAPHQL_VALIDATION_FAILED")
        formatted["extensions"] = extensions
        return formatted

    async def close(self) -> None:
        """Release the subgraph connections."""
        await self.fetcher.close()
