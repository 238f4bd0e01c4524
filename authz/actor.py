"""Who is calling: the actor a gateway-signed actor token describes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ActorKind(StrEnum):
    """The kinds of actor the platform knows."""

    CITIZEN = "CITIZEN"
    STAFF = "STAFF"
    SUPERVISOR = "SUPERVISOR"
    AUDITOR = "AUDITOR"
    SYSTEM = "SYSTEM"


@dataclass(frozen=True, kw_only=True)
class Actor:
    """The authenticated caller of one request, with the attributes rules are written against.

    `subject` is the stable principal id; for a citizen it is the 18-digit ID number (identity
    verifies citizens by real name, and data subjects are keyed by ID number). `guardian_of`
    holds, for a citizen only, the ID numbers of the minors in their guardianship when the
    token was minted. It travels in the signed token because no single subgraph can work it
    out: guardianship is owned by civil affairs and parent links by the police, so the gateway
    resolves it once per citizen (through the federation, as a SYSTEM actor, cached briefly)
    and every subgraph's SELF filter then uses the same answer.
    """

    subject: str
    kind: ActorKind
    agency: str | None = None
    unit: str | None = None
    roles: tuple[str, ...] = ()
    region: str | None = None
    purpose: str | None = None
    case: str | None = None
    request_id: str | None = None
    guardian_of: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.subject:
            raise ValueError("an actor needs a subject")
        if not isinstance(self.kind, ActorKind):
            raise ValueError(f"unknown actor kind {self.kind!r}")
        if not isinstance(self.roles, tuple) or not isinstance(self.guardian_of, tuple):
            raise ValueError("roles and guardian_of are tuples")
        if self.guardian_of and self.kind is not ActorKind.CITIZEN:
            raise ValueError("only a citizen can be a guardian in an actor token")

    @property
    def is_citizen(self) -> bool:
        """Whether the actor is a citizen acting for themselves or their wards."""
        return self.kind is ActorKind.CITIZEN

    @property
    def data_subjects(self) -> tuple[str, ...]:
        """The ID numbers whose records are the actor's own: self and wards (citizens only)."""
        if not self.is_citizen:
            return ()
        return (self.subject, *self.guardian_of)
