"""Reading the workbench's pages in tests: a small tree of elements, found by tag and class."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Element:
    """One element: its tag, attributes, children and text."""

    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The element's text, white space collapsed."""
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else " " + child.text + " ")
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        """Every element below this one with the tag, class and attributes given."""
        found: list[Element] = []
        for child in self.children:
            if isinstance(child, str):
                continue
            if (
                (tag is None or child.tag == tag)
                and (cls is None or cls in child.attrs.get("class", "").split())
                and all(child.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())
            ):
                found.append(child)
            found.extend(child.all(tag, cls, **attrs))
        return found

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        """The first element below this one that matches."""
        found = self.all(tag, cls, **attrs)
        assert found, (tag, cls, attrs)
        return found[0]

    def texts(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[str]:
        """The texts of every matching element."""
        return [element.text for element in self.all(tag, cls, **attrs)]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    """The page as a tree of elements."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def heading(html: str) -> str:
    """The page's first-level heading."""
    return parse(html).one("h1").text


def field_errors(html: str) -> dict[str, str]:
    """Each field's error message, by the id of the field it describes."""
    return {
        element.attrs["id"].removesuffix("-error"): element.text
        for element in parse(html).all("span", "field-error")
    }


def invalid_fields(html: str) -> list[str]:
    """The ids of the fields marked invalid, each pointing to its message."""
    return [
        element.attrs["id"]
        for element in parse(html).all()
        if element.attrs.get("aria-invalid") == "true"
        and element.attrs.get("aria-describedby") == element.attrs["id"] + "-error"
    ]


def summary(html: str) -> list[str]:
    """The problems listed by the error summary that takes the focus."""
    page = parse(html)
    boxes = [box for box in page.all("div", "error") if "data-focus" in box.attrs]
    return [item.text for box in boxes for item in box.all("li")]


def notices(html: str) -> list[str]:
    """The texts of the notices on the page."""
    return parse(html).one("main").texts(cls="notice")


def rows(html: str, caption: str | None = None) -> list[list[str]]:
    """The body rows of a table (the first one, or the one with this caption) as texts."""
    tables = parse(html).all("table")
    if caption is not None:
        tables = [t for t in tables if any(caption in text for text in t.texts("caption"))]
    if not tables:
        return []
    body = tables[0].one("tbody")
    return [[cell.text for cell in row.all() if cell.tag in ("th", "td")] for row in body.all("tr")]


def facts(html: str) -> dict[str, str]:
    """The terms and descriptions of every fact list, by term."""
    page = parse(html)
    found: dict[str, str] = {}
    for facts_list in page.all("dl"):
        terms = facts_list.all("dt")
        descriptions = facts_list.all("dd")
        found.update(
            {term.text: text.text for term, text in zip(terms, descriptions, strict=False)}
        )
    return found


def field_value(html: str, name: str) -> str:
    """What a field of the page's form holds (an input's value, a textarea's text, the choice)."""
    found = parse(html).all(name=name)
    assert found, f"no field {name}"
    for element in found:
        if element.tag == "textarea":
            return "".join(child for child in element.children if isinstance(child, str))
        if element.tag == "select":
            chosen = [option for option in element.all("option") if "selected" in option.attrs]
            return chosen[0].attrs.get("value", "") if chosen else ""
        kind = element.attrs.get("type")
        if element.tag == "input" and kind not in ("hidden", "radio"):
            return element.attrs.get("value", "")
        if kind == "radio" and "checked" in element.attrs:
            return element.attrs.get("value", "")
    return ""
