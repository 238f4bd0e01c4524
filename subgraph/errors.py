"""Errors a subgraph may show to its callers, and masking of everything else."""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError

logger = logging.getLogger("tongban.subgraph")


class BadUserInput(GraphQLError):
    """An argument that is well-typed but not acceptable (code `BAD_USER_INPUT`)."""

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message, extensions={"code": "BAD_USER_INPUT", **extensions})


def should_mask(error: GraphQLError) -> bool:
    """Mask unexpected exceptions; keep GraphQL's own and the kit's public errors."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    logger.error("unexpected error at %s", error.path, exc_info=original)
    return True
