"""The platform's landing page: the subgraphs and their endpoints."""

from __future__ import annotations

import html
from collections.abc import Sequence

from subgraph.definition import SubgraphDefinition


def subgraph_path(name: str) -> str:
    """Return where a subgraph is mounted inside the platform."""
    return f"/subgraphs/{name}"


def landing_page(definitions: Sequence[SubgraphDefinition]) -> str:
    """Render the page that lists the subgraphs and their endpoints."""
    gateway = '<p>Gateway: <a href="/graphql">/graphql</a> (GraphiQL)</p>'
    items = "\n".join(
        f'<li><a href="{subgraph_path(d.name)}/graphql">{html.escape(d.title)}</a>'
        f" <code>{subgraph_path(d.name)}/graphql</code>"
        f' · <a href="{subgraph_path(d.name)}/health">health</a></li>'
        for d in definitions
    )
    return f"""<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>通办 tongban</title></head>
<body>
<h1>通办 tongban</h1>
<p>跨部门协同平台 · Inter-agency collaboration platform.</p>
{gateway}
<p>Agency subgraphs (Apollo Federation v2):</p>
<ul>
{items}
</ul>
</body>
</html>
"""
