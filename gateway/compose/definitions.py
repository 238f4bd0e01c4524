"""Checks federation directive definitions a subgraph spells out against the specification."""

from __future__ import annotations

from graphql import (
    DirectiveDefinitionNode,
    DocumentNode,
    InputValueDefinitionNode,
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    ScalarTypeDefinitionNode,
    TypeNode,
    parse,
    print_ast,
)

from gateway.compose.links import FederationLink
from gateway.compose.specs import DIRECTIVES

BUILT_IN_SCALARS = frozenset({"String", "Int", "Float", "Boolean", "ID"})


def definition_errors(document: DocumentNode, link: FederationLink) -> list[str]:
    """`DIRECTIVE_DEFINITION_INVALID` messages for federation directives defined differently."""
    custom_scalars = {
        d.name.value for d in document.definitions if isinstance(d, ScalarTypeDefinitionNode)
    }
    type_names = {spec: name for name, spec in link.types.items()}
    messages = []
    for node in document.definitions:
        if not isinstance(node, DirectiveDefinitionNode) or node.name.value not in link.directives:
            continue
        spec = link.directives[node.name.value]
        text = DIRECTIVES[spec][1].format(name=node.name.value, **type_names)
        expected = parse(text).definitions[0]
        assert isinstance(expected, DirectiveDefinitionNode)
        what = f'directive "@{node.name.value}"'
        messages.extend(compare_arguments(expected, node, what, custom_scalars))
    return messages


def compare_arguments(
    expected: DirectiveDefinitionNode,
    actual: DirectiveDefinitionNode,
    what: str,
    custom_scalars: set[str],
) -> list[str]:
    """Apollo's `ensureSameArguments`, without its rarely used leniencies."""
    actual_args = {arg.name.value: arg for arg in actual.arguments or ()}
    messages = []
    for arg in expected.arguments or ():
        name, found = arg.name.value, actual_args.get(arg.name.value)
        if found is None:
            if isinstance(arg.type, NonNullTypeNode) and arg.default_value is None:
                messages.append(
                    f'Invalid definition for {what}: missing required argument "{name}"'
                )
            continue
        found_type = found.type
        if isinstance(found_type, NonNullTypeNode) and not isinstance(arg.type, NonNullTypeNode):
            found_type = found_type.type
        if print_ast(arg.type) != print_ast(found_type) and not redefines(
            arg.type, found_type, custom_scalars
        ):
            messages.append(
                f'Invalid definition for {what}: argument "{name}" should have type '
                f'"{print_ast(arg.type)}" but found type "{print_ast(found.type)}"'
            )
        elif not isinstance(found.type, NonNullTypeNode) and default(arg) != default(found):
            messages.append(
                f'Invalid definition for {what}: argument "{name}" should have default value '
                f"{default(arg)} but found default value {default(found)}"
            )
    expected_names = {arg.name.value for arg in expected.arguments or ()}
    for name in actual_args:
        if name not in expected_names:
            messages.append(f'Invalid definition for {what}: unknown/unsupported argument "{name}"')
    return messages


def default(arg: InputValueDefinitionNode) -> str:
    """The printed default value, `undefined` when there is none (as Apollo words it)."""
    return print_ast(arg.default_value) if arg.default_value is not None else "undefined"


def redefines(expected: TypeNode, actual: TypeNode, custom_scalars: set[str]) -> bool:
    """A custom scalar of the spec may be redefined as a non-custom-scalar type."""
    if isinstance(expected, ListTypeNode | NonNullTypeNode):
        if not isinstance(actual, ListTypeNode | NonNullTypeNode) or type(actual) is not type(
            expected
        ):
            return False
        return redefines(expected.type, actual.type, custom_scalars)
    if not isinstance(expected, NamedTypeNode) or not isinstance(actual, NamedTypeNode):
        return False
    expected_custom = expected.name.value not in BUILT_IN_SCALARS
    return expected_custom and actual.name.value not in custom_scalars
