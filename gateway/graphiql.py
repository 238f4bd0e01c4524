"""The GraphiQL page served in development."""

from __future__ import annotations

from importlib.resources import files


def graphiql_page() -> str:
    """Return Strawberry's GraphiQL page; it queries the URL it was loaded from."""
    return files("strawberry").joinpath("static/graphiql.html").read_text(encoding="utf-8")
