"""Checks the field sets of `@key`, `@requires` and `@provides` in one subgraph."""

from __future__ import annotations

from gateway.compose.fieldset import COMPOSITE_KINDS, FieldSetError, Selection, resolve
from gateway.compose.metadata import Metadata
from gateway.compose.schema import Applied, Field, NamedType, Subgraph

FIELD_SET_CODES = {"key": "KEY", "requires": "REQUIRES", "provides": "PROVIDES"}


def validate_keys(
    subgraph: Subgraph, meta: Metadata, named: NamedType, errors: list[tuple[str, str]]
) -> None:
    """Keys select existing, argument-free, non-abstract fields."""
    for key in named.applied("key"):
        if named.kind == "INTERFACE" and subgraph.link.version < (2, 3):
            errors.append(
                (
                    "KEY_UNSUPPORTED_ON_INTERFACE",
                    f'Cannot use @key on interface "{named.name}": @key is not yet supported on '
                    "interfaces",
                )
            )
            continue
        where = f'On type "{named.name}", for {key.text}'
        selections = checked_field_set(subgraph, named.name, key, where, errors)
        for selection in walk(selections):
            found = selection.target
            base = subgraph.type(found.type.base_name) if found else None
            if found and base and base.kind in ("UNION", "INTERFACE"):
                kind = "Union" if base.kind == "UNION" else "Interface"
                errors.append(
                    (
                        "KEY_FIELDS_SELECT_INVALID_TYPE",
                        f'{where}: field "{found.coordinate}" is a {kind} type which is not '
                        "allowed in @key",
                    )
                )


def validate_field_directives(
    subgraph: Subgraph,
    meta: Metadata,
    parent: NamedType,
    target: Field,
    errors: list[tuple[str, str]],
) -> None:
    """`@requires` and `@provides` select external fields, on supported parents."""
    for requires in target.applied("requires"):
        where = f'On field "{target.coordinate}", for {requires.text}'
        if parent.kind == "INTERFACE":
            errors.append(
                (
                    "REQUIRES_UNSUPPORTED_ON_INTERFACE",
                    f'Cannot use @requires on field "{target.coordinate}" of parent type '
                    f'"{parent.name}": @requires is not yet supported within interfaces',
                )
            )
            continue
        selections = checked_field_set(subgraph, parent.name, requires, where, errors)
        check_external_leaves(meta, selections, "requires", where, False, errors)
    for provides in target.applied("provides"):
        where = f'On field "{target.coordinate}", for {provides.text}'
        base = subgraph.type(target.type.base_name)
        if meta.is_external(target):
            errors.append(
                (
                    "EXTERNAL_COLLISION_WITH_ANOTHER_DIRECTIVE",
                    f'Cannot have both @provides and @external on field "{target.coordinate}"',
                )
            )
        elif base is None or base.kind not in COMPOSITE_KINDS:
            errors.append(
                (
                    "PROVIDES_ON_NON_OBJECT_FIELD",
                    f'Invalid @provides directive on field "{target.coordinate}": field has type '
                    f'"{target.type}" which is not a Composite Type',
                )
            )
        elif parent.kind == "INTERFACE":
            errors.append(
                (
                    "PROVIDES_UNSUPPORTED_ON_INTERFACE",
                    f'Cannot use @provides on field "{target.coordinate}" of parent type '
                    f'"{parent.name}": @provides is not yet supported within interfaces',
                )
            )
        else:
            selections = checked_field_set(subgraph, base.name, provides, where, errors)
            check_external_leaves(meta, selections, "provides", where, False, errors)
    if target.has("shareable") and parent.kind != "OBJECT":
        errors.append(
            (
                "INVALID_SHAREABLE_USAGE",
                f'Invalid use of @shareable on field "{target.coordinate}": only object type '
                "fields can be marked with @shareable",
            )
        )


def checked_field_set(
    subgraph: Subgraph, parent: str, applied: Applied, where: str, errors: list[tuple[str, str]]
) -> list[Selection]:
    """Resolve a directive's `fields`, reporting `<DIRECTIVE>_INVALID_FIELDS` and its kin."""
    prefix = FIELD_SET_CODES[applied.spec or "key"]
    text = applied.string("fields")
    if text is None:
        errors.append((f"{prefix}_INVALID_FIELDS_TYPE", f'{where}: "fields" must be a string'))
        return []
    try:
        selections = resolve(subgraph, parent, text)
    except FieldSetError as error:
        errors.append((f"{prefix}_INVALID_FIELDS", f"{where}: {error}"))
        return []
    for selection in walk(selections):
        if selection.has_directives:
            errors.append(
                (
                    f"{prefix}_DIRECTIVE_IN_FIELDS_ARG",
                    f"{where}: cannot have directive applications in the @{applied.spec}(fields:) "
                    "argument.",
                )
            )
        found = selection.target
        if found and found.args and applied.spec != "requires":
            errors.append(
                (
                    f"{prefix}_FIELDS_HAS_ARGS",
                    f"{where}: field {found.coordinate} cannot be included because it has "
                    f"arguments (fields with argument are not allowed in @{applied.spec})",
                )
            )
    return selections


def check_external_leaves(
    meta: Metadata,
    selections: list[Selection],
    directive: str,
    where: str,
    external_parent: bool,
    errors: list[tuple[str, str]],
) -> None:
    """Leaves of a requires/provides must be external (or under an external field)."""
    for selection in selections:
        found = selection.target
        if found is None:
            check_external_leaves(
                meta, selection.children, directive, where, external_parent, errors
            )
            continue
        external = meta.is_external(found)
        if not selection.children and not external and not external_parent:
            code = f"{FIELD_SET_CODES[directive]}_FIELDS_MISSING_EXTERNAL"
            if found.coordinate in meta.fake_external:
                reason = (
                    f'field "{found.coordinate}" should not be part of a @{directive} since it is '
                    'already "effectively" provided by this subgraph (while it is marked '
                    "@external, it is a @key field of an extension type, which are not internally "
                    "considered external for historical/backward compatibility reasons)"
                )
            else:
                reason = (
                    f'field "{found.coordinate}" should not be part of a @{directive} since it is '
                    "already provided by this subgraph (it is not marked @external)"
                )
            errors.append((code, f"{where}: {reason}"))
        check_external_leaves(
            meta, selection.children, directive, where, external_parent or external, errors
        )


def walk(selections: list[Selection]) -> list[Selection]:
    """Every selection of a tree, depth first."""
    found = []
    for selection in selections:
        found.append(selection)
        found.extend(walk(selection.children))
    return found
