"""The citizen's effort for an ethnicity change, from the catalogue and the measured times.

The offline baseline is Sanming's before its collaboration platform (../shared/seed/, and
ARCHITECTURE.md): an application at the township, review by the county and the city
ethnic-affairs bureaus, then the police station, county and city police — 6 steps, 15 days,
the citizen carrying the approval between the two systems and many certificates; the
platform cut it to 2 days by sharing the ethnic-affairs records with the police.
"""

from __future__ import annotations

from collections.abc import Sequence

from hall.catalogue_ethnicity import ETHNICITY_CHANGE_ADULT, ETHNICITY_CHANGE_MINOR
from hall.catalogue_model import Material, Obtained, Service

OFFLINE_STEPS = 6
OFFLINE_DAYS = 15
SANMING_PLATFORM_DAYS = 2
# On the hall the citizen's one action is the submission; the rest is the platform's.
CITIZEN_ACTIONS = 1


def names(materials: Sequence[Material]) -> str:
    """Material codes, each with its condition when it is needed only under one."""
    return (
        ", ".join(m.code + (f" ({m.condition.en})" if m.condition else "") for m in materials)
        or "none"
    )


def service_effort(service: Service) -> list[str]:
    """What the citizen hands in for one service, and what the hall fetches instead."""
    fetched = [m for m in service.materials if m.obtained is Obtained.FETCHED]
    provided = [m for m in service.materials if m.obtained is Obtained.PROVIDED]
    limit = service.time_limit
    return [
        f"{service.code}: {len(service.materials)} materials, {len(fetched)} FETCHED by sharing, "
        f"{len(provided)} PROVIDED by the citizen: {names(provided)}; promised "
        f"{limit.promised_days} working days (legal {limit.legal_days} + {limit.extension_days})",
        f"  fetched: {names(fetched)}",
    ]


def effort_report(verified_seconds: dict[str, float], closed_seconds: dict[str, float]) -> str:
    """The effort lines: the catalogue, the citizen's actions, and the measured times."""
    lines = ["citizen's effort for an ethnicity change (hall/catalogue.py):"]
    for service in (ETHNICITY_CHANGE_MINOR, ETHNICITY_CHANGE_ADULT):
        lines += ["  " + line for line in service_effort(service)]
    lines.append(
        f"  citizen actions: {CITIZEN_ACTIONS} (submit; a child of 16+ also signs a statement) "
        f"vs {OFFLINE_STEPS} offline steps in {OFFLINE_DAYS} days before the Sanming platform "
        f"({SANMING_PLATFORM_DAYS} days after it)"
    )
    for backend, seconds in verified_seconds.items():
        closed = closed_seconds.get(backend)
        after = f", approval -> CLOSED {closed:.2f} s" if closed is not None else ""
        lines.append(
            f"  measured on {backend}: submission -> VERIFIED {seconds:.2f} s (idle hall, "
            f"median of the sample){after}; only the officer's decision is left to a person"
        )
    return "\n".join(lines)
