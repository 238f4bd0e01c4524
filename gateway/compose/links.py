"""Reads a subgraph's `@link` to the federation spec: its version and the names it imports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphql import (
    DirectiveNode,
    DocumentNode,
    ListValueNode,
    ObjectValueNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    StringValueNode,
    ValueNode,
)

from gateway.compose.specs import (
    FEDERATION_IDENTITY,
    KNOWN_FEDERATION_MINORS,
    Version,
    directives_in,
    types_in,
)

URL_PATTERN = re.compile(r"^(?P<identity>.*/(?P<name>[^/]+))/v(?P<major>\d+)\.(?P<minor>\d+)/?$")


class LinkError(ValueError):
    """The federation `@link` is unusable; `code` is Apollo's error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class FederationLink:
    """Federation version and the schema names of its directives and types."""

    version: Version
    directives: dict[str, str] = field(default_factory=dict)  # name in schema -> spec name
    types: dict[str, str] = field(default_factory=dict)  # name in schema -> spec name


def link_directives(document: DocumentNode) -> list[DirectiveNode]:
    """Every `@link` applied to the schema definition or its extensions."""
    found: list[DirectiveNode] = []
    for definition in document.definitions:
        if isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
            found.extend(d for d in definition.directives or () if d.name.value == "link")
    return found


def read_federation_link(document: DocumentNode) -> FederationLink | None:
    """Return the subgraph's federation link, None for a federation-1 subgraph."""
    for directive in link_directives(document):
        args = {arg.name.value: arg.value for arg in directive.arguments or ()}
        url = args.get("url")
        if not isinstance(url, StringValueNode):
            continue
        match = URL_PATTERN.match(url.value)
        if match is None or match["identity"] != FEDERATION_IDENTITY:
            continue
        version = (int(match["major"]), int(match["minor"]))
        if version[0] != 2 or version[1] not in KNOWN_FEDERATION_MINORS:
            raise LinkError(
                "UNKNOWN_FEDERATION_LINK_VERSION",
                f"Invalid version v{version[0]}.{version[1]} for the federation feature "
                "in @link directive on schema",
            )
        alias = args.get("as")
        prefix = alias.value if isinstance(alias, StringValueNode) else "federation"
        return build_link(version, prefix, imports_of(args.get("import")))
    return None


def imports_of(value: ValueNode | None) -> list[tuple[str, str]]:
    """The `(name, as)` pairs of a `@link(import:)` argument."""
    if value is None:
        return []
    items = value.values if isinstance(value, ListValueNode) else (value,)
    pairs = []
    for item in items:
        if isinstance(item, StringValueNode):
            pairs.append((item.value, item.value))
        elif isinstance(item, ObjectValueNode):
            fields = {f.name.value: f.value for f in item.fields}
            name, alias = fields.get("name"), fields.get("as")
            if not isinstance(name, StringValueNode):
                raise LinkError("INVALID_LINK_DIRECTIVE_USAGE", "An import needs a `name`")
            as_name = alias.value if isinstance(alias, StringValueNode) else name.value
            if name.value.startswith("@") != as_name.startswith("@"):
                raise LinkError(
                    "INVALID_LINK_DIRECTIVE_USAGE",
                    f'Invalid @link import renaming: "{name.value}" and its alias "{as_name}" '
                    "must both be directives or both be types",
                )
            pairs.append((name.value, as_name))
        else:
            raise LinkError("INVALID_LINK_DIRECTIVE_USAGE", "Invalid @link(import:) value")
    return pairs


def build_link(version: Version, prefix: str, imports: list[tuple[str, str]]) -> FederationLink:
    """Name every directive and type of the version: imported ones as imported, others prefixed."""
    link = FederationLink(version)
    directives, types = directives_in(version), types_in(version)
    imported: dict[str, str] = {}
    for name, alias in imports:
        known = directives if name.startswith("@") else types
        if name.lstrip("@") not in known:
            raise LinkError(
                "INVALID_LINK_DIRECTIVE_USAGE", f'Cannot import unknown element "{name}".'
            )
        imported[name] = alias
    for directive in directives:
        schema_name = imported.get("@" + directive, f"@{prefix}__{directive}")
        link.directives[schema_name.lstrip("@")] = directive
    for type_name in types:
        link.types[imported.get(type_name, f"{prefix}__{type_name}")] = type_name
    return link
