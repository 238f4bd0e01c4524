"""Prints a supergraph SDL in the layout of Apollo's `printSchema`."""

from __future__ import annotations

from gateway.compose.spec_sdl import (
    INACCESSIBLE_DEFINITION,
    INACCESSIBLE_V02,
    JOIN,
    LINK_V1,
    TAG_DEFINITION,
    TAG_V03,
    join_directives,
    join_types,
)
from gateway.compose.supergraph import (
    ArgValue,
    Directive,
    EnumLiteral,
    SDirectiveDef,
    SElement,
    SField,
    SInputValue,
    SType,
    Supergraph,
)
from gateway.compose.values import print_string, print_value

INDENT = "  "
KEYWORDS = {
    "OBJECT": "type",
    "INTERFACE": "interface",
    "INPUT_OBJECT": "input",
}


def sort_key(name: str) -> tuple[str, tuple[bool, ...]]:
    """Approximates JavaScript's `localeCompare`: case-insensitive, `_` before letters."""
    return name.lower().replace("_", " "), tuple(c.isupper() for c in name)


def print_supergraph(supergraph: Supergraph) -> str:
    """The supergraph SDL text."""
    directives = join_directives(supergraph.join_version)
    if supergraph.uses_inaccessible:
        directives["inaccessible"] = INACCESSIBLE_DEFINITION
    if supergraph.uses_tag:
        directives["tag"] = TAG_DEFINITION
    for name, definition in supergraph.directive_defs.items():
        directives[name] = print_directive_definition(definition)
    types = join_types(supergraph.join_version)
    types["join__Graph"] = print_graph_enum(supergraph)
    for name, stype in supergraph.types.items():
        types[name] = print_type(stype)
    parts = [print_schema_definition(supergraph)]
    parts += [directives[name] for name in sorted(directives, key=sort_key)]
    parts += [types[name] for name in sorted(types, key=sort_key)]
    return "\n\n".join(parts)


def print_schema_definition(supergraph: Supergraph) -> str:
    """`schema @link(...) { query: Query }`."""
    links = [
        Directive("link", [("url", LINK_V1)]),
        Directive(
            "link", [("url", JOIN + supergraph.join_version), ("for", EnumLiteral("EXECUTION"))]
        ),
    ]
    if supergraph.uses_tag:
        links.append(Directive("link", [("url", TAG_V03)]))
    if supergraph.uses_inaccessible:
        links.append(
            Directive("link", [("url", INACCESSIBLE_V02), ("for", EnumLiteral("SECURITY"))])
        )
    roots = [f"{INDENT}{kind}: {name}" for kind, name in supergraph.roots.items()]
    return "schema" + print_directives(links, True, True) + "{\n" + "\n".join(roots) + "\n}"


def print_graph_enum(supergraph: Supergraph) -> str:
    """`enum join__Graph` with one `@join__graph` value per subgraph."""
    values = [
        INDENT
        + graph.enum_value
        + " "
        + print_directive(Directive("join__graph", [("name", graph.name), ("url", graph.url)]))
        for graph in supergraph.graphs
    ]
    return "enum join__Graph " + block(values)


def print_type(stype: SType) -> str:
    """One type definition."""
    head = print_description(stype, "", True)
    if stype.kind == "SCALAR":
        return head + f"scalar {stype.name}" + print_directives(stype.directives, True, False)
    if stype.kind == "UNION":
        members = " = " + " | ".join(stype.members) if stype.members else ""
        directives = print_directives(stype.directives, True, bool(stype.members))
        return head + f"union {stype.name}" + directives + members
    if stype.kind == "ENUM":
        items = [
            print_description(value, INDENT, i == 0)
            + INDENT
            + value.name
            + print_directives(value.directives)
            for i, value in enumerate(stype.values.values())
        ]
        return head + f"enum {stype.name}" + print_body(stype.directives, items)
    implements = f" implements {' & '.join(stype.interfaces)}" if stype.interfaces else ""
    fields: list[SField | SInputValue] = list(
        stype.input_fields.values() if stype.kind == "INPUT_OBJECT" else stype.fields.values()
    )
    items = [
        print_description(f, INDENT, i == 0)
        + INDENT
        + print_field(f)
        + print_directives(f.directives)
        for i, f in enumerate(fields)
    ]
    keyword = KEYWORDS[stype.kind]
    return head + f"{keyword} {stype.name}{implements}" + print_body(stype.directives, items)


def print_body(directives: list[Directive], items: list[str]) -> str:
    """Directives on their own lines, then the `{ ... }` block."""
    text = print_directives(directives, True, bool(items))
    if not directives and items:
        text += " "
    return text + (block(items) if items else "")


def block(items: list[str]) -> str:
    """`{`, one item a line, `}`."""
    return "{\n" + "\n".join(items) + "\n}"


def print_field(element: SField | SInputValue) -> str:
    """`name(args): Type` or `name: Type = default`."""
    assert element.type is not None
    if isinstance(element, SField):
        return f"{element.name}{print_args(list(element.args.values()), INDENT)}: {element.type}"
    return print_input_value(element)


def print_input_value(value: SInputValue) -> str:
    """`name: Type = default @directives`-less form."""
    default = f" = {print_value(value.default)}" if value.default is not None else ""
    return f"{value.name}: {value.type}{default}"


def print_args(args: list[SInputValue], indentation: str = "") -> str:
    """An argument list, one per line when any is described."""
    if not args:
        return ""
    if not any(arg.description for arg in args):
        return (
            "("
            + ", ".join(print_input_value(a) + print_directives(a.directives) for a in args)
            + ")"
        )
    lines = [
        print_description(arg, INDENT + indentation, i == 0)
        + INDENT
        + indentation
        + print_input_value(arg)
        + print_directives(arg.directives)
        for i, arg in enumerate(args)
    ]
    return "(\n" + "\n".join(lines) + f"\n{indentation})"


def print_directive_definition(definition: SDirectiveDef) -> str:
    """`directive @name(args) repeatable on LOCATIONS`."""
    repeatable = " repeatable" if definition.repeatable else ""
    return (
        print_description(definition, "", True)
        + f"directive @{definition.name}{print_args(list(definition.args.values()))}{repeatable} "
        + "on "
        + " | ".join(definition.locations)
    )


def print_directives(
    directives: list[Directive], on_new_lines: bool = False, end: bool = False
) -> str:
    """Directive applications, inline or one a line."""
    if not directives:
        return ""
    if not on_new_lines:
        return " " + " ".join(print_directive(d) for d in directives)
    separator = "\n" + INDENT
    return (
        separator + separator.join(print_directive(d) for d in directives) + ("\n" if end else "")
    )


def print_directive(directive: Directive) -> str:
    """`@name(arg: value, ...)`."""
    if not directive.args:
        return f"@{directive.name}"
    args = ", ".join(f"{name}: {print_arg_value(value)}" for name, value in directive.args)
    return f"@{directive.name}({args})"


def print_arg_value(value: ArgValue) -> str:
    """A directive argument value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return print_string(value)
    if isinstance(value, EnumLiteral):
        return value.name
    return print_value(value)


def print_description(element: SElement, indentation: str, first: bool) -> str:
    """A block-string description followed by a newline, as Apollo lays it out."""
    if element.description is None:
        return ""
    text = print_block_string(element.description, len(element.description) > 70)
    prefix = "\n" + indentation if indentation and not first else indentation
    return prefix + text.replace("\n", "\n" + indentation) + "\n"


def print_block_string(value: str, prefer_multiple_lines: bool) -> str:
    """Apollo's `printBlockString`."""
    single_line = "\n" not in value
    leading_space = value[:1] in (" ", "\t")
    multiple = (
        not single_line or value.endswith('"') or value.endswith("\\") or prefer_multiple_lines
    )
    result = "\n" if multiple and not (single_line and leading_space) else ""
    result += value
    if multiple:
        result += "\n"
    return '"""' + result.replace('"""', '\\"""') + '"""'
