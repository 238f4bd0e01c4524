"""The casbin ABAC enforcer of one agency's policies, answering per (actor, type, field class).

Policy format (`agencies/<agency>/policies.csv`)
================================================

One file per agency, holding only the rules for the records that agency owns: the owning
agency is the file's, so it never appears in a line. Blank lines and lines starting with `#`
are ignored. Fields are separated by commas; no field may contain a comma, bracket or quote
(casbin would split it again on reload) or exceed 255 characters. Lines come in two kinds.

    p, <subject>, <type>, <field class>, <purpose>, <scope>, <effect>

Six fields, the most a casbin policy row (`v0`..`v5`) holds:

- subject: who the line is about. `*` is every actor; `STAFF` (or `CITIZEN`, `SUPERVISOR`,
  `AUDITOR`, `SYSTEM`) every actor of that kind; `STAFF@police` those of that kind in an agency;
  `role:investigator@police` actors holding that role in that agency (`role:name` alone for
  an actor without agency). Roles come from the actor token and are scoped by its agency.
- type: the GraphQL type name of the record (`Person`, `Household`), or `*`.
- field class: one of authz/fields.py (`PUBLIC`, `BASIC`, `CONTACT`, `FAMILY`, `SENSITIVE`,
  `WRITE`), or `*`. The kit declares a class on every field, and `WRITE` on every mutation:
  a change to the records of the type. A `*` in an allow line grants every class but
  `WRITE`, which only a line naming it grants (so `p, CITIZEN, *, *, *, SELF, allow` lets a
  citizen read, never write, their own records); a `*` in a deny line covers `WRITE` too.
- purpose: one of authz/purposes.py (`CASE_INVESTIGATION`, `SERVICE_APPLICATION`,
  `HOUSEHOLD_ADMINISTRATION`, `IDENTITY_VERIFICATION`, `STATISTICS`, `AUDIT`), or `*` for any.
  Citizens declare none, so only `*` lines apply to them.
- scope: which records an allow covers: `ALL`; `REGION`, records whose region code lies in the
  actor's region (350400 covers every county of Sanming, 350424 only 宁化县); `UNIT`, records
  of the actor's unit; `SELF`, records whose data subject is the actor or a minor in their
  guardianship. An allow names one scope. A deny names `*` (deny outright) or a scope, which
  withdraws that scope and every wider one (a deny at `REGION` leaves `UNIT` grants standing).
- effect: `allow` or `deny`. Deny overrides allow.

    g, <subject>, <group subject>

Role hierarchy: an actor matching the first subject also counts as the second, transitively
(`g, SUPERVISOR@police, STAFF@police`; `g, role:station_chief@police, role:officer@police`).

Rules enforced whatever the file says (in code, before casbin is asked):

- a non-citizen must declare a purpose from the catalogue, or is denied everything;
- a non-citizen reading a sensitive field class (`SENSITIVE`) or writing (`WRITE`) must
  declare a case; that the case is assigned to the actor's unit is checked where the token is
  minted (the gateway); the hall's system declares the application number as its case;
- a citizen is only ever granted `SELF` on personal field classes (also refused at load time).

Example (police):

    p, STAFF@police, Person, BASIC, HOUSEHOLD_ADMINISTRATION, REGION, allow
    p, role:investigator@police, Person, SENSITIVE, CASE_INVESTIGATION, ALL, allow
    p, CITIZEN, Person, *, *, SELF, allow
    p, AUDITOR, Person, *, *, *, deny
    p, SYSTEM@hall, Person, WRITE, SERVICE_APPLICATION, ALL, allow
    g, SUPERVISOR@police, STAFF@police

How a decision is made: the actor's subject set (its kind, kind@agency, role:name@agency and
`*`, plus every group reached through g lines) is matched against all rows by one compiled
casbin matcher (no `eval()`), once per scope from the widest the actor can use (ALL, REGION,
UNIT, SELF) until one is allowed, stopping at a deny `*`. The matcher is also told whether a
`*` field class may grant the class asked for (not for `WRITE`, see authz/model.conf). A
decision costs at most four `enforce` calls and is cached per request by authz/cache.py.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import casbin
from casbin.persist import Adapter

from authz.actor import Actor
from authz.fields import FieldClass, field_class_of
from authz.policyfile import ANY, NAME, PolicyRules, parse_policies
from authz.purposes import purpose_of
from authz.scope import CONTAINED, GRANTABLE, Scope, applicable

logger = logging.getLogger("tongban.authz")

MODEL_PATH = Path(__file__).with_name("model.conf")


@dataclass(frozen=True, kw_only=True)
class Decision:
    """Whether an actor may read (or write) a field class of a type, over which records, why."""

    allowed: bool
    scope: Scope
    reason: str

    @classmethod
    def deny(cls, reason: str) -> Decision:
        """Return a refusal (scope NONE) with its reason."""
        return cls(allowed=False, scope=Scope.NONE, reason=reason)


# Decisions remembered per policies snapshot (distinct actor shapes x types x classes).
MEMO_SIZE = 10_000


def subject_tokens(actor: Actor) -> frozenset[str]:
    """Return the subjects an actor matches directly, before g lines are followed."""
    kind = actor.kind.value
    tokens = {ANY, kind}
    if actor.agency and not NAME.fullmatch(actor.agency):
        return frozenset(tokens)  # an agency no policy can name: kind-wide rules only
    suffix = f"@{actor.agency}" if actor.agency else ""
    if actor.agency:
        tokens.add(kind + suffix)
    # A role that is not a plain name (say "investigator@police") must not pose as another's.
    tokens.update(f"role:{role}{suffix}" for role in actor.roles if NAME.fullmatch(role))
    return frozenset(tokens)


def candidate_scopes(actor: Actor, field_class: FieldClass) -> tuple[Scope, ...]:
    """Return the scopes to try, widest first, that the actor has the attributes for."""
    if actor.is_citizen and field_class.personal:
        scopes: tuple[Scope, ...] = (Scope.SELF,)
    else:
        scopes = GRANTABLE
    return tuple(scope for scope in scopes if applicable(actor, scope))


class _RulesAdapter(Adapter):  # type: ignore[misc]
    """Hands casbin rows that authz/policyfile.py already split and checked."""

    def __init__(self, rules: PolicyRules) -> None:
        self._rules = rules

    def load_policy(self, model: Any) -> None:
        """Add the checked rows to the casbin model."""
        for p_row in self._rules.p:
            model.add_policy("p", "p", list(p_row))
        for g_row in self._rules.g:
            model.add_policy("g", "g", list(g_row))


@dataclass(frozen=True, kw_only=True)
class _Snapshot:
    """One loaded version of the policies: replaced whole on reload; only its memos grow."""

    casbin: Any
    digest: str
    generation: int
    rules: PolicyRules
    _groups: dict[frozenset[str], frozenset[str]] = field(default_factory=dict)
    decided: dict[tuple[object, ...], Decision] = field(default_factory=dict)

    def subjects(self, tokens: frozenset[str]) -> frozenset[str]:
        """Return the tokens with every group they reach through g lines."""
        expanded = self._groups.get(tokens)
        if expanded is None:
            reached = set(tokens)
            for token in tokens:
                reached.update(self.casbin.get_implicit_roles_for_user(token))
            expanded = self._groups.setdefault(tokens, frozenset(reached))
        return expanded


class PolicyEnforcer:
    """One agency's casbin enforcer over the tongban model; reloadable without restart."""

    def __init__(self, *, agency: str, text: str, source: str, path: Path | None = None) -> None:
        self.agency = agency
        self.source = source
        self.path = path
        self._lock = threading.Lock()
        self._snapshot = _build(text, source=source, generation=1)

    @classmethod
    def from_file(cls, path: Path, *, agency: str) -> PolicyEnforcer:
        """Build the enforcer of `agency` from its policies file."""
        return cls(agency=agency, text=path.read_text("utf-8"), source=str(path), path=path)

    @classmethod
    def from_text(cls, text: str, *, agency: str, source: str = "<policies>") -> PolicyEnforcer:
        """Build the enforcer of `agency` from policy text (tests, generated policies)."""
        return cls(agency=agency, text=text, source=source)

    @property
    def generation(self) -> int:
        """How many versions of the policies have been loaded (1 before any reload)."""
        return self._snapshot.generation

    @property
    def rules(self) -> PolicyRules:
        """The rows currently enforced."""
        return self._snapshot.rules

    def reload(self, text: str | None = None) -> bool:
        """Re-read the policies (file or `text`); swap them in if changed; PolicyError if bad."""
        if text is None:
            if self.path is None:
                raise ValueError("an enforcer built from text reloads from text")
            text = self.path.read_text("utf-8")
        with self._lock:
            current = self._snapshot
            if _digest(text) == current.digest:
                return False
            self._snapshot = _build(text, source=self.source, generation=current.generation + 1)
        logger.info(
            "authz: reloaded %s policies from %s (generation %d)",
            self.agency,
            self.source,
            self._snapshot.generation,
        )
        return True

    def subjects_of(self, actor: Actor) -> frozenset[str]:
        """Return every policy subject the actor matches, g lines followed."""
        return self._snapshot.subjects(subject_tokens(actor))

    def decide(self, actor: Actor, *, type_name: str, field_class: str) -> Decision:
        """Decide whether the actor may read `field_class` of `type_name` (WRITE: change it)."""
        snapshot = self._snapshot
        # A decision depends on the actor only through these; casbin's matcher is costly, so
        # every snapshot (a reload makes a new one) remembers the answers it gave.
        key = (
            subject_tokens(actor),
            actor.kind,
            actor.purpose,
            bool(actor.case),
            bool(actor.region),
            bool(actor.unit),
            bool(actor.data_subjects),
            type_name,
            field_class,
        )
        decided = snapshot.decided.get(key)
        if decided is None:
            decided = self._decide(snapshot, actor, type_name=type_name, field_class=field_class)
            if len(snapshot.decided) >= MEMO_SIZE:
                snapshot.decided.clear()
            snapshot.decided[key] = decided
        return decided

    def _decide(
        self, snapshot: _Snapshot, actor: Actor, *, type_name: str, field_class: str
    ) -> Decision:
        klass = field_class_of(field_class)
        purpose = ""
        if not actor.is_citizen:
            declared = purpose_of(actor.purpose)
            if declared is None:
                return Decision.deny("a purpose from the catalogue must be declared")
            if klass.sensitive and not actor.case:
                what = "changes" if klass is FieldClass.WRITE else "sensitive fields"
                return Decision.deny(f"{what} need a declared case")
            purpose = declared.value
        subjects = snapshot.subjects(subject_tokens(actor))
        denied_by: list[str] = []
        for scope in candidate_scopes(actor, klass):
            allowed, rule = snapshot.casbin.enforce_ex(
                subjects,
                type_name,
                klass.value,
                purpose,
                scope.value,
                CONTAINED[scope],
                not klass.named_only,
            )
            if allowed:
                return Decision(allowed=True, scope=scope, reason="allowed by " + ", ".join(rule))
            if rule:  # refused with a matching row: with deny-override, that row is a deny
                denied_by = list(rule)
                if rule[4] == ANY:
                    break
        if denied_by:
            return Decision.deny("denied by " + ", ".join(denied_by))
        return Decision.deny("no rule allows it")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _build(text: str, *, source: str, generation: int) -> _Snapshot:
    rules = parse_policies(text, source=source)
    enforcer = casbin.Enforcer(str(MODEL_PATH), _RulesAdapter(rules))
    return _Snapshot(casbin=enforcer, digest=_digest(text), generation=generation, rules=rules)
