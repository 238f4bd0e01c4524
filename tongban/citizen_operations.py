"""The safelist of the citizen portal's persisted operations (web/citizen_operations.py)."""

from __future__ import annotations

from gateway.safelist import Safelist
from web.citizen_operations import CITIZEN_OPERATIONS


def citizen_safelist() -> Safelist:
    """The operations citizens may run through the platform's gateway."""
    return Safelist.of(CITIZEN_OPERATIONS)
