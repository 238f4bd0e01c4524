"""Persisted operations: a safelist of documents, known by their SHA-256 ids."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

import orjson

MANIFEST_FORMAT = "apollo-persisted-query-manifest"


class SafelistError(ValueError):
    """The manifest cannot be read."""


def document_id(body: str) -> str:
    """The id of a document: the hex SHA-256 of its exact text."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class Safelist:
    """The operations a restricted caller may run, by id."""

    def __init__(self, bodies: Mapping[str, str]) -> None:
        self._bodies = dict(bodies)

    @classmethod
    def of(cls, bodies: Iterable[str]) -> Safelist:
        """A safelist of these documents."""
        return cls({document_id(body): body for body in bodies})

    @classmethod
    def from_manifest(cls, path: Path) -> Safelist:
        """Read an Apollo persisted-query manifest (format 1); every id must match its body."""
        try:
            manifest = orjson.loads(path.read_bytes())
        except (OSError, orjson.JSONDecodeError) as error:
            raise SafelistError(f"cannot read the safelist {path}: {error}") from None
        if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
            raise SafelistError(f"{path} is not an {MANIFEST_FORMAT}")
        bodies = {}
        for entry in manifest.get("operations") or ():
            body, given = entry.get("body"), entry.get("id")
            if not isinstance(body, str) or given != document_id(body):
                raise SafelistError(f"{path}: operation {given!r} does not match its body")
            bodies[given] = body
        return cls(bodies)

    def body(self, requested_id: str) -> str | None:
        """The document of an id (`sha256:` prefix allowed), or None."""
        return self._bodies.get(requested_id.removeprefix("sha256:"))

    def allows(self, body: str) -> bool:
        """Whether this exact document is on the list."""
        return document_id(body) in self._bodies

    def manifest(self) -> dict[str, object]:
        """The list as an Apollo persisted-query manifest."""
        return {
            "format": MANIFEST_FORMAT,
            "version": 1,
            "operations": [{"id": i, "body": b, "type": "query"} for i, b in self._bodies.items()],
        }
