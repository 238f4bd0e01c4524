"""Per-request memo of decisions, so a request asks casbin once per (actor, type, field class)."""

from __future__ import annotations

from typing import Protocol

from authz.actor import Actor
from authz.enforcer import Decision


class Decider(Protocol):
    """Anything that decides like PolicyEnforcer.decide."""

    def decide(self, actor: Actor, *, type_name: str, field_class: str) -> Decision:
        """Decide one (actor, type, field class)."""
        ...


class DecisionCache:
    """One request's decisions: create one per request, never share it between requests.

    Keys hold the whole actor (frozen, so every attribute a decision reads is in the key); a
    policy reload during the request does not change answers already given in it.
    """

    def __init__(self, decider: Decider) -> None:
        self._decider = decider
        self._decisions: dict[tuple[Actor, str, str], Decision] = {}

    def __len__(self) -> int:
        return len(self._decisions)

    def decide(self, actor: Actor, *, type_name: str, field_class: str) -> Decision:
        """Return the cached decision, asking the enforcer on the first request only."""
        key = (actor, type_name, field_class)
        decision = self._decisions.get(key)
        if decision is None:
            decision = self._decider.decide(actor, type_name=type_name, field_class=field_class)
            self._decisions[key] = decision
        return decision
