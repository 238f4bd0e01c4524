"""The typed failures of an execution, and running an execution service from a resolver."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any, TypeVar

import strawberry
from strawberry.types import Info

from subgraph.context import call_service
from subgraph.guard import PUBLIC, Guard, Guarded

T = TypeVar("T")


@strawberry.enum(description="Why an approved change was not made.")
class ExecutionErrorCode(Enum):
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND", description="A record the change names does not exist."
    )
    INVALID = strawberry.enum_value(
        "INVALID",
        description="An argument is not acceptable: an unknown code, an impossible date, "
        "a malformed name or number.",
    )
    REJECTED = strawberry.enum_value(
        "REJECTED", description="The records do not allow the change as asked."
    )
    CONFLICT = strawberry.enum_value(
        "CONFLICT",
        description="The application was already executed with other arguments, or a "
        "concurrent change to the same records won.",
    )


# Agencies share the type (identically): the supergraph merges it.
@Guarded()
@strawberry.federation.type(
    shareable=True, description="Why an approved change was not made; nothing was changed."
)
class ExecutionError:
    code: ExecutionErrorCode = strawberry.field(
        description="What kind of failure it is.", extensions=[Guard(PUBLIC)]
    )
    message: str = strawberry.field(
        description="What was wrong, for the hall's staff.", extensions=[Guard(PUBLIC)]
    )


def replayed_field() -> Any:
    """The `replayed` field every execution payload has."""
    return strawberry.field(
        description="True when the application was executed before: nothing changed now.",
        extensions=[Guard(PUBLIC)],
    )


def error_field() -> Any:
    """The `error` field every execution payload has."""
    return strawberry.field(
        description="Why nothing was changed; null on success.", extensions=[Guard(PUBLIC)]
    )


class ExecutionFailed(Exception):
    """A business failure of an execution service; nothing was changed."""

    def __init__(self, code: ExecutionErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def error(self) -> ExecutionError:
        """The failure as the payload's `error`."""
        return ExecutionError(code=self.code, message=self.message)


async def execute(
    info: Info[Any, Any], service: Callable[..., Awaitable[T]], **arguments: Any
) -> T | ExecutionError:
    """Run an execution service with the request's session; its failure as an ExecutionError."""
    try:
        return await call_service(info, service, **arguments)
    except ExecutionFailed as failure:
        return failure.error()
