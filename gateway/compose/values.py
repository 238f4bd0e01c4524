"""Prints literal values the way Apollo's `valueToString` does (JavaScript semantics)."""

from __future__ import annotations

import json
from decimal import Decimal

from graphql import (
    FloatValueNode,
    IntValueNode,
    ListValueNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
    print_ast,
)


def print_string(value: str) -> str:
    """A string literal as JavaScript's `JSON.stringify` writes it."""
    return json.dumps(value, ensure_ascii=False)


def js_number(value: float) -> str:
    """ECMAScript's `Number.prototype.toString()` of a finite number."""
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    _, digit_tuple, exponent = Decimal(repr(abs(value))).normalize().as_tuple()
    assert isinstance(exponent, int)
    digits = "".join(str(d) for d in digit_tuple)
    k, n = len(digits), exponent + len(digits)
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
        text = f"{mantissa}e{'+' if n - 1 > 0 else '-'}{abs(n - 1)}"
    return sign + text


def print_value(value: ValueNode) -> str:
    """A literal: strings JSON-quoted, numbers as JavaScript prints them."""
    if isinstance(value, StringValueNode):
        return print_string(value.value)
    if isinstance(value, IntValueNode):
        return str(int(value.value))
    if isinstance(value, FloatValueNode):
        return js_number(float(value.value))
    if isinstance(value, ListValueNode):
        return "[" + ", ".join(print_value(v) for v in value.values) + "]"
    if isinstance(value, ObjectValueNode):
        return (
            "{" + ", ".join(f"{f.name.value}: {print_value(f.value)}" for f in value.fields) + "}"
        )
    return print_ast(value)
