"""Client operations: parse, validate against the API schema, pick one, inline fragments."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    parse,
    specified_rules,
    validate,
)
from graphql.validation import ASTValidationRule


class OperationError(Exception):
    """The request's document cannot be executed; carries GraphQL errors for the client."""

    def __init__(self, errors: list[GraphQLError]) -> None:
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


@dataclass(frozen=True)
class Operation:
    """One executable operation with its fragments inlined."""

    definition: OperationDefinitionNode
    name: str | None


def parse_document(source: str, *, max_tokens: int) -> DocumentNode:
    """Parse a document, refusing more than `max_tokens` tokens."""
    try:
        return parse(source, max_tokens=max_tokens, no_location=False)
    except GraphQLError as error:
        raise OperationError([error]) from None


def validate_document(
    schema: GraphQLSchema,
    document: DocumentNode,
    extra_rules: tuple[type[ASTValidationRule], ...] = (),
    *,
    hide_suggestions: bool = False,
) -> None:
    """Validate against the API schema and any extra rules; raise with every error found."""
    errors = validate(
        schema,
        document,
        (*specified_rules, *extra_rules),
        max_errors=100,
        hide_suggestions=hide_suggestions,
    )
    if errors:
        raise OperationError(list(errors))


def select_operation(document: DocumentNode, name: str | None) -> Operation:
    """Pick the operation to run and inline every fragment spread into it."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        if len(operations) != 1:
            raise OperationError(
                [GraphQLError("Must provide operation name if query contains multiple operations.")]
            )
        chosen = operations[0]
    else:
        matches = [o for o in operations if o.name and o.name.value == name]
        if not matches:
            raise OperationError([GraphQLError(f"Unknown operation named '{name}'.")])
        chosen = matches[0]
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    inlined = OperationDefinitionNode(
        operation=chosen.operation,
        name=chosen.name,
        variable_definitions=chosen.variable_definitions,
        directives=chosen.directives,
        selection_set=inline_fragments(chosen.selection_set, fragments),
    )
    return Operation(inlined, chosen.name.value if chosen.name else None)


def inline_fragments(
    selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]
) -> SelectionSetNode:
    """Replace every named fragment spread by an inline fragment with its type condition."""

    def convert(node: SelectionNode) -> SelectionNode:
        if isinstance(node, FragmentSpreadNode):
            fragment = fragments[node.name.value]
            return InlineFragmentNode(
                type_condition=fragment.type_condition,
                directives=node.directives,
                selection_set=inline_fragments(fragment.selection_set, fragments),
            )
        if isinstance(node, InlineFragmentNode):
            return InlineFragmentNode(
                type_condition=node.type_condition,
                directives=node.directives,
                selection_set=inline_fragments(node.selection_set, fragments),
            )
        assert isinstance(node, FieldNode)
        if node.selection_set is None:
            return node
        return FieldNode(
            alias=node.alias,
            name=node.name,
            arguments=node.arguments,
            directives=node.directives,
            selection_set=inline_fragments(node.selection_set, fragments),
        )

    return SelectionSetNode(selections=tuple(convert(s) for s in selection_set.selections))
