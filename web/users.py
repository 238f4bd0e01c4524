"""Who is signed in: the account's claims as the pages need them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CITIZEN = "CITIZEN"
STAFF = "STAFF"
SUPERVISOR = "SUPERVISOR"
AUDITOR = "AUDITOR"
STAFF_KINDS = frozenset({STAFF, SUPERVISOR})


@dataclass(frozen=True)
class User:
    """A signed-in account (from the provider's userinfo)."""

    login: str
    kind: str
    name: str
    agency: str | None = None
    unit: str | None = None
    region: str | None = None
    id_number: str | None = None
    roles: list[str] = field(default_factory=list)

    @property
    def is_citizen(self) -> bool:
        """A citizen: the portal."""
        return self.kind == CITIZEN

    @property
    def is_staff(self) -> bool:
        """An officer or a supervisor: the workbench."""
        return self.kind in STAFF_KINDS

    @property
    def is_supervisor(self) -> bool:
        """A supervisor: sees subordinate units' work and urges."""
        return self.kind == SUPERVISOR

    @property
    def is_auditor(self) -> bool:
        """An auditor: the console."""
        return self.kind == AUDITOR

    def home(self) -> str:
        """The page a user starts from after signing in."""
        if self.is_staff:
            return "/work"
        if self.is_auditor:
            return "/audit"
        return "/me"

    def as_dict(self) -> dict[str, Any]:
        """The session cookie form."""
        return asdict(self)

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> User:
        """Build from userinfo claims (or the cookie form)."""
        roles = claims.get("roles")
        return cls(
            login=str(claims.get("sub") or claims.get("login") or ""),
            kind=str(claims.get("kind", "")),
            name=str(claims.get("name", "")),
            agency=_text(claims.get("agency")),
            unit=_text(claims.get("unit")),
            region=_text(claims.get("region")),
            id_number=_text(claims.get("id_number")),
            roles=[str(role) for role in roles] if isinstance(roles, list) else [],
        )


def _text(value: Any) -> str | None:
    return str(value) if value is not None else None
