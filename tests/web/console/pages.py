"""Reading the console's pages in tests: a small tree from html.parser, and what tests look at."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})


@dataclass
class Node:
    """An element: its tag, attributes, and children (elements and text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        """The element's text, white space collapsed."""
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return re.sub(r"\s+", " ", " ".join(parts)).strip()

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        """Descendants with that tag whose attributes contain `attrs` (`class_` for class)."""
        wanted = {key.rstrip("_"): value for key, value in attrs.items()}
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and all(
                    value in child.attrs.get(key, "").split() or child.attrs.get(key) == value
                    for key, value in wanted.items()
                ):
                    found.append(child)
                found += child.find_all(tag, **attrs)
        return found

    def find(self, tag: str, **attrs: str) -> Node | None:
        """The first such descendant."""
        found = self.find_all(tag, **attrs)
        return found[0] if found else None


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {key: value or "" for key, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    """The page as a tree."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def main_of(html: str) -> Node:
    """The page's <main>."""
    main = parse(html).find("main")
    assert main is not None, html[:500]
    return main


def heading(html: str) -> str:
    """The text of the page's <h1>."""
    found = main_of(html).find("h1")
    return found.text() if found is not None else ""


def table_rows(html: str, caption: str) -> list[tuple[str, ...]]:
    """The body rows of the table with that caption, as tuples of cell texts."""
    for table in main_of(html).find_all("table"):
        found = table.find("caption")
        if found is not None and found.text() == caption:
            body = table.find("tbody")
            assert body is not None
            return [
                tuple(cell.text() for cell in row.children if isinstance(cell, Node))
                for row in body.find_all("tr")
            ]
    raise AssertionError(f"no table captioned {caption!r}")


def column(rows: list[tuple[str, ...]], index: int) -> list[str]:
    """One column of table rows."""
    return [row[index] for row in rows]


def summary(html: str) -> list[str]:
    """The items of the error summary (empty without one)."""
    box = main_of(html).find("div", role="alert")
    return [item.text() for item in box.find_all("li")] if box is not None else []


def field_state(html: str, name: str) -> tuple[str, str | None, str | None]:
    """A field's value as shown, its aria-invalid, and the text of the error it points to."""
    main = main_of(html)
    control = next(
        node
        for tag in ("input", "select")
        for node in main.find_all(tag, name=name)
        if node.attrs.get("type") != "hidden"
    )
    if control.tag == "select":
        chosen = control.find("option", selected="")
        value = chosen.attrs.get("value", "") if chosen else ""
    else:
        value = control.attrs.get("value", "")
    error = main.find("span", id=f"e-{name}")
    described = control.attrs.get("aria-describedby", "").split()
    shown = error.text() if error is not None and f"e-{name}" in described else None
    return value, control.attrs.get("aria-invalid"), shown


def notice(html: str, role: str = "status") -> str:
    """The text of the page's notice with that role."""
    found = main_of(html).find("div", role=role)
    return found.text() if found is not None else ""


def links(html: str, prefix: str) -> list[str]:
    """The hrefs in <main> that begin with `prefix`."""
    return [
        a.attrs["href"] for a in main_of(html).find_all("a") if a.attrs["href"].startswith(prefix)
    ]
