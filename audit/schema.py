"""The audit subgraph: the auditors' search, the citizens' data tracker, alerts, verification.

Field classes of an access entry (the owner's policies, audit/policies.csv, grant them):

- PUBLIC: `seq`, the key.
- BASIC: what happened: when, which agency and unit (and kind of actor), which subgraph,
  type and fields, the purpose, the decision, the entry's hash.
- CONTACT: who else the entry names: the official's identity (`actor`), the other data
  subjects, the case and the request id. Citizens are not granted it, so in their data
  tracker these fields are null with `FORBIDDEN` (the agency and unit still show).

A read of the log is itself an access, recorded by the kit once per request like any other
(see audit/subgraph.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import Enum
from pathlib import Path

import strawberry
from strawberry.types import Info

from audit import models, services
from audit.alerts import Alert as DetectedAlert
from audit.search import LoggedAccess, logged_access
from audit.statistics import AccessCounts, KeyCount
from audit.verify import VerifyReport
from authz.fields import FieldClass
from authz.purposes import label_of, purpose_of
from subgraph.context import call_service, context_of
from subgraph.convert import from_row
from subgraph.entities import load_one
from subgraph.guard import BASIC, CONTACT, PUBLIC, Attr, Guard, Guarded
from subgraph.pagination import Page, page_of
from subgraph.resolvers import resolver

KeyFiles = Callable[[], Sequence[Path]]


@strawberry.enum(description="Whether an access was allowed or refused.")
class AccessDecision(Enum):
    ALLOW = "ALLOW"
    DENY = "DENY"


@Guarded(part_of="AccessEntry")
@strawberry.type(description="The purpose an access was declared for, with its labels.")
class AccessPurpose:
    code: str = strawberry.field(
        description="The purpose code, e.g. CASE_INVESTIGATION.", extensions=[Guard(BASIC)]
    )
    zh: str | None = strawberry.field(
        description="Chinese label; null for a code outside the catalogue.",
        extensions=[Guard(BASIC)],
    )
    en: str | None = strawberry.field(
        description="English label; null for a code outside the catalogue.",
        extensions=[Guard(BASIC)],
    )

    @staticmethod
    def of(code: str | None) -> AccessPurpose | None:
        """The purpose of a code with its catalogue labels; None without a code."""
        if code is None:
            return None
        known = purpose_of(code)
        label = label_of(known) if known is not None else None
        return AccessPurpose(
            code=code, zh=label.zh if label else None, en=label.en if label else None
        )


@Guarded(subject=Attr("about", column=models.AccessSubject.subject))
@strawberry.federation.type(
    keys=["seq"], description="One access to personal data, allowed or refused, in the log."
)
class AccessEntry:
    seq: int = strawberry.field(
        description="Position in the hash chain (1 is the first entry).",
        extensions=[Guard(PUBLIC)],
    )
    recorded_at: datetime = strawberry.field(
        description="When the access was decided (UTC).", extensions=[Guard(BASIC)]
    )
    actor: str = strawberry.field(
        description="Who read: the official's (or citizen's, or system's) identity.",
        extensions=[Guard(CONTACT)],
    )
    actor_kind: str = strawberry.field(
        description="The kind of actor: CITIZEN, STAFF, SUPERVISOR, AUDITOR or SYSTEM.",
        extensions=[Guard(BASIC)],
    )
    agency: str | None = strawberry.field(
        description="The actor's agency; null for citizens.", extensions=[Guard(BASIC)]
    )
    unit: str | None = strawberry.field(
        description="The actor's unit within the agency, if any.", extensions=[Guard(BASIC)]
    )
    subgraph: str = strawberry.field(
        description="The agency subgraph whose records were read, e.g. police.",
        extensions=[Guard(BASIC)],
    )
    data_subjects: list[str] = strawberry.field(
        description="ID numbers of the persons whose data was read, sorted.",
        extensions=[Guard(CONTACT)],
    )
    type_name: str = strawberry.field(
        description="The GraphQL type of the records read, e.g. Person.",
        extensions=[Guard(BASIC)],
    )
    fields: list[str] = strawberry.field(
        description="The fields read (or refused), sorted.", extensions=[Guard(BASIC)]
    )
    case: str | None = strawberry.field(
        description="The case the actor declared, if any.", extensions=[Guard(CONTACT)]
    )
    decision: AccessDecision = strawberry.field(
        description="Whether the access was allowed or refused.", extensions=[Guard(BASIC)]
    )
    request_id: str | None = strawberry.field(
        description="The gateway's request id, to find the other entries of one request.",
        extensions=[Guard(CONTACT)],
    )
    entry_hash: str = strawberry.field(
        description="SHA-256 link of this entry in the chain (hex).", extensions=[Guard(BASIC)]
    )
    purpose_code: strawberry.Private[str | None]
    # The data subject the entry was found through (the citizen, the searched subject).
    about: strawberry.Private[str | None]

    @resolver(
        "The declared purpose with zh/en labels; null when none was declared.",
        Guard(BASIC),
    )
    def purpose(self) -> AccessPurpose | None:
        return AccessPurpose.of(self.purpose_code)

    @classmethod
    async def resolve_reference(cls, info: Info, seq: int) -> AccessEntry | None:
        return await load_one(
            info, models.AccessEntry.seq, seq, lambda row: cls.of(logged_access(row), about=None)
        )

    @staticmethod
    def of(entry: LoggedAccess, *, about: str | None) -> AccessEntry:
        """The GraphQL entry of a logged access, found through data subject `about`."""
        return from_row(
            AccessEntry,
            entry,
            data_subjects=list(entry.data_subjects),
            fields=list(entry.fields),
            decision=AccessDecision(entry.decision),
            purpose_code=entry.purpose,
            about=about,
        )


@Guarded()
@strawberry.type(description="One actor's suspicious pattern in a window of the log.")
class Alert:
    kind: str = strawberry.field(
        description="MASS_ACCESS, OFF_HOURS, NO_CASE or REPEATED_DENIALS.",
        extensions=[Guard(BASIC)],
    )
    actor: str = strawberry.field(description="The actor showing it.", extensions=[Guard(BASIC)])
    agency: str | None = strawberry.field(
        description="The actor's agency.", extensions=[Guard(BASIC)]
    )
    count: int = strawberry.field(
        description="How many entries (or, for MASS_ACCESS, persons) show it.",
        extensions=[Guard(BASIC)],
    )
    first_seq: int = strawberry.field(
        description="The first entry showing it.", extensions=[Guard(BASIC)]
    )
    last_seq: int = strawberry.field(
        description="The last entry showing it.", extensions=[Guard(BASIC)]
    )
    detail: str = strawberry.field(description="What was seen.", extensions=[Guard(BASIC)])

    @staticmethod
    def of(alert: DetectedAlert) -> Alert:
        """The GraphQL alert of a detected one."""
        return Alert(
            kind=alert.kind,
            actor=alert.actor,
            agency=alert.agency,
            count=alert.count,
            first_seq=alert.first_seq,
            last_seq=alert.last_seq,
            detail=alert.detail,
        )


@Guarded()
@strawberry.type(description="Whether the hash chain and its signed checkpoints are intact.")
class ChainStatus:
    ok: bool = strawberry.field(
        description="True when every entry, index row and checkpoint checks out.",
        extensions=[Guard(BASIC)],
    )
    entries_checked: int = strawberry.field(
        description="How many entries were verified before the end or the first bad one.",
        extensions=[Guard(BASIC)],
    )
    first_bad_seq: int | None = strawberry.field(
        description="The first entry that fails; null when ok.", extensions=[Guard(BASIC)]
    )
    reason: str | None = strawberry.field(
        description="Why it fails; null when ok.", extensions=[Guard(BASIC)]
    )

    @staticmethod
    def of(report: VerifyReport | None) -> ChainStatus:
        """The status of a verification (a caller not covered gets only refused fields)."""
        if report is None:
            return ChainStatus(ok=False, entries_checked=0, first_bad_seq=None, reason=None)
        return ChainStatus(
            ok=report.ok,
            entries_checked=report.entries_checked,
            first_bad_seq=report.first_bad_seq,
            reason=report.reason,
        )


@Guarded(part_of="AccessStatistics")
@strawberry.type(description="How many accesses of a window had one value (an agency, a decision).")
class AccessCount:
    key: str | None = strawberry.field(
        description="The value counted, e.g. police or DENY; null for entries without one.",
        extensions=[Guard(BASIC)],
    )
    count: int = strawberry.field(description="How many entries.", extensions=[Guard(BASIC)])

    @staticmethod
    def of(group: KeyCount) -> AccessCount:
        """The GraphQL count of a group."""
        return AccessCount(key=group.key, count=group.count)


@Guarded(part_of="AccessStatistics")
@strawberry.type(description="How many accesses of a window were declared for one purpose.")
class PurposeCount:
    key: str | None = strawberry.field(
        description="The purpose code; null for entries declaring none.",
        extensions=[Guard(BASIC)],
    )
    count: int = strawberry.field(description="How many entries.", extensions=[Guard(BASIC)])
    zh: str | None = strawberry.field(
        description="Chinese label; null for no code or one outside the catalogue.",
        extensions=[Guard(BASIC)],
    )
    en: str | None = strawberry.field(
        description="English label; null for no code or one outside the catalogue.",
        extensions=[Guard(BASIC)],
    )

    @staticmethod
    def of(group: KeyCount) -> PurposeCount:
        """The GraphQL count of a purpose, with its catalogue labels."""
        purpose = AccessPurpose.of(group.key)
        return PurposeCount(
            key=group.key,
            count=group.count,
            zh=purpose.zh if purpose else None,
            en=purpose.en if purpose else None,
        )


@Guarded()
@strawberry.type(description="The accesses of a window counted by agency, purpose and decision.")
class AccessStatistics:
    by_agency: list[AccessCount] = strawberry.field(
        description="Entries per agency of the actor, most first (null key: citizens).",
        extensions=[Guard(BASIC)],
    )
    by_purpose: list[PurposeCount] = strawberry.field(
        description="Entries per declared purpose, most first.", extensions=[Guard(BASIC)]
    )
    by_decision: list[AccessCount] = strawberry.field(
        description="Entries per decision (ALLOW, DENY), most first.", extensions=[Guard(BASIC)]
    )
    total: int = strawberry.field(
        description="Entries of the window in all.", extensions=[Guard(BASIC)]
    )

    @staticmethod
    def of(counts: AccessCounts) -> AccessStatistics:
        """The GraphQL statistics of counted entries."""
        return AccessStatistics(
            by_agency=[AccessCount.of(group) for group in counts.by_agency],
            by_purpose=[PurposeCount.of(group) for group in counts.by_purpose],
            by_decision=[AccessCount.of(group) for group in counts.by_decision],
            total=counts.total,
        )


def query_type(key_files: KeyFiles) -> type:
    """The Query of the audit subgraph; `key_files` names the checkpoint keys to verify with."""

    @strawberry.type(name="Query", description="The access log, for auditors and citizens.")
    class Query:
        @resolver(
            "Auditors: entries matching every given filter, newest first "
            "(`since` inclusive, `until` exclusive)."
        )
        async def access_log(
            self,
            info: Info,
            actor: str | None = None,
            subject: str | None = None,
            agency: str | None = None,
            purpose: str | None = None,
            decision: AccessDecision | None = None,
            since: datetime | None = None,
            until: datetime | None = None,
            first: int = 20,
            after: str | None = None,
        ) -> Page[AccessEntry]:
            # Searching the log reveals who read whom: it is decided as the officials'
            # identities (CONTACT), which citizens are not granted.
            rows, page_info = await call_service(
                info,
                services.search_log,
                listing=AccessEntry,
                listing_class=FieldClass.CONTACT,
                actor=actor,
                subject=subject,
                agency=agency,
                purpose=purpose,
                decision=decision.value if decision else None,
                since=since,
                until=until,
                first=first,
                after=after,
            )
            return page_of(rows, page_info, lambda entry: AccessEntry.of(entry, about=subject))

        @resolver(
            "Citizens: who read your data (and your wards'), when and why, newest first; "
            "your own reads are left out."
        )
        async def my_data_tracker(
            self, info: Info, first: int = 20, after: str | None = None
        ) -> Page[AccessEntry]:
            actor = context_of(info).actor
            mine = actor.data_subjects
            rows, page_info = await call_service(
                info,
                services.data_tracker,
                listing=AccessEntry,
                subjects=mine,
                reader=actor.subject,
                first=first,
                after=after,
            )

            def convert(entry: LoggedAccess) -> AccessEntry:
                about = next((s for s in mine if s in entry.data_subjects), None)
                return AccessEntry.of(entry, about=about)

            return page_of(rows, page_info, convert)

        @resolver(
            "Auditors: the entries of a window (`since` inclusive, `until` exclusive) "
            "counted by agency, purpose and decision."
        )
        async def access_statistics(
            self, info: Info, since: datetime, until: datetime
        ) -> AccessStatistics:
            # Counting is permitted as searching is: who read how much is decided as the
            # officials' identities (CONTACT), which only auditors are granted.
            counts = await call_service(
                info,
                services.access_statistics,
                listing=AccessEntry,
                listing_class=FieldClass.CONTACT,
                since=since,
                until=until,
            )
            return AccessStatistics.of(counts)

        @resolver(
            "Auditors: anomaly alerts of a window (`since` inclusive, `until` "
            "exclusive), by kind and actor."
        )
        async def audit_alerts(self, info: Info, since: datetime, until: datetime) -> list[Alert]:
            found = await call_service(
                info, services.alerts_in, listing=Alert, since=since, until=until
            )
            return [Alert.of(alert) for alert in found]

        @resolver("Auditors: recompute the hash chain and check the signed checkpoints.")
        async def verify_audit_log(self, info: Info) -> ChainStatus:
            report = await call_service(
                info, services.verify_log, listing=ChainStatus, key_files=key_files()
            )
            return ChainStatus.of(report)

    return Query


TYPES = [AccessEntry]
