"""The audit subgraph: auditors search the log, see alerts and verify it; citizens see who read
their data; nobody else reads it. Reads of the log are written back to it, once per request."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

from agencies.population import PopulationSpec, generate
from audit.signing import CheckpointSigner
from gateway.safelist import document_id
from subgraph.audit import AccessRecord
from tests.audit.conftest import T0, Attack, access
from tests.audit.subgraph import AUDITOR, AuditSubgraph
from tests.conftest import citizen, staff
from tests.tongban.platform import bearer, running_platform
from web.citizen_operations import CITIZEN_DATA_TRACKER, CITIZEN_PERSON

ALICE = "350404199001011234"
BOB = "350424201001010012"
CAROL = "350481198502020021"
CASE = {"code": "CASE_INVESTIGATION", "zh": "案件办理", "en": "Case investigation"}

ACCESS_LOG = """
query($actor: String, $subject: String, $first: Int!, $after: String) {
  accessLog(actor: $actor, subject: $subject, first: $first, after: $after) {
    items { seq actor dataSubjects purpose { code zh en } decision case }
    pageInfo { hasNextPage endCursor }
  }
}
"""

TRACKER = """
{
  myDataTracker(first: 10) {
    items {
      seq recordedAt agency unit subgraph typeName fields purpose { code zh en } decision
      actor case dataSubjects
    }
    pageInfo { hasNextPage }
  }
}
"""

ALERTS = """
query($since: DateTime!, $until: DateTime!) {
  auditAlerts(since: $since, until: $until) { kind actor agency count firstSeq lastSeq detail }
}
"""

VERIFY = "{ verifyAuditLog { ok entriesChecked firstBadSeq reason } }"

EMPTY_PAGE = {"items": [], "pageInfo": {"hasNextPage": False, "endCursor": None}}


def entry(
    n: int, *, actor: str = "staff-01", subjects: Sequence[str] = (ALICE,), **changes: Any
) -> AccessRecord:
    """An access `n` minutes after T0 for a case investigation."""
    record = access(n, actor=actor, subjects=subjects, purpose="CASE_INVESTIGATION")
    return dataclasses.replace(record, **changes)


def listed(
    seq: int, actor: str, subjects: Sequence[str], *, decision: str = "ALLOW"
) -> dict[str, Any]:
    """An entry as the auditors' query above lists it."""
    return {
        "seq": seq,
        "actor": actor,
        "dataSubjects": list(subjects),
        "purpose": CASE,
        "decision": decision,
        "case": f"EC-{seq:04d}",
    }


async def test_an_auditor_pages_through_one_actors_entries(audit: AuditSubgraph) -> None:
    # given five entries, four of them by staff-01
    await audit.log.record(
        [entry(1), entry(2), entry(3, actor="staff-02"), entry(4, subjects=(ALICE, BOB)), entry(5)]
    )
    # when an auditor searches by actor two entries at a time
    first = await audit.ask(AUDITOR, ACCESS_LOG, {"actor": "staff-01", "first": 2})
    cursor = first["data"]["accessLog"]["pageInfo"]["endCursor"]
    second = await audit.ask(
        AUDITOR, ACCESS_LOG, {"actor": "staff-01", "first": 2, "after": cursor}
    )
    # then the pages hold staff-01's entries, newest first, and end
    assert first == {
        "data": {
            "accessLog": {
                "items": [listed(5, "staff-01", [ALICE]), listed(4, "staff-01", [ALICE, BOB])],
                "pageInfo": {"hasNextPage": True, "endCursor": cursor},
            }
        }
    }
    assert second == {
        "data": {
            "accessLog": {
                "items": [listed(2, "staff-01", [ALICE]), listed(1, "staff-01", [ALICE])],
                "pageInfo": {"hasNextPage": False, "endCursor": second_cursor(second)},
            }
        }
    }


def second_cursor(result: dict[str, Any]) -> str:
    cursor: str = result["data"]["accessLog"]["pageInfo"]["endCursor"]
    return cursor


async def test_an_auditor_searches_by_subject_and_the_search_is_logged_once(
    audit: AuditSubgraph,
) -> None:
    # given entries about Alice, Bob, and both
    await audit.log.record(
        [entry(1), entry(2, subjects=(BOB,)), entry(3, subjects=(ALICE, BOB)), entry(4)]
    )
    # when an auditor pages through Bob's entries one at a time
    first = await audit.ask(AUDITOR, ACCESS_LOG, {"subject": BOB, "first": 1})
    cursor = first["data"]["accessLog"]["pageInfo"]["endCursor"]
    second = await audit.ask(AUDITOR, ACCESS_LOG, {"subject": BOB, "first": 1, "after": cursor})
    # then both of Bob's entries arrive, one per page
    assert [first["data"]["accessLog"], second["data"]["accessLog"]] == [
        {
            "items": [listed(3, "staff-01", [ALICE, BOB])],
            "pageInfo": {"hasNextPage": True, "endCursor": cursor},
        },
        {
            "items": [listed(2, "staff-01", [BOB])],
            "pageInfo": {"hasNextPage": False, "endCursor": second_cursor(second)},
        },
    ]
    # and each search was written to the log once, naming Bob, for the audit
    reads, _ = await audit.log.search(subject=BOB, actor=AUDITOR.subject)
    assert [
        (r.seq, r.actor_kind, r.subgraph, r.data_subjects, r.type_name, r.purpose, r.decision)
        for r in reads
    ] == [
        (6, "AUDITOR", "audit", (BOB,), "AccessEntry", "AUDIT", "ALLOW"),
        (5, "AUDITOR", "audit", (BOB,), "AccessEntry", "AUDIT", "ALLOW"),
    ]
    assert reads[0].fields == (
        "AccessPurpose.code",
        "AccessPurpose.en",
        "AccessPurpose.zh",
        "actor",
        "case",
        "dataSubjects",
        "decision",
        "purpose",
    )


def forbidden(index: int, field: str) -> tuple[tuple[str | int, ...], str, str]:
    """A refused field of the tracker's `index`-th item: its path, message and code."""
    return (
        ("myDataTracker", "items", index, field),
        f"not allowed to read AccessEntry.{field}",
        "FORBIDDEN",
    )


def errors_of(result: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str, str]]:
    return sorted(
        (
            (tuple(e["path"]), e["message"], e["extensions"]["code"])
            for e in result.get("errors", [])
        ),
        key=lambda e: [str(part) for part in e[0]],
    )


async def test_a_citizens_tracker_shows_exactly_the_entries_about_them_without_names(
    audit: AuditSubgraph,
) -> None:
    # given entries about Alice (one with Bob), about Bob, and about Carol
    await audit.log.record(
        [
            entry(1, subjects=(ALICE,)),
            entry(2, subjects=(BOB,)),
            entry(3, actor="staff-02", subjects=(ALICE, BOB), decision="DENY"),
            entry(4, subjects=(CAROL,)),
        ]
    )
    # when Alice opens her data tracker
    result = await audit.ask(citizen(ALICE), TRACKER)
    # then she sees her two entries: agency, unit, data, purpose and decision, but the
    # official's identity, the case and the other people named are refused
    shown = {
        "agency": "police",
        "unit": "350404-01",
        "subgraph": "police",
        "typeName": "Person",
        "fields": ["birthDate", "name"],
        "purpose": CASE,
        "actor": None,
        "case": None,
        "dataSubjects": None,
    }
    assert {**result, "errors": errors_of(result)} == {
        "data": {
            "myDataTracker": {
                "items": [
                    {
                        "seq": 3,
                        "recordedAt": (T0 + timedelta(minutes=3)).isoformat(),
                        **shown,
                        "decision": "DENY",
                    },
                    {
                        "seq": 1,
                        "recordedAt": (T0 + timedelta(minutes=1)).isoformat(),
                        **shown,
                        "decision": "ALLOW",
                    },
                ],
                "pageInfo": {"hasNextPage": False},
            }
        },
        "errors": [
            forbidden(0, "actor"),
            forbidden(0, "case"),
            forbidden(0, "dataSubjects"),
            forbidden(1, "actor"),
            forbidden(1, "case"),
            forbidden(1, "dataSubjects"),
        ],
    }


async def test_a_citizen_cannot_name_another_subject_nor_search_the_log(
    audit: AuditSubgraph,
) -> None:
    # given entries about Alice and about Bob
    await audit.log.record([entry(1, subjects=(ALICE,)), entry(2, subjects=(BOB,))])
    # when Alice asks for Bob's tracker, and searches the log for Bob
    named = await audit.ask(
        citizen(ALICE), f'{{ myDataTracker(subject: "{BOB}") {{ items {{ seq }} }} }}'
    )
    searched = await audit.ask(citizen(ALICE), ACCESS_LOG, {"subject": BOB, "first": 10})
    # then the tracker has no such argument, and the search finds nothing
    assert [e["message"] for e in named["errors"]] == [
        "Unknown argument 'subject' on field 'Query.myDataTracker'."
    ]
    assert named["data"] is None
    assert searched == {"data": {"accessLog": EMPTY_PAGE}}


async def test_staff_read_nothing_of_the_log(audit: AuditSubgraph) -> None:
    # given entries about Alice, with denials enough for an alert
    await audit.log.record([entry(n, decision="DENY") for n in range(1, 6)])
    clerk = staff("police")
    # when police staff search the log, open a tracker, ask for alerts and a verification
    searched = await audit.ask(clerk, ACCESS_LOG, {"first": 10})
    tracked = await audit.ask(clerk, "{ myDataTracker { items { seq } } }")
    alerts = await audit.ask(clerk, ALERTS, window())
    verified = await audit.ask(clerk, VERIFY)
    # then they get empty lists and a status whose every field is refused
    assert (searched, tracked, alerts) == (
        {"data": {"accessLog": EMPTY_PAGE}},
        {"data": {"myDataTracker": {"items": []}}},
        {"data": {"auditAlerts": []}},
    )
    assert verified["data"] == {
        "verifyAuditLog": {"ok": None, "entriesChecked": None, "firstBadSeq": None, "reason": None}
    }
    assert sorted(e["message"] for e in verified["errors"]) == [
        f"not allowed to read ChainStatus.{field}"
        for field in ("entriesChecked", "firstBadSeq", "ok", "reason")
    ]


def window() -> dict[str, str]:
    return {"since": T0.isoformat(), "until": (T0 + timedelta(days=1)).isoformat()}


async def test_an_auditor_sees_the_alerts_of_a_window(audit: AuditSubgraph) -> None:
    # given five denials of staff-02 and a case investigation without a case by staff-01
    await audit.log.record(
        [
            entry(1, case=None),
            *(entry(n, actor="staff-02", decision="DENY") for n in range(2, 7)),
        ]
    )
    # when an auditor asks for the day's alerts
    result = await audit.ask(AUDITOR, ALERTS, window())
    # then both patterns are reported, by kind
    assert result == {
        "data": {
            "auditAlerts": [
                {
                    "kind": "NO_CASE",
                    "actor": "staff-01",
                    "agency": "police",
                    "count": 1,
                    "firstSeq": 1,
                    "lastSeq": 1,
                    "detail": "1 reads for a case investigation without naming the case",
                },
                {
                    "kind": "REPEATED_DENIALS",
                    "actor": "staff-02",
                    "agency": "police",
                    "count": 5,
                    "firstSeq": 2,
                    "lastSeq": 6,
                    "detail": "5 refused reads",
                },
            ]
        }
    }


async def test_verify_is_ok_and_after_tampering_names_the_bad_entry(
    audit: AuditSubgraph, signer: CheckpointSigner, attack: Attack
) -> None:
    # given three entries sealed by a checkpoint
    await audit.log.record([entry(1), entry(2), entry(3)])
    await audit.log.checkpoint(signer)
    # when an auditor verifies the log
    intact = await audit.ask(AUDITOR, VERIFY)
    # and someone rewrites who read entry 2, and the auditor verifies again
    async with attack() as attacker:
        await attacker.run("UPDATE {access_entry} SET actor = 'someone-else' WHERE seq = 2")
    tampered = await audit.ask(AUDITOR, VERIFY)
    # then the first verification passes, the second names entry 2
    assert intact == {
        "data": {
            "verifyAuditLog": {"ok": True, "entriesChecked": 3, "firstBadSeq": None, "reason": None}
        }
    }
    assert tampered == {
        "data": {
            "verifyAuditLog": {
                "ok": False,
                "entriesChecked": 1,
                "firstBadSeq": 2,
                "reason": "entry 2: entry_hash does not match its content (edited)",
            }
        }
    }


async def test_a_citizen_sees_an_officials_read_in_their_tracker_but_not_their_own(
    tmp_path: Path,
) -> None:
    # given the platform with a demo population, and a registered citizen signed in
    me = next(
        p.id_number for u in generate(PopulationSpec(people=60)) for p in u.persons if p.registered
    )
    async with running_platform(tmp_path, demo_people=60) as platform:
        token = await platform.token(me)
        officer = await platform.token("police.sanming.supervisor")
        # when the city's police supervisor reads the citizen's name for household
        # administration, the citizen reads their own record with the portal's CitizenPerson,
        # then their tracker with CitizenDataTracker, by its id
        await platform.client.post(
            "/graphql",
            json={
                "query": "query($id: String!) { person(idNumber: $id) { name } }",
                "variables": {"id": me},
            },
            headers=bearer(officer),
        )
        read = await platform.client.post(
            "/graphql",
            json={"query": CITIZEN_PERSON, "variables": {"idNumber": me}},
            headers=bearer(token, None),
        )
        tracked = await platform.client.post(
            "/graphql",
            json={"documentId": document_id(CITIZEN_DATA_TRACKER), "variables": {"first": 50}},
            headers=bearer(token, None),
        )
    # then the citizen's read arrived, and the tracker shows the supervisor's read of the
    # police's Person record (agency, unit, purpose; the official's identity is not asked for)
    # and none of the citizen's own reads
    assert read_name(read)
    answer = tracked.json()
    items = answer["data"]["myDataTracker"]["items"]
    officials = [
        {key: value for key, value in item.items() if key not in ("seq", "recordedAt")}
        for item in items
        if item["actorKind"] != "SYSTEM"
    ]
    assert ("errors" in answer, officials) == (
        False,
        [
            {
                "actorKind": "SUPERVISOR",
                "agency": "police",
                "unit": "350400000000",
                "typeName": "Person",
                "fields": ["name"],
                "purpose": {
                    "code": "HOUSEHOLD_ADMINISTRATION",
                    "zh": "户籍管理",
                    "en": "Household registration administration",
                },
                "decision": "ALLOW",
            }
        ],
    )


def read_name(response: httpx.Response) -> str:
    name: str = response.json()["data"]["person"]["name"]
    assert name
    return name


async def test_the_platform_serves_and_lists_the_audit_subgraph(tmp_path: Path) -> None:
    # given the platform, when its page and health are read
    async with running_platform(tmp_path, demo_people=20) as platform:
        page = await platform.client.get("/platform")
        health = await platform.client.get("/health")
    # then the audit subgraph is linked and served next to the agencies
    assert 'href="/subgraphs/audit/graphql"' in page.text
    assert health.json()["subgraphs"][-1] == "audit"
