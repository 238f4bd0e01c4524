"""The hall benchmark's printed lines for one backend."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from bench.hall_load import Load
from bench.hall_people import Applicant, tier_counts
from bench.hall_processes import Seeding
from bench.hall_run import Measured

# Below this share of the run still unverified when the last submit returned, the rate after
# the submissions is too short a window to print.
DRAIN_SHARE = 0.1


@dataclass(frozen=True)
class Figures:
    """Everything measured on one backend."""

    backend: str
    seeding: Seeding
    first_start: float
    verifiers: str
    serial: int
    concurrency: int
    poll: float
    measured_applicants: list[Applicant]
    run: Measured


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile of `values` (share 0.5 for the median)."""
    ordered = sorted(values)
    rank = min(len(ordered), max(1, math.ceil(share * len(ordered))))
    return ordered[rank - 1]


def spread(values: Sequence[float], unit: float = 1.0, suffix: str = "s") -> str:
    """`p50 x, p99 y` of `values`, scaled by `unit`."""
    p50, p99 = percentile(values, 0.5) * unit, percentile(values, 0.99) * unit
    digits = 0 if suffix == "ms" else 2
    return f"p50 {p50:.{digits}f} {suffix}, p99 {p99:.{digits}f} {suffix}"


def bare_line(load: Load, concurrency: int) -> str:
    """One bare run: its concurrency, rate and latencies."""
    return f"concurrency {concurrency}: {load.rate:,.1f}/s, {spread(load.latencies, 1000, 'ms')}"


def backend_lines(f: Figures) -> list[str]:
    """Every line of one backend's report."""
    run = f.run
    count = len(run.submissions)
    first = min(s.started for s in run.submissions)
    last_submit = max(s.started + s.seconds for s in run.submissions)
    wall = max(run.seen.values()) - first
    rate = count / wall
    late = [t for t in run.seen.values() if t > last_submit]
    polled = [run.seen[s.number] - s.started for s in run.submissions]
    recorded = [
        (a.verified_at - a.submitted_at).total_seconds()
        for a in run.applications
        if a.verified_at is not None
    ]
    verifications = [a.verification or {} for a in run.applications]
    eligible = sum(1 for v in verifications if v.get("eligible"))
    incomplete = sum(1 for v in verifications if v.get("errors"))
    bare = run.bare_serial.rate
    seeding = f.seeding
    lines = [
        f"seeding {seeding.people:,} people: {seeding.seconds:.1f} s as tongban seed reports it "
        f"({seeding.people / seeding.seconds:,.0f} people/s; process {seeding.wall_seconds:.1f} s)"
        f"; first start of tongban serve (demo accounts) {f.first_start:.1f} s",
        f"applicants: {tier_counts(f.measured_applicants)}",
        f"hall: {count:,} applications VERIFIED in {wall:.1f} s = {rate:,.1f}/s (first submit to "
        f"last VERIFIED; verified by {f.verifiers}); eligible {eligible}, incomplete "
        f"{incomplete}, jobs retried {run.retried}",
        f"submit call: {count:,} in {run.submit_seconds:.1f} s = "
        f"{count / run.submit_seconds:,.1f}/s at concurrency {f.concurrency}; "
        f"{spread([s.seconds for s in run.submissions], 1000, 'ms')}",
        f"submission -> VERIFIED, polled every {f.poll:g} s: {spread(polled)}; stored "
        f"submitted_at -> verified_at: {spread(recorded)}",
        f"bare verification query (hall-system, the same documents, variables and cases): "
        f"{bare_line(run.bare_serial, f.serial)}; {bare_line(run.bare_concurrent, f.concurrency)}",
        f"hall / bare at the hall's verification concurrency ({f.serial}): {rate / bare:.2f} "
        f"overall = {1000 / rate:.1f} vs {1000 / bare:.1f} ms per verification",
    ]
    if len(late) >= DRAIN_SHARE * count:
        drain = len(late) / (max(late) - last_submit)
        lines[-1] += (
            f"; after the last submit ({len(late)} left): {drain:,.1f}/s = "
            f"{drain / bare:.2f} ({1000 / drain:.1f} ms per verification)"
        )
    lines.append(sample_line(run))
    return lines


def sample_line(run: Measured) -> str:
    """The sample carried to the end, one at a time on an idle hall."""
    carried = run.carried
    done = [c for c in carried if c.executed is not None and c.closed is not None]
    line = (
        f"sample of {len(carried)}, one at a time: submission -> VERIFIED median "
        f"{median(c.verified for c in carried):.2f} s"
    )
    if done:
        line += (
            f"; {len(done)} eligible approved by the officer at once: approval -> EXECUTED "
            f"median {median(c.executed or 0 for c in done):.2f} s, -> CLOSED "
            f"{median(c.closed or 0 for c in done):.2f} s"
        )
    return line


def load_average() -> str:
    """The 1-minute load average: other work on the machine skews the figures."""
    with open("/proc/loadavg", encoding="ascii") as file:
        return file.read().split()[0]
