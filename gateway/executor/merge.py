"""Walking and merging the raw response tree that fetches fill in."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from gateway.planner.aliases import KeyRename

ResponsePath = list[str | int]


def objects_at(
    data: Any, path: Sequence[str], prefix: ResponsePath
) -> Iterator[tuple[dict[str, Any], ResponsePath]]:
    """Yield every object at a plan path (`@` steps into list items), with its response path."""
    if not path:
        if isinstance(data, dict):
            yield data, prefix
        elif isinstance(data, list):
            for index, item in enumerate(data):
                yield from objects_at(item, path, [*prefix, index])
        return
    step, rest = path[0], path[1:]
    if step == "@":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from objects_at(item, rest, [*prefix, index])
        return
    if isinstance(data, dict) and step in data:
        yield from objects_at(data[step], rest, [*prefix, step])


def deep_merge(
    target: dict[str, Any], source: dict[str, Any], placeholders: frozenset[str] = frozenset()
) -> None:
    """Merge a subgraph's object into the tree: objects key by key, lists item by item.

    An @interfaceObject subgraph answers `__typename` with the interface's name (one of
    `placeholders`): a concrete type name, from whichever subgraph, always wins over it.
    """
    for key, value in source.items():
        if (
            key == "__typename"
            and key in target
            and (value in placeholders or target[key] not in placeholders)
        ):
            continue
        current = target.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            deep_merge(current, value, placeholders)
        elif isinstance(current, list) and isinstance(value, list) and len(current) == len(value):
            target[key] = [
                _merge_item(a, b, placeholders) for a, b in zip(current, value, strict=True)
            ]
        else:
            target[key] = value


def _merge_item(current: Any, value: Any, placeholders: frozenset[str]) -> Any:
    if isinstance(current, dict) and isinstance(value, dict):
        deep_merge(current, value, placeholders)
        return current
    if isinstance(current, list) and isinstance(value, list) and len(current) == len(value):
        return [_merge_item(a, b, placeholders) for a, b in zip(current, value, strict=True)]
    return value


def undo_aliases(
    data: Any, renames: Sequence[KeyRename], placeholders: frozenset[str] = frozenset()
) -> None:
    """Give the fields a fetch sent under planner aliases their keys back, in place."""
    for rename in renames:
        for obj in _objects_along(data, rename.path):
            if rename.alias in obj:
                deep_merge(obj, {rename.key: obj.pop(rename.alias)}, placeholders)


def _objects_along(data: Any, path: Sequence[str]) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects_along(item, path)
    elif isinstance(data, dict):
        if not path:
            yield data
        elif path[0] in data:
            yield from _objects_along(data[path[0]], path[1:])
