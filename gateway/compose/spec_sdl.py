"""The link/join/inaccessible/tag definitions a supergraph carries, as Apollo prints them."""

from __future__ import annotations

LINK_V1 = "https://specs.apollo.dev/link/v1.0"
JOIN = "https://specs.apollo.dev/join/"
TAG_V03 = "https://specs.apollo.dev/tag/v0.3"
INACCESSIBLE_V02 = "https://specs.apollo.dev/inaccessible/v0.2"

JOIN_FIELD_ARGS = {
    "v0.3": "graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, "
    "external: Boolean, override: String, usedOverridden: Boolean",
    "v0.4": "graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, "
    "external: Boolean, override: String, usedOverridden: Boolean, overrideLabel: String",
    "v0.5": "graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, "
    "external: Boolean, override: String, usedOverridden: Boolean, overrideLabel: String, "
    "contextArguments: [join__ContextArgument!]",
}


def join_directives(version: str) -> dict[str, str]:
    """The join spec's directive definitions by directive name."""
    definitions = {
        "join__enumValue": "directive @join__enumValue(graph: join__Graph!) repeatable on "
        "ENUM_VALUE",
        "join__field": f"directive @join__field({JOIN_FIELD_ARGS[version]}) repeatable on "
        "FIELD_DEFINITION | INPUT_FIELD_DEFINITION",
        "join__graph": "directive @join__graph(name: String!, url: String!) on ENUM_VALUE",
        "join__implements": "directive @join__implements(graph: join__Graph!, interface: String!) "
        "repeatable on OBJECT | INTERFACE",
        "join__type": "directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: "
        "Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) "
        "repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR",
        "join__unionMember": "directive @join__unionMember(graph: join__Graph!, member: String!) "
        "repeatable on UNION",
        "link": "directive @link(url: String, as: String, for: link__Purpose, import: "
        "[link__Import]) repeatable on SCHEMA",
    }
    if version in ("v0.4", "v0.5"):
        definitions["join__directive"] = (
            "directive @join__directive(graphs: [join__Graph!], name: String!, args: "
            "join__DirectiveArguments) repeatable on SCHEMA | OBJECT | INTERFACE | FIELD_DEFINITION"
        )
    return definitions


def join_types(version: str) -> dict[str, str]:
    """The join and link spec's type definitions (but `join__Graph`) by type name."""
    types = {
        "join__FieldSet": "scalar join__FieldSet",
        "link__Import": "scalar link__Import",
        "link__Purpose": 'enum link__Purpose {\n  """\n  `SECURITY` features provide metadata '
        'necessary to securely resolve fields.\n  """\n  SECURITY\n\n  """\n  `EXECUTION` features '
        'provide metadata necessary for operation execution.\n  """\n  EXECUTION\n}',
    }
    if version in ("v0.4", "v0.5"):
        types["join__DirectiveArguments"] = "scalar join__DirectiveArguments"
    if version == "v0.5":
        types["join__FieldValue"] = "scalar join__FieldValue"
        types["join__ContextArgument"] = (
            "input join__ContextArgument {\n  name: String!\n  type: String!\n  context: String!\n"
            "  selection: join__FieldValue!\n}"
        )
    return types


INACCESSIBLE_DEFINITION = (
    "directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | "
    "ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION"
)
TAG_DEFINITION = (
    "directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | "
    "ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION | "
    "SCHEMA"
)
