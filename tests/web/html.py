"""Reading pages in tests: a small tree of the HTML (html.parser), and what every area looks at."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@dataclass
class Node:
    """An element: its tag, attributes, and children (elements and text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text inside, white space collapsed."""
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return re.sub(r"\s+", " ", " ".join(parts)).strip()

    def all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        """Every element below of a tag (any if None), with the class `cls` among its classes
        and the attributes `attrs` (`class_` is one class too; `for_` is `for`, `aria_x` is
        `aria-x`)."""
        found = []
        for child in self.children:
            if isinstance(child, str):
                continue
            if (tag is None or child.tag == tag) and _matches(child, cls, attrs):
                found.append(child)
            found.extend(child.all(tag, cls, **attrs))
        return found

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        """The first element below that matches (an AssertionError if none)."""
        found = self.all(tag, cls, **attrs)
        assert found, (tag, cls, attrs)
        return found[0]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node | None:
        """The first element below that matches, None if none."""
        found = self.all(tag, cls, **attrs)
        return found[0] if found else None

    def texts(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[str]:
        """The texts of every matching element."""
        return [node.text for node in self.all(tag, cls, **attrs)]


def _matches(node: Node, cls: str | None, attrs: dict[str, str]) -> bool:
    classes = node.attrs.get("class", "").split()
    if cls is not None and cls not in classes:
        return False
    for name, value in attrs.items():
        if name == "class_":
            if value not in classes:
                return False
        elif node.attrs.get(name.rstrip("_").replace("_", "-")) != value:
            return False
    return True


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    """The tree of a page."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def main_of(html: str) -> Node:
    """The page's <main>."""
    return parse(html).one("main")


def heading(html: str) -> str:
    """The text of the page's <h1> ('' without one)."""
    found = main_of(html).find("h1")
    return found.text if found is not None else ""


def summary(html: str) -> list[str]:
    """The items of the error summaries that take the focus (empty without one)."""
    boxes = [box for box in main_of(html).all("div", role="alert") if "data-focus" in box.attrs]
    return [item.text for box in boxes for item in box.all("li")]


def notice(html: str, role: str = "status") -> str:
    """The text of the page's first notice with that role ('' without one)."""
    found = main_of(html).find(role=role)
    return found.text if found is not None else ""
