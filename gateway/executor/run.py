"""Runs a query plan: fetches in sequence and in parallel, entities merged at their paths."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from gateway.executor.fetcher import FetchFailure, Signer, SubgraphFetcher
from gateway.executor.merge import ResponsePath, deep_merge, objects_at, undo_aliases
from gateway.planner.nodes import Condition, Fetch, Flatten, Parallel, PlanNode, Sequence
from gateway.planner.selection import FieldSel, FragmentSel, SelectionSet
from gateway.supergraph import Supergraph

PUBLIC_ERROR_CODES = frozenset({"BAD_USER_INPUT", "FORBIDDEN", "UNAUTHENTICATED", "NOT_FOUND"})


@dataclass
class RunState:
    """The raw data tree and the errors of one request."""

    variables: Mapping[str, Any]
    headers: Mapping[str, str]
    # Coerced values (defaults applied) that decide @skip/@include conditions.
    flags: Mapping[str, Any] = field(default_factory=dict)
    # Per-attempt headers for a subgraph (the actor token), if the edge authenticated one.
    sign: Signer | None = None
    data: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)


class PlanRunner:
    """Executes plan nodes against the supergraph's subgraphs."""

    def __init__(
        self, supergraph: Supergraph, fetcher: SubgraphFetcher, *, expose_subgraph_errors: bool
    ) -> None:
        self.supergraph = supergraph
        self.fetcher = fetcher
        self.expose_subgraph_errors = expose_subgraph_errors
        self.placeholders = frozenset(
            name for name, info in supergraph.types.items() if info.interface_object_in
        )

    async def run(self, node: PlanNode, state: RunState) -> None:
        """Execute one node and everything under it."""
        if isinstance(node, Sequence):
            for child in node.nodes:
                await self.run(child, state)
        elif isinstance(node, Parallel):
            await asyncio.gather(*(self._run_batch(batch, state) for batch in node.batches))
        elif isinstance(node, Flatten):
            await self._entities(node.node, [node.path], state)
        elif isinstance(node, Fetch):
            await self._root(node, state)
        elif isinstance(node, Condition):
            chosen = node.if_clause if state.flags.get(node.variable) else node.else_clause
            if chosen is not None:
                await self.run(chosen, state)

    async def _run_batch(self, batch: list[PlanNode], state: RunState) -> None:
        if len(batch) == 1:
            await self.run(batch[0], state)
            return
        flattens = [node for node in batch if isinstance(node, Flatten)]
        await self._entities(flattens[0].node, [node.path for node in flattens], state)

    async def _root(self, fetch: Fetch, state: RunState) -> None:
        response = await self._call(fetch, state, {}, [[]])
        if response is None:
            return
        if isinstance(response.get("data"), dict):
            undo_aliases(response["data"], fetch.renames, self.placeholders)
            deep_merge(state.data, response["data"], self.placeholders)
        self._collect_errors(fetch, response, state, lambda path: [path])

    async def _entities(
        self, fetch: Fetch, plan_paths: list[tuple[str, ...]], state: RunState
    ) -> None:
        """One `_entities` call for the objects at every path, each distinct one sent once."""
        assert fetch.requires is not None
        representations: list[dict[str, Any]] = []
        targets: list[list[tuple[dict[str, Any], ResponsePath]]] = []
        seen: dict[bytes, int] = {}
        found = (pair for plan_path in plan_paths for pair in objects_at(state.data, plan_path, []))
        for obj, path in found:
            representation = _represent(obj, fetch.requires, fetch.typename_rewrites)
            if representation is None:
                continue
            marker = orjson.dumps(representation, option=orjson.OPT_SORT_KEYS)
            index = seen.get(marker)
            if index is None:
                index = seen[marker] = len(representations)
                representations.append(representation)
                targets.append([])
            targets[index].append((obj, path))
        if not representations:
            return
        paths = [path for group in targets for _, path in group]
        response = await self._call(fetch, state, {"representations": representations}, paths)
        if response is None:
            return
        entities = (response.get("data") or {}).get("_entities")
        if entities is not None and (
            not isinstance(entities, list) or len(entities) != len(representations)
        ):
            count = len(entities) if isinstance(entities, list) else "no"
            self._fail(
                state,
                fetch,
                f"subgraph '{fetch.service}' returned {count} entities for "
                f"{len(representations)} representations",
                "SUBREQUEST_MALFORMED_RESPONSE",
                paths,
            )
            return
        if entities and fetch.renames:
            undo_aliases(entities, fetch.renames, self.placeholders)
        for index, entity in enumerate(entities or ()):
            if isinstance(entity, dict):
                for obj, _ in targets[index]:
                    deep_merge(obj, entity, self.placeholders)

        def to_client(path: list[Any]) -> list[ResponsePath]:
            if (
                len(path) >= 2
                and path[0] == "_entities"
                and isinstance(path[1], int)
                and path[1] < len(targets)
            ):
                return [[*target, *path[2:]] for _, target in targets[path[1]]]
            return [[]]

        self._collect_errors(fetch, response, state, to_client)

    async def _call(
        self, fetch: Fetch, state: RunState, extra: dict[str, Any], paths: list[ResponsePath]
    ) -> dict[str, Any] | None:
        variables = {
            name: state.variables[name] for name in fetch.variable_usages if name in state.variables
        }
        try:
            return await self.fetcher.post(
                service=fetch.service,
                url=self.supergraph.subgraphs[fetch.graph].url,
                operation=fetch.operation,
                variables={**extra, **variables},
                headers=state.headers,
                idempotent=fetch.operation_kind == "query",
                sign=state.sign,
            )
        except FetchFailure as failure:
            self._fail(state, fetch, str(failure), failure.code, paths)
            return None

    def _fail(
        self, state: RunState, fetch: Fetch, message: str, code: str, paths: list[ResponsePath]
    ) -> None:
        del paths  # the fields stay null; the error names the subgraph, not each path
        state.errors.append(
            {"message": message, "extensions": {"code": code, "serviceName": fetch.service}}
        )

    def _collect_errors(
        self, fetch: Fetch, response: dict[str, Any], state: RunState, to_client: Any
    ) -> None:
        for error in response.get("errors") or ():
            if not isinstance(error, dict):
                continue
            raw_extensions = error.get("extensions")
            extensions: dict[str, Any] = raw_extensions if isinstance(raw_extensions, dict) else {}
            code = extensions.get("code") or "DOWNSTREAM_SERVICE_ERROR"
            public = self.expose_subgraph_errors or code in PUBLIC_ERROR_CODES
            message = error.get("message") if public else "Subgraph errors redacted"
            out_extensions = {
                **(extensions if public else {}),
                "serviceName": fetch.service,
                "code": code,
            }
            path = error.get("path")
            if isinstance(path, list) and fetch.renames:
                keys = {rename.alias: rename.key for rename in fetch.renames}
                path = [keys.get(step, step) if isinstance(step, str) else step for step in path]
            targets = to_client(path) if isinstance(path, list) else [[]]
            for target in targets:
                client_error: dict[str, Any] = {"message": message}
                if target:
                    client_error["path"] = target
                client_error["extensions"] = out_extensions
                state.errors.append(client_error)


class _Missing:
    """A required field the data does not hold: the object cannot be represented."""


MISSING = _Missing()


def _represent(
    obj: dict[str, Any], requires: SelectionSet, rewrites: Mapping[str, str]
) -> dict[str, Any] | None:
    """The representation of `obj` for an `_entities` call, or None if it lacks a key field."""
    typename = obj.get("__typename")
    if not isinstance(typename, str):
        return None
    typename = rewrites.get(typename, typename)
    for item in requires.items:
        if isinstance(item, FragmentSel) and item.type_condition == typename:
            projected = _project(obj, item.selections)
            if not isinstance(projected, dict):
                return None
            projected["__typename"] = typename
            return projected
    return None


def _project(value: Any, selections: SelectionSet) -> Any:
    if isinstance(value, list):
        items = [_project(item, selections) for item in value]
        return MISSING if any(item is MISSING for item in items) else items
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for item in selections.items:
        if isinstance(item, FragmentSel):
            if item.type_condition in (None, value.get("__typename")):
                inner = _project(value, item.selections)
                if inner is MISSING:
                    return MISSING
                out.update(inner)
            continue
        assert isinstance(item, FieldSel)
        if item.response_key not in value:
            return MISSING
        field_value = value[item.response_key]
        if item.selections is not None:
            field_value = _project(field_value, item.selections)
            if field_value is MISSING:
                return MISSING
        out[item.name] = field_value
    return out
