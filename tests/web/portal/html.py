"""Reading the portal's pages in tests: the parts of the shared tree its tests look at."""

from __future__ import annotations

import re

from tests.web.html import Node, parse


def heading(html: str) -> str:
    """The page's first h1, without its small print."""
    h1 = parse(html).one("h1")
    return re.sub(r"\s+", " ", " ".join(c for c in h1.children if isinstance(c, str))).strip()


def field_errors(html: str) -> dict[str, str]:
    """Each field error by its id; `unlinked:` marks one no invalid field points to."""
    tree = parse(html)
    linked = {node.attrs.get("aria-describedby", "") for node in tree.all(aria_invalid="true")}
    return {
        (
            span.attrs["id"] if span.attrs["id"] in linked else "unlinked:" + span.attrs["id"]
        ): span.text
        for span in tree.all("span", class_="field-error")
    }


def value_of(html: str, element_id: str) -> str:
    """What a field holds: an input's value, a textarea's text, a select's chosen option."""
    node = parse(html).one(id=element_id)
    if node.tag == "textarea":
        return "".join(c for c in node.children if isinstance(c, str)).lstrip("\n")
    if node.tag == "select":
        chosen = node.all("option", selected="")
        return chosen[0].attrs.get("value", "") if chosen else ""
    return node.attrs.get("value", "")


def checked(html: str, name: str) -> list[str]:
    """The values of the checked radio buttons or boxes of a name."""
    return [n.attrs["value"] for n in parse(html).all("input", name=name) if "checked" in n.attrs]


def rows(html: str, caption: str | None = None) -> list[tuple[str, ...]]:
    """The body rows of the first table (or the one with this caption), as cell texts."""
    tables = parse(html).all("table")
    if caption is not None:
        tables = [t for t in tables if t.all("caption") and t.one("caption").text == caption]
    assert tables, caption
    body = tables[0].one("tbody")
    return [
        tuple(cell.text for cell in row.all() if cell.tag in ("th", "td")) for row in body.all("tr")
    ]


def facts(source: str | Node, index: int = 0) -> dict[str, str]:
    """The terms and descriptions of the `index`-th list of facts of a page (or a part)."""
    tree = parse(source) if isinstance(source, str) else source
    found = tree.all("dl", class_="facts")[index]
    terms = [node for node in found.all() if node.tag in ("dt", "dd")]
    return {dt.text: dd.text for dt, dd in zip(terms[::2], terms[1::2], strict=True)}


def section_after(html: str, title: str) -> Node:
    """A pseudo-section: the elements following the h2 of this title, up to the next h2."""
    main = parse(html).one("main")
    nodes = [c for c in main.children if not isinstance(c, str)]
    start = next(i for i, node in enumerate(nodes) if node.tag == "h2" and node.text == title)
    end = next((i for i in range(start + 1, len(nodes)) if nodes[i].tag == "h2"), len(nodes))
    return Node("section", {}, list(nodes[start + 1 : end]))
