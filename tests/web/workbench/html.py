"""Reading the workbench's pages in tests: the parts of the shared tree its tests look at."""

from __future__ import annotations

from tests.web.html import parse


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
