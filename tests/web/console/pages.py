"""Reading the console's pages in tests: the parts of the shared tree its tests look at."""

from __future__ import annotations

from tests.web.html import Node, main_of


def table_rows(html: str, caption: str) -> list[tuple[str, ...]]:
    """The body rows of the table with that caption, as tuples of cell texts."""
    for table in main_of(html).all("table"):
        found = table.find("caption")
        if found is not None and found.text == caption:
            body = table.find("tbody")
            assert body is not None
            return [
                tuple(cell.text for cell in row.children if isinstance(cell, Node))
                for row in body.all("tr")
            ]
    raise AssertionError(f"no table captioned {caption!r}")


def column(rows: list[tuple[str, ...]], index: int) -> list[str]:
    """One column of table rows."""
    return [row[index] for row in rows]


def field_state(html: str, name: str) -> tuple[str, str | None, str | None]:
    """A field's value as shown, its aria-invalid, and the text of the error it points to."""
    main = main_of(html)
    control = next(
        node
        for tag in ("input", "select")
        for node in main.all(tag, name=name)
        if node.attrs.get("type") != "hidden"
    )
    if control.tag == "select":
        chosen = control.find("option", selected="")
        value = chosen.attrs.get("value", "") if chosen else ""
    else:
        value = control.attrs.get("value", "")
    error = main.find("span", id=f"e-{name}")
    described = control.attrs.get("aria-describedby", "").split()
    shown = error.text if error is not None and f"e-{name}" in described else None
    return value, control.attrs.get("aria-invalid"), shown


def links(html: str, prefix: str) -> list[str]:
    """The hrefs in <main> that begin with `prefix`."""
    return [a.attrs["href"] for a in main_of(html).all("a") if a.attrs["href"].startswith(prefix)]
