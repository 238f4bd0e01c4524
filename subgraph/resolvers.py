"""Typed decorators for resolvers: Strawberry's are untyped, which strict mypy refuses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import strawberry
from strawberry.extensions import FieldExtension

F = TypeVar("F", bound=Callable[..., Any])


def resolver(description: str, *extensions: FieldExtension) -> Callable[[F], F]:
    """`@strawberry.field(description=..., extensions=[...])`, typed for mypy."""
    return cast(
        Callable[[F], F], strawberry.field(description=description, extensions=list(extensions))
    )


def mutation(description: str, *extensions: FieldExtension) -> Callable[[F], F]:
    """`@strawberry.mutation(description=..., extensions=[...])`, typed for mypy."""
    return cast(
        Callable[[F], F],
        strawberry.mutation(description=description, extensions=list(extensions)),
    )
