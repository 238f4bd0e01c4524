"""The contract: Apollo Gateway's answers over the test subgraphs, written out literally.

Each case is a query on the supergraph of `tests.gateway.subgraphs` with the complete
response Apollo Gateway (tests/gateway/apollo) gives: data, and each error's message, path
and extensions. Our gateway will be held to the same answers, so the cases pin down the
edge behaviour as well as each federation feature (see `FEATURES`).

Nothing is left out of the comparison: Apollo adds no volatile extensions to these answers
(no tracing, no timings); the error extensions it adds (`serviceName`, `code`) are stable.
The order of `errors` is not significant in GraphQL, so errors are compared as a multiset.
Where Apollo's answer departs from the GraphQL or federation specification, the case says
so and `APOLLO_DEVIATIONS` explains; a differential test must treat those cases apart.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

import pytest

from tests.gateway.conftest import Query


class Case(NamedTuple):
    name: str
    document: str
    variables: dict[str, Any] | None
    expected: dict[str, Any]


# accounts' root field, then reviews' User.reviews through User @key(fields: "id").
SINGLE_KEY = Case(
    "single_key",
    """
{
  user(id: "u2") {
    id
    username
    reviews { body }
  }
}
""",
    None,
    {
        "data": {
            "user": {
                "id": "u2",
                "username": "alan",
                "reviews": [{"body": "The spice must flow."}, {"body": "A long walk."}],
            }
        }
    },
)

# reviews knows Product by upc, inventory only by sku: the gateway must fetch sku from
# products (which has both keys) before it can ask inventory for inStock.
MULTIPLE_KEYS = Case(
    "multiple_keys",
    """
{
  latestReviews(first: 3) {
    id
    product { upc sku title inStock }
  }
}
""",
    None,
    {
        "data": {
            "latestReviews": [
                {
                    "id": "r5",
                    "product": {"upc": "2", "sku": "BK-2", "title": "Dune", "inStock": True},
                },
                {
                    "id": "r4",
                    "product": {"upc": "3", "sku": "BK-3", "title": "Neuromancer", "inStock": True},
                },
                {
                    "id": "r3",
                    "product": {"upc": "1", "sku": "BK-1", "title": "The Hobbit", "inStock": True},
                },
            ]
        }
    },
)

# Warehouse @key(fields: "region code"): inventory's list, shipping's address.
COMPOUND_KEY = Case(
    "compound_key",
    """
{
  warehouses { region code name address }
}
""",
    None,
    {
        "data": {
            "warehouses": [
                {
                    "region": "EU",
                    "code": "AMS",
                    "name": "Amsterdam Central",
                    "address": "Havenstraat 1, Amsterdam",
                },
                {
                    "region": "EU",
                    "code": "BER",
                    "name": "Berlin South",
                    "address": "Südring 9, Berlin",
                },
                {
                    "region": "US",
                    "code": "NYC",
                    "name": "New York Pier",
                    "address": "Pier 40, New York",
                },
            ]
        }
    },
)

# Wishlist @key(fields: "owner { id }"): accounts' name, products' products.
NESTED_KEY = Case(
    "nested_key",
    """
{
  users {
    id
    wishlist {
      name
      owner { id }
      products { title }
    }
  }
}
""",
    None,
    {
        "data": {
            "users": [
                {
                    "id": "u1",
                    "wishlist": {
                        "name": "Ada's reading list",
                        "owner": {"id": "u1"},
                        "products": [{"title": "The Hobbit"}, {"title": "Neuromancer"}],
                    },
                },
                {
                    "id": "u2",
                    "wishlist": {
                        "name": "Alan's picks",
                        "owner": {"id": "u2"},
                        "products": [{"title": "Dune"}, {"title": "The Hobbit"}],
                    },
                },
                {
                    "id": "u3",
                    "wishlist": {"name": "Grace's shelf", "owner": {"id": "u3"}, "products": []},
                },
            ]
        }
    },
)

# products returns User stubs (resolvable: false) in the Pick union; their fields come from
# accounts. Products picked do not match the fragment and are empty objects.
RESOLVABLE_FALSE_STUB = Case(
    "resolvable_false_stub",
    """
{
  editorsPicks {
    ... on User {
      id
      username
      name
      wishlist { name }
    }
  }
}
""",
    None,
    {
        "data": {
            "editorsPicks": [
                {},
                {
                    "id": "u3",
                    "username": "grace",
                    "name": "Grace Hopper",
                    "wishlist": {"name": "Grace's shelf"},
                },
                {},
            ]
        }
    },
)

# inventory's shippingEstimate @requires(fields: "price dimensions { weightGrams }").
REQUIRES_NESTED = Case(
    "requires_nested",
    """
{
  topProducts(first: 4) { title price shippingEstimate }
}
""",
    None,
    {
        "data": {
            "topProducts": [
                {"title": "The Hobbit", "price": "12.50", "shippingEstimate": "0.00"},
                {"title": "Dune", "price": "9.99", "shippingEstimate": "5.10"},
                {"title": "Neuromancer", "price": "4.99", "shippingEstimate": "1.00"},
                {"title": "Foundation", "price": "15.00", "shippingEstimate": "0.00"},
            ]
        }
    },
)

# shipping's deliveryDays requires inventory's shippingClass, which requires products'
# dimensions { weightGrams }; the alias asks the same field with another argument.
REQUIRES_CHAIN = Case(
    "requires_chain",
    """
{
  topProducts(first: 4) {
    title
    deliveryDays
    express: deliveryDays(express: true)
  }
}
""",
    None,
    {
        "data": {
            "topProducts": [
                {"title": "The Hobbit", "deliveryDays": 5, "express": 2},
                {"title": "Dune", "deliveryDays": 3, "express": 1},
                {"title": "Neuromancer", "deliveryDays": 0, "express": 0},
                {"title": "Foundation", "deliveryDays": 0, "express": 0},
            ]
        }
    },
)

# binLocation @requires(fields: "internalCode"): the field is @inaccessible to clients,
# but the gateway must still fetch it for the representation.
REQUIRES_INACCESSIBLE_FIELD = Case(
    "requires_inaccessible_field",
    """
{
  product(upc: "2") { title binLocation }
}
""",
    None,
    {"data": {"product": {"title": "Dune", "binLocation": "bin d-04"}}},
)

# Review.author @provides(fields: "username"): answered by reviews alone.
PROVIDES = Case(
    "provides",
    """
{
  latestReviews(first: 3) {
    body
    author { username }
  }
}
""",
    None,
    {
        "data": {
            "latestReviews": [
                {"body": "Too much sand.", "author": {"username": "grace"}},
                {"body": "Cyberpunk done right.", "author": {"username": "ada"}},
                {"body": "A long walk.", "author": {"username": "alan"}},
            ]
        }
    },
)

# username is provided by reviews, name needs accounts.
PROVIDES_AND_BEYOND = Case(
    "provides_and_beyond",
    """
{
  latestReviews(first: 3) {
    author { id username name }
  }
}
""",
    None,
    {
        "data": {
            "latestReviews": [
                {"author": {"id": "u3", "username": "grace", "name": "Grace Hopper"}},
                {"author": {"id": "u1", "username": "ada", "name": "Ada Lovelace"}},
                {"author": {"id": "u2", "username": "alan", "name": "Alan Turing"}},
            ]
        }
    },
)

# Warehouse.name is @shareable: inventory answers it for warehouses, shipping for warehouse.
SHAREABLE = Case(
    "shareable",
    """
{
  warehouses { code name }
  warehouse(region: "US", code: "NYC") { name address }
}
""",
    None,
    {
        "data": {
            "warehouses": [
                {"code": "AMS", "name": "Amsterdam Central"},
                {"code": "BER", "name": "Berlin South"},
                {"code": "NYC", "name": "New York Pier"},
            ],
            "warehouse": {"name": "New York Pier", "address": "Pier 40, New York"},
        }
    },
)

# inventory's inStock @override(from: "products"); products would answer false everywhere.
OVERRIDE = Case(
    "override",
    """
{
  topProducts(first: 4) { title inStock }
}
""",
    None,
    {
        "data": {
            "topProducts": [
                {"title": "The Hobbit", "inStock": True},
                {"title": "Dune", "inStock": True},
                {"title": "Neuromancer", "inStock": True},
                {"title": "Foundation", "inStock": False},
            ]
        }
    },
)

# @inaccessible fields are not in the API schema: a validation error, HTTP 400.
INACCESSIBLE_FIELD = Case(
    "inaccessible_field",
    """
{
  product(upc: "1") { title internalCode }
}
""",
    None,
    {
        "errors": [
            {
                "message": 'Cannot query field "internalCode" on type "Product".',
                "locations": [{"line": 3, "column": 29}],
                "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
            }
        ]
    },
)

# @inaccessible enum values are not in the API schema: a validation error, HTTP 400.
INACCESSIBLE_ENUM_VALUE_LITERAL = Case(
    "inaccessible_enum_value_literal",
    """
{
  products(format: AUDIOBOOK) { title }
}
""",
    None,
    {
        "errors": [
            {
                "message": 'Value "AUDIOBOOK" does not exist in "Format" enum.',
                "locations": [{"line": 3, "column": 20}],
                "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
            }
        ]
    },
)

# The same value given in a variable: a variable coercion error, HTTP 400.
INACCESSIBLE_ENUM_VALUE_VARIABLE = Case(
    "inaccessible_enum_value_variable",
    """
query ($format: Format) {
  products(format: $format) { title }
}
""",
    {"format": "AUDIOBOOK"},
    {
        "errors": [
            {
                "message": (
                    'Variable "$format" got invalid value "AUDIOBOOK"; '
                    'Value "AUDIOBOOK" does not exist in "Format" enum.'
                ),
                "locations": [{"line": 2, "column": 8}],
                "extensions": {"code": "BAD_USER_INPUT"},
            }
        ]
    },
)

# A subgraph returns the @inaccessible value AUDIOBOOK for a non-null field. Apollo nulls the
# nearest nullable parent but reports it only under extensions.valueCompletion, with no
# entry in "errors" (see APOLLO_DEVIATIONS).
INACCESSIBLE_ENUM_VALUE_OUTPUT = Case(
    "inaccessible_enum_value_output",
    """
{
  first: product(upc: "1") { title format }
  audiobook: product(upc: "4") { title format }
}
""",
    None,
    {
        "data": {"first": {"title": "The Hobbit", "format": "HARDCOVER"}, "audiobook": None},
        "extensions": {
            "valueCompletion": [
                {
                    "message": "Invalid value found for field Product.format.",
                    "path": ["audiobook", "format"],
                    "extensions": {"code": "INVALID_GRAPHQL"},
                }
            ]
        },
    },
)

# Introspection shows the API schema: no AUDIOBOOK, no internalCode.
INACCESSIBLE_INTROSPECTION = Case(
    "inaccessible_introspection",
    """
{
  format: __type(name: "Format") { enumValues { name } }
  product: __type(name: "Product") { fields { name } }
}
""",
    None,
    {
        "data": {
            "format": {
                "enumValues": [{"name": "HARDCOVER"}, {"name": "PAPERBACK"}, {"name": "EBOOK"}]
            },
            "product": {
                "fields": [
                    {"name": "sku"},
                    {"name": "price"},
                    {"name": "dimensions"},
                    {"name": "inStock"},
                    {"name": "stockLevel"},
                    {"name": "shippingEstimate"},
                    {"name": "shippingClass"},
                    {"name": "binLocation"},
                    {"name": "stockedAt"},
                    {"name": "title"},
                    {"name": "upc"},
                    {"name": "format"},
                    {"name": "reviews"},
                    {"name": "reviewSummary"},
                    {"name": "deliveryDays"},
                ]
            },
        }
    },
)

# shipping returns Promotion (@interfaceObject) without concrete types: __typename and the
# type conditions need products, which owns the interface.
INTERFACE_OBJECT = Case(
    "interface_object",
    """
{
  freeShippingPromotions {
    __typename
    id
    headline
    freeShipping
    ... on Bundle { products { title } }
    ... on Discount { percent }
  }
}
""",
    None,
    {
        "data": {
            "freeShippingPromotions": [
                {
                    "__typename": "Bundle",
                    "id": "promo-2",
                    "headline": "Two classics",
                    "freeShipping": True,
                    "products": [{"title": "The Hobbit"}, {"title": "Dune"}],
                },
                {
                    "__typename": "Discount",
                    "id": "promo-3",
                    "headline": "Half-price ebooks",
                    "freeShipping": True,
                    "percent": 50,
                },
            ]
        }
    },
)

# Even a bare __typename on an @interfaceObject result needs the owning subgraph.
INTERFACE_OBJECT_TYPENAME_ONLY = Case(
    "interface_object_typename_only",
    """
{
  freeShippingPromotions { __typename }
}
""",
    None,
    {"data": {"freeShippingPromotions": [{"__typename": "Bundle"}, {"__typename": "Discount"}]}},
)

# The other way round: products' promotions, shipping's freeShipping, sent to shipping with
# __typename "Promotion".
INTERFACE_OBJECT_FROM_OWNER = Case(
    "interface_object_from_owner",
    """
{
  promotions {
    __typename
    headline
    freeShipping
    ... on Discount { percent }
  }
}
""",
    None,
    {
        "data": {
            "promotions": [
                {
                    "__typename": "Discount",
                    "headline": "Ten percent off Dune",
                    "freeShipping": False,
                    "percent": 10,
                },
                {"__typename": "Bundle", "headline": "Two classics", "freeShipping": True},
                {
                    "__typename": "Discount",
                    "headline": "Half-price ebooks",
                    "freeShipping": True,
                    "percent": 50,
                },
            ]
        }
    },
)

# Merchandise is implemented by Product (owned by products) and GiftCard (owned by accounts,
# extended by products): per-type entity fetches to inventory and accounts.
INTERFACE_ACROSS_SUBGRAPHS = Case(
    "interface_across_subgraphs",
    """
{
  merchandise {
    __typename
    title
    price
    ... on Product { upc inStock }
    ... on GiftCard { code balance holder { username } }
  }
}
""",
    None,
    {
        "data": {
            "merchandise": [
                {
                    "__typename": "Product",
                    "title": "The Hobbit",
                    "price": "12.50",
                    "upc": "1",
                    "inStock": True,
                },
                {
                    "__typename": "GiftCard",
                    "title": "Gift card 25",
                    "price": "25.00",
                    "code": "GC-25",
                    "balance": "25.00",
                    "holder": {"username": "alan"},
                },
                {
                    "__typename": "Product",
                    "title": "Dune",
                    "price": "9.99",
                    "upc": "2",
                    "inStock": True,
                },
                {
                    "__typename": "GiftCard",
                    "title": "Gift card 50",
                    "price": "50.00",
                    "code": "GC-50",
                    "balance": "12.00",
                    "holder": {"username": "ada"},
                },
            ]
        }
    },
)

# A named fragment on the interface, with an inline fragment and a nested named fragment on
# implementations resolved in other subgraphs.
FRAGMENTS_ON_INTERFACE = Case(
    "fragments_on_interface",
    """
query {
  merchandise { ...Sold }
}

fragment Sold on Merchandise {
  title
  ... on Product { inStock reviews { stars } }
  ...Card
}

fragment Card on GiftCard {
  holder { name }
}
""",
    None,
    {
        "data": {
            "merchandise": [
                {"title": "The Hobbit", "inStock": True, "reviews": [{"stars": 5}, {"stars": 3}]},
                {"title": "Gift card 25", "holder": {"name": "Alan Turing"}},
                {"title": "Dune", "inStock": True, "reviews": [{"stars": 4}, {"stars": 2}]},
                {"title": "Gift card 50", "holder": {"name": "Ada Lovelace"}},
            ]
        }
    },
)

# A fragment on an interface inside a union, and __typename on every member.
UNION_ACROSS_SUBGRAPHS = Case(
    "union_across_subgraphs",
    """
{
  editorsPicks {
    __typename
    ... on Merchandise { title price }
    ... on User { username }
  }
}
""",
    None,
    {
        "data": {
            "editorsPicks": [
                {"__typename": "Product", "title": "Dune", "price": "9.99"},
                {"__typename": "User", "username": "grace"},
                {"__typename": "Product", "title": "The Hobbit", "price": "12.50"},
            ]
        }
    },
)

# Enum as literal argument, as variable, and as output.
ENUM = Case(
    "enum",
    """
query ($format: Format) {
  paperbacks: products(format: PAPERBACK) { title format }
  ebooks: products(format: $format) { title format }
}
""",
    {"format": "EBOOK"},
    {
        "data": {
            "paperbacks": [{"title": "Dune", "format": "PAPERBACK"}],
            "ebooks": [{"title": "Neuromancer", "format": "EBOOK"}],
        }
    },
)

# The Money scalar as a variable, as a literal argument and as output.
CUSTOM_SCALAR = Case(
    "custom_scalar",
    """
query ($max: Money) {
  underTen: products(maxPrice: $max) { title price }
  underFive: products(maxPrice: "5") { title price }
}
""",
    {"max": "10.00"},
    {
        "data": {
            "underTen": [
                {"title": "Dune", "price": "9.99"},
                {"title": "Neuromancer", "price": "4.99"},
            ],
            "underFive": [{"title": "Neuromancer", "price": "4.99"}],
        }
    },
)

# The same products (Dune, The Hobbit) and users (Alan, Ada) are reached twice each: a
# gateway may send de-duplicated representations, the answer must not change.
REPEATED_ENTITIES = Case(
    "repeated_entities",
    """
{
  latestReviews {
    id
    product { upc title }
    author { name }
  }
}
""",
    None,
    {
        "data": {
            "latestReviews": [
                {
                    "id": "r5",
                    "product": {"upc": "2", "title": "Dune"},
                    "author": {"name": "Grace Hopper"},
                },
                {
                    "id": "r4",
                    "product": {"upc": "3", "title": "Neuromancer"},
                    "author": {"name": "Ada Lovelace"},
                },
                {
                    "id": "r3",
                    "product": {"upc": "1", "title": "The Hobbit"},
                    "author": {"name": "Alan Turing"},
                },
                {
                    "id": "r2",
                    "product": {"upc": "2", "title": "Dune"},
                    "author": {"name": "Alan Turing"},
                },
                {
                    "id": "r1",
                    "product": {"upc": "1", "title": "The Hobbit"},
                    "author": {"name": "Ada Lovelace"},
                },
            ]
        }
    },
)

# Argument defaults (topProducts first = 3, reviews minStars = 1), a variable default, and
# aliases of one field with different arguments in one entity fetch.
ARGUMENTS_AND_DEFAULTS = Case(
    "arguments_and_defaults",
    """
query ($first: Int = 2) {
  topProducts { upc }
  two: topProducts(first: $first) { upc }
  product(upc: "1") {
    all: reviews { id stars }
    good: reviews(minStars: 4) { id stars }
    oldest: reviews(first: 1) { id }
  }
}
""",
    None,
    {
        "data": {
            "topProducts": [{"upc": "1"}, {"upc": "2"}, {"upc": "3"}],
            "two": [{"upc": "1"}, {"upc": "2"}],
            "product": {
                "all": [{"id": "r1", "stars": 5}, {"id": "r3", "stars": 3}],
                "good": [{"id": "r1", "stars": 5}],
                "oldest": [{"id": "r1"}],
            },
        }
    },
)

# @skip/@include with variables on fields, inline fragments and fragment spreads: all off.
SKIP_INCLUDE_FALSE = Case(
    "skip_include_false",
    """
query ($reviews: Boolean!, $noStock: Boolean!) {
  topProducts(first: 2) {
    title
    reviews @include(if: $reviews) { stars }
    inStock @skip(if: $noStock)
    ... @include(if: $reviews) { reviewSummary }
    ...Shipping @skip(if: $noStock)
  }
}

fragment Shipping on Product {
  deliveryDays
}
""",
    {"reviews": False, "noStock": True},
    {"data": {"topProducts": [{"title": "The Hobbit"}, {"title": "Dune"}]}},
)

# The same document with everything on (and Dune's failing reviewSummary).
SKIP_INCLUDE_TRUE = Case(
    "skip_include_true",
    """
query ($reviews: Boolean!, $noStock: Boolean!) {
  topProducts(first: 2) {
    title
    reviews @include(if: $reviews) { stars }
    inStock @skip(if: $noStock)
    ... @include(if: $reviews) { reviewSummary }
    ...Shipping @skip(if: $noStock)
  }
}

fragment Shipping on Product {
  deliveryDays
}
""",
    {"reviews": True, "noStock": False},
    {
        "errors": [
            {
                "message": "summary service unavailable for upc 2",
                "path": ["topProducts", 1, "reviewSummary"],
                "extensions": {"serviceName": "reviews", "code": "DOWNSTREAM_SERVICE_ERROR"},
            }
        ],
        "data": {
            "topProducts": [
                {
                    "title": "The Hobbit",
                    "reviews": [{"stars": 5}, {"stars": 3}],
                    "inStock": True,
                    "reviewSummary": "2 review(s), 4.0 stars on average",
                    "deliveryDays": 5,
                },
                {
                    "title": "Dune",
                    "reviews": [{"stars": 4}, {"stars": 2}],
                    "inStock": True,
                    "reviewSummary": None,
                    "deliveryDays": 3,
                },
            ]
        },
    },
)

# Product (upc: String!) and Voucher (upc: Int!) on one shelf, both extended by reviews: the
# products fetch selects both keys side by side and must alias one apart; the voucher-8
# error comes back at the shelf's path.
KEY_FIELDS_OF_DIFFERENT_TYPES = Case(
    "key_fields_of_different_types",
    """
{
  shelf {
    ... on Product { title reviews { stars } }
    ... on Voucher { title reviewCount }
  }
}
""",
    None,
    {
        "errors": [
            {
                "message": "review counter unavailable for voucher 8",
                "path": ["shelf", 3, "reviewCount"],
                "extensions": {"serviceName": "reviews", "code": "DOWNSTREAM_SERVICE_ERROR"},
            }
        ],
        "data": {
            "shelf": [
                {"title": "The Hobbit", "reviews": [{"stars": 5}, {"stars": 3}]},
                {"title": "Reading voucher", "reviewCount": 3},
                {"title": "Neuromancer", "reviews": [{"stars": 5}]},
                {"title": "Gift voucher", "reviewCount": None},
            ]
        },
    },
)

# Mutation root fields run one after another in document order, across shipping and
# accounts (which share the journal): each answer is the journal right after that field.
MUTATIONS_IN_ORDER = Case(
    "mutations_in_order",
    """
mutation {
  __typename
  resetJournal
  first: ship(upc: "1") { number journal product { title } }
  second: signIn(username: "ada")
  third: ship(upc: "3") { number journal product { title deliveryDays } }
}
""",
    None,
    {
        "data": {
            "__typename": "Mutation",
            "resetJournal": [],
            "first": {"number": 1, "journal": ["ship 1"], "product": {"title": "The Hobbit"}},
            "second": ["ship 1", "signIn ada"],
            "third": {
                "number": 3,
                "journal": ["ship 1", "signIn ada", "ship 3"],
                "product": {"title": "Neuromancer", "deliveryDays": 0},
            },
        }
    },
)

# Errors from two subgraphs in one answer; non-null stockLevel nulls neuromancer, nullable
# reviewSummary only itself.
ERRORS_FROM_TWO_SUBGRAPHS = Case(
    "errors_from_two_subgraphs",
    """
{
  neuromancer: product(upc: "3") { title stockLevel }
  dune: product(upc: "2") { title reviewSummary stockLevel }
}
""",
    None,
    {
        "errors": [
            {
                "message": "stock feed offline for BK-3",
                "path": ["neuromancer", "stockLevel"],
                "extensions": {"serviceName": "inventory", "code": "DOWNSTREAM_SERVICE_ERROR"},
            },
            {
                "message": "summary service unavailable for upc 2",
                "path": ["dune", "reviewSummary"],
                "extensions": {"serviceName": "reviews", "code": "DOWNSTREAM_SERVICE_ERROR"},
            },
        ],
        "data": {
            "neuromancer": None,
            "dune": {"title": "Dune", "reviewSummary": None, "stockLevel": 12},
        },
    },
)

# A nullable field raising in an entity fetch: partial data, error path rewritten from
# _entities[i] to the client's path, with the client's aliases.
NULLABLE_FIELD_ERROR = Case(
    "nullable_field_error",
    """
{
  items: topProducts {
    upc
    summary: reviewSummary
  }
}
""",
    None,
    {
        "errors": [
            {
                "message": "summary service unavailable for upc 2",
                "path": ["items", 1, "summary"],
                "extensions": {"serviceName": "reviews", "code": "DOWNSTREAM_SERVICE_ERROR"},
            }
        ],
        "data": {
            "items": [
                {"upc": "1", "summary": "2 review(s), 4.0 stars on average"},
                {"upc": "2", "summary": None},
                {"upc": "3", "summary": "1 review(s), 5.0 stars on average"},
            ]
        },
    },
)

# A non-null field raising: its nullable parent (product) becomes null; the sibling root
# fields, and the same field on another product, are intact.
NON_NULL_ERROR_TO_NULLABLE_FIELD = Case(
    "non_null_error_to_nullable_field",
    """
{
  __typename
  me { name }
  product(upc: "3") { title stockLevel }
  other: product(upc: "1") { title stockLevel }
}
""",
    None,
    {
        "errors": [
            {
                "message": "stock feed offline for BK-3",
                "path": ["product", "stockLevel"],
                "extensions": {"serviceName": "inventory", "code": "DOWNSTREAM_SERVICE_ERROR"},
            }
        ],
        "data": {
            "__typename": "Query",
            "me": {"name": "Ada Lovelace"},
            "product": None,
            "other": {"title": "The Hobbit", "stockLevel": 5},
        },
    },
)

# The null stops at the nullable list element.
NON_NULL_ERROR_TO_LIST_ELEMENT = Case(
    "non_null_error_to_list_element",
    """
{
  products { title stockLevel }
}
""",
    None,
    {
        "errors": [
            {
                "message": "stock feed offline for BK-3",
                "path": ["products", 2, "stockLevel"],
                "extensions": {"serviceName": "inventory", "code": "DOWNSTREAM_SERVICE_ERROR"},
            }
        ],
        "data": {
            "products": [
                {"title": "The Hobbit", "stockLevel": 5},
                {"title": "Dune", "stockLevel": 12},
                None,
                {"title": "Foundation", "stockLevel": 0},
            ]
        },
    },
)

# The null climbs through three subgraphs' fields (products' [Product!]!, accounts'
# Wishlist!) up to the nullable root field user.
NON_NULL_ERROR_THROUGH_ENTITIES = Case(
    "non_null_error_through_entities",
    """
{
  user(id: "u1") {
    name
    wishlist { products { title stockLevel } }
  }
}
""",
    None,
    {
        "errors": [
            {
                "message": "stock feed offline for BK-3",
                "path": ["user", "wishlist", "products", 1, "stockLevel"],
                "extensions": {"serviceName": "inventory", "code": "DOWNSTREAM_SERVICE_ERROR"},
            }
        ],
        "data": {"user": None},
    },
)

# Nothing nullable on the way up: data is null.
NON_NULL_ERROR_TO_DATA = Case(
    "non_null_error_to_data",
    """
{
  topProducts { title stockLevel }
}
""",
    None,
    {
        "errors": [
            {
                "message": "stock feed offline for BK-3",
                "path": ["topProducts", 2, "stockLevel"],
                "extensions": {"serviceName": "inventory", "code": "DOWNSTREAM_SERVICE_ERROR"},
            }
        ],
        "data": None,
    },
)

CASES: list[Case] = [
    SINGLE_KEY,
    MULTIPLE_KEYS,
    COMPOUND_KEY,
    NESTED_KEY,
    RESOLVABLE_FALSE_STUB,
    REQUIRES_NESTED,
    REQUIRES_CHAIN,
    REQUIRES_INACCESSIBLE_FIELD,
    PROVIDES,
    PROVIDES_AND_BEYOND,
    SHAREABLE,
    OVERRIDE,
    INACCESSIBLE_FIELD,
    INACCESSIBLE_ENUM_VALUE_LITERAL,
    INACCESSIBLE_ENUM_VALUE_VARIABLE,
    INACCESSIBLE_ENUM_VALUE_OUTPUT,
    INACCESSIBLE_INTROSPECTION,
    INTERFACE_OBJECT,
    INTERFACE_OBJECT_TYPENAME_ONLY,
    INTERFACE_OBJECT_FROM_OWNER,
    INTERFACE_ACROSS_SUBGRAPHS,
    FRAGMENTS_ON_INTERFACE,
    UNION_ACROSS_SUBGRAPHS,
    ENUM,
    CUSTOM_SCALAR,
    REPEATED_ENTITIES,
    ARGUMENTS_AND_DEFAULTS,
    SKIP_INCLUDE_FALSE,
    SKIP_INCLUDE_TRUE,
    KEY_FIELDS_OF_DIFFERENT_TYPES,
    MUTATIONS_IN_ORDER,
    ERRORS_FROM_TWO_SUBGRAPHS,
    NULLABLE_FIELD_ERROR,
    NON_NULL_ERROR_TO_NULLABLE_FIELD,
    NON_NULL_ERROR_TO_LIST_ELEMENT,
    NON_NULL_ERROR_THROUGH_ENTITIES,
    NON_NULL_ERROR_TO_DATA,
]

# Where Apollo Gateway's answer departs from the GraphQL or federation specification.
APOLLO_DEVIATIONS: dict[str, str] = {
    "inaccessible_enum_value_output": (
        "GraphQL spec, 'Value Completion' and 'Handling Field Errors': a value that cannot be"
        " serialized for the field's type (an enum value missing from the API schema) raises"
        " a field error, which must be added to the response's `errors`. Apollo nulls the"
        " parent as it should but lists the problem only under"
        " `extensions.valueCompletion`, leaving `errors` absent."
    ),
}

# Federation feature -> the cases exercising it.
FEATURES: dict[str, list[str]] = {
    "entity key, single": ["single_key", "provides_and_beyond"],
    "entity keys, several on one type": ["multiple_keys"],
    "entity key, compound": ["compound_key", "shareable"],
    "entity key, nested": ["nested_key"],
    "resolvable: false stub": ["resolvable_false_stub", "union_across_subgraphs"],
    "@requires with a nested selection": ["requires_nested"],
    "@requires chain across three subgraphs": ["requires_chain", "mutations_in_order"],
    "@requires of an @inaccessible field": ["requires_inaccessible_field"],
    "@provides with @external": ["provides", "provides_and_beyond"],
    "@shareable field resolved by two subgraphs": ["shareable", "compound_key"],
    "@override(from:)": ["override", "multiple_keys"],
    "@inaccessible field": ["inaccessible_field", "inaccessible_introspection"],
    "@inaccessible enum value": [
        "inaccessible_enum_value_literal",
        "inaccessible_enum_value_variable",
        "inaccessible_enum_value_output",
        "inaccessible_introspection",
    ],
    "@interfaceObject": [
        "interface_object",
        "interface_object_typename_only",
        "interface_object_from_owner",
    ],
    "interface implemented in different subgraphs": [
        "interface_across_subgraphs",
        "fragments_on_interface",
    ],
    "union with members in different subgraphs": ["union_across_subgraphs"],
    "enum": ["enum"],
    "custom scalar": ["custom_scalar", "requires_nested"],
    "lists of entities, same entity reached twice": ["repeated_entities", "nested_key"],
    "mutation root fields in order": ["mutations_in_order"],
    "nullable field raising (partial data)": [
        "nullable_field_error",
        "errors_from_two_subgraphs",
        "skip_include_true",
    ],
    "non-null field raising (null propagation)": [
        "non_null_error_to_nullable_field",
        "non_null_error_to_list_element",
        "non_null_error_through_entities",
        "non_null_error_to_data",
        "errors_from_two_subgraphs",
    ],
    "arguments and defaults": ["arguments_and_defaults", "requires_chain"],
    "aliases of one field with different arguments": [
        "arguments_and_defaults",
        "requires_chain",
        "enum",
        "custom_scalar",
    ],
    "__typename on abstract types": [
        "interface_object_typename_only",
        "interface_across_subgraphs",
        "union_across_subgraphs",
    ],
    "fragments on interfaces across subgraphs": ["fragments_on_interface"],
    "@skip/@include with variables": ["skip_include_false", "skip_include_true"],
    "same field name with different types in one fetch (aliased apart)": [
        "key_fields_of_different_types"
    ],
}


def comparable(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer with its errors in a canonical order (their order carries no meaning)."""
    if "errors" not in answer:
        return answer
    errors = sorted(answer["errors"], key=lambda error: json.dumps(error, sort_keys=True))
    return {**answer, "errors": errors}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_apollo_gateway_answers(apollo_gateway: Query, case: Case) -> None:
    # given the test subgraphs behind Apollo Gateway, when the case's document is sent
    answer = await apollo_gateway(case.document, case.variables)
    # then the answer is exactly the one written down
    assert comparable(answer) == comparable(case.expected)


def test_every_feature_has_cases_and_every_case_a_feature() -> None:
    # given the cases and the feature map, then each names only existing cases,
    # and no case is left without the feature it is there for
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    mapped = {name for cases in FEATURES.values() for name in cases}
    assert mapped <= set(names), sorted(mapped - set(names))
    assert set(names) <= mapped, sorted(set(names) - mapped)
    assert set(APOLLO_DEVIATIONS) <= set(names)
