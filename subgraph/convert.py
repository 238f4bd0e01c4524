"""Builds a Strawberry type from a database row by copying the attributes of the same name."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def from_row(cls: type[T], row: object, /, **overrides: Any) -> T:
    """Build `cls` (a Strawberry type, thus a dataclass) from `row`.

    Every init field of the dataclass, a GraphQL field or a `strawberry.Private` one alike,
    takes the value of `row`'s attribute of the same name, unless `overrides` gives it: a
    renamed column (`relation_to_head=row.relation`) or a converted value (`sex=Sex(row.sex)`).
    Resolver fields are not init fields and are left alone. An attribute the row lacks, with
    no override, raises AttributeError naming it, even for a field with a default value; so
    does an override that names no init field.
    """
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls.__name__} is not a dataclass, so not a Strawberry type")
    names = [field.name for field in dataclasses.fields(cls) if field.init]
    if unknown := overrides.keys() - set(names):
        raise AttributeError(f"{cls.__name__} has no init field {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for name in names:
        if name in overrides:
            values[name] = overrides[name]
            continue
        try:
            values[name] = getattr(row, name)
        except AttributeError as error:
            raise AttributeError(
                f"cannot build {cls.__name__} from {type(row).__name__}: "
                f"it has no attribute {name!r} and no override gives it"
            ) from error
    return cls(**values)
