"""Subgraph-level federation checks: unsupported directives, externals, interfaces."""

from __future__ import annotations

from gateway.compose.metadata import Metadata
from gateway.compose.report import Report, human_list
from gateway.compose.schema import Element, NamedType, Subgraph
from gateway.compose.validate_fieldsets import validate_field_directives, validate_keys

UNSUPPORTED_DIRECTIVES = (
    "authenticated",
    "requiresScopes",
    "policy",
    "cost",
    "listSize",
    "context",
    "fromContext",
    "composeDirective",
    "cacheTag",
)


def unsupported_directives(subgraph: Subgraph) -> list[str]:
    """Federation directives the subgraph applies that this composer does not compose."""
    elements: list[Element] = []
    for named in subgraph.types.values():
        elements.append(named)
        elements.extend(named.values.values())
        elements.extend(named.input_fields.values())
        for target in named.fields.values():
            elements.append(target)
            elements.extend(target.args.values())
    applied = [d for e in elements for d in e.directives] + subgraph.schema_directives
    return sorted({d.spec for d in applied if d.spec in UNSUPPORTED_DIRECTIVES})


def validate_subgraph(subgraph: Subgraph, meta: Metadata, report: Report) -> None:
    """Report every federation misuse in one subgraph, prefixed with its name."""
    errors: list[tuple[str, str]] = [
        (
            "UNSUPPORTED_FEATURE",
            f"@{name} is applied but this composer does not compose it (Apollo's does)",
        )
        for name in unsupported_directives(subgraph)
    ]
    for named in subgraph.types.values():
        validate_keys(subgraph, meta, named, errors)
        for target in named.fields.values():
            validate_field_directives(subgraph, meta, named, target, errors)
        if named.kind == "INTERFACE":
            validate_interface(subgraph, meta, named, errors)
        if subgraph.is_interface_object(named) and not named.applied("key"):
            errors.append(
                (
                    "INTERFACE_OBJECT_USAGE_ERROR",
                    "The @interfaceObject directive can only be applied to entity types but type "
                    f'"{named.name}" has no @key in this subgraph.',
                )
            )
    for named in subgraph.types.values():
        if named.kind not in ("OBJECT", "INTERFACE"):
            continue
        for target in named.fields.values():
            if meta.is_external(target) and not meta.is_used(target):
                errors.append(
                    (
                        "EXTERNAL_UNUSED",
                        f'Field "{target.coordinate}" is marked @external but is not used in any '
                        "federation directive (@key, @provides, @requires) or to satisfy an "
                        "interface; the field declaration has no use and should be removed (or the "
                        "field should not be @external).",
                    )
                )
    for code, message in errors:
        report.error(code, f"[{subgraph.name}] {message}")


def validate_interface(
    subgraph: Subgraph, meta: Metadata, interface: NamedType, errors: list[tuple[str, str]]
) -> None:
    """No `@external` on interface fields; interface keys repeated on implementations."""
    for target in interface.fields.values():
        if meta.is_external(target):
            errors.append(
                (
                    "EXTERNAL_ON_INTERFACE",
                    f'Interface type field "{target.coordinate}" is marked @external but @external '
                    "is not allowed on interface fields (it is nonsensical).",
                )
            )
    implementations = subgraph.implementations(interface.name)
    for key in interface.applied("key"):
        fields = normalized(key.string("fields"))
        missing = [
            t.name
            for t in implementations
            if not any(normalized(k.string("fields")) == fields for k in t.applied("key"))
        ]
        if missing:
            listed = human_list([f'"{name}"' for name in missing], "type", "types")
            errors.append(
                (
                    "INTERFACE_KEY_NOT_ON_IMPLEMENTATION",
                    f'Key {key.text} on interface type "{interface.name}" is missing on '
                    f"implementation {listed}.",
                )
            )


def normalized(text: str | None) -> str:
    """A field set with whitespace and commas collapsed, to compare keys."""
    return " ".join((text or "").replace(",", " ").replace("{", " { ").replace("}", " } ").split())
