"""What each federation version offers, and the definitions a subgraph SDL may leave out."""

from __future__ import annotations

FEDERATION_IDENTITY = "https://specs.apollo.dev/federation"
KNOWN_FEDERATION_MINORS = range(0, 15)  # v2.0 .. v2.14, as @apollo/composition 2.14 knows

Version = tuple[int, int]

# name -> (first version, definition with `{name}` for the name in schema and `{T}` for types)
DIRECTIVES: dict[str, tuple[Version, str]] = {
    "key": (
        (2, 0),
        "directive @{name}(fields: {FieldSet}!, resolvable: Boolean = true) "
        "repeatable on OBJECT | INTERFACE",
    ),
    "requires": ((2, 0), "directive @{name}(fields: {FieldSet}!) on FIELD_DEFINITION"),
    "provides": ((2, 0), "directive @{name}(fields: {FieldSet}!) on FIELD_DEFINITION"),
    "external": ((2, 0), "directive @{name}(reason: String) on OBJECT | FIELD_DEFINITION"),
    "tag": (
        (2, 0),
        "directive @{name}(name: String!) repeatable on FIELD_DEFINITION | OBJECT"
        " | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE"
        " | INPUT_OBJECT | INPUT_FIELD_DEFINITION | SCHEMA",
    ),
    "extends": ((2, 0), "directive @{name} on OBJECT | INTERFACE"),
    "shareable": ((2, 0), "directive @{name} repeatable on OBJECT | FIELD_DEFINITION"),
    "inaccessible": (
        (2, 0),
        "directive @{name} on FIELD_DEFINITION | OBJECT | INTERFACE | UNION"
        " | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT"
        " | INPUT_FIELD_DEFINITION",
    ),
    "override": ((2, 0), "directive @{name}(from: String!, label: String) on FIELD_DEFINITION"),
    "composeDirective": ((2, 1), "directive @{name}(name: String!) repeatable on SCHEMA"),
    "interfaceObject": ((2, 3), "directive @{name} on OBJECT"),
    "authenticated": (
        (2, 5),
        "directive @{name} on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM",
    ),
    "requiresScopes": (
        (2, 5),
        "directive @{name}(scopes: [[{Scope}!]!]!) on FIELD_DEFINITION"
        " | OBJECT | INTERFACE | SCALAR | ENUM",
    ),
    "policy": (
        (2, 6),
        "directive @{name}(policies: [[{Policy}!]!]!) on FIELD_DEFINITION"
        " | OBJECT | INTERFACE | SCALAR | ENUM",
    ),
    "context": (
        (2, 8),
        "directive @{name}(name: String!) repeatable on INTERFACE | OBJECT | UNION",
    ),
    "fromContext": ((2, 8), "directive @{name}(field: {ContextFieldValue}) on ARGUMENT_DEFINITION"),
    "cost": (
        (2, 9),
        "directive @{name}(weight: Int!) on ARGUMENT_DEFINITION | ENUM"
        " | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR",
    ),
    "listSize": (
        (2, 9),
        "directive @{name}(assumedSize: Int, slicingArguments: [String!],"
        " sizedFields: [String!], requireOneSlicingArgument: Boolean = true)"
        " on FIELD_DEFINITION",
    ),
    "cacheTag": (
        (2, 12),
        "directive @{name}(format: String!) repeatable on OBJECT | FIELD_DEFINITION",
    ),
}

TYPES: dict[str, Version] = {
    "FieldSet": (2, 0),
    "Scope": (2, 5),
    "Policy": (2, 6),
    "ContextFieldValue": (2, 8),
}

LINK_DEFINITIONS = {
    "link": "directive @link(url: String, as: String, for: link__Purpose, import: [link__Import])"
    " repeatable on SCHEMA",
    "link__Import": "scalar link__Import",
    "link__Purpose": "enum link__Purpose { SECURITY EXECUTION }",
}

# The elements every subgraph answers for the router; never merged.
FEDERATION_OPERATION_TYPES = frozenset({"_Any", "_Entity", "_Service"})
FEDERATION_OPERATION_FIELDS = frozenset({"_entities", "_service"})


def directives_in(version: Version) -> list[str]:
    """The federation directive names a version offers."""
    return [name for name, (since, _) in DIRECTIVES.items() if since <= version]


def types_in(version: Version) -> list[str]:
    """The federation type names a version offers."""
    return [name for name, since in TYPES.items() if since <= version]


def join_version(federation: Version) -> str:
    """The join spec version Apollo writes for the newest federation version used."""
    if federation >= (2, 8):
        return "v0.5"
    if federation >= (2, 7):
        return "v0.4"
    return "v0.3"
