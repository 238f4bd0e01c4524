"""Query plan snapshots: the plan of every answered case of the test bed, printed.

Each case of `test_apollo_bed.CASES` that is answered with data (request errors are never
planned) has its plan, in Apollo's textual form, committed in tests/gateway/plans/<case>.txt.
A change to the planner shows up as a readable diff of these files; run with
TONGBAN_UPDATE_SNAPSHOTS=1 to rewrite them after a deliberate change, then read the diff.

`tongban plan` prints the same text, and is checked on one case, and on its error exits.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from gateway.engine import Engine, GraphQLRequest
from gateway.supergraph import Supergraph
from tests.gateway.conftest import SUPERGRAPH
from tests.gateway.test_apollo_bed import CASES, Case

PLANS = Path(__file__).with_name("plans")
PLANNED = [case for case in CASES if "data" in case.expected]
UPDATE = os.environ.get("TONGBAN_UPDATE_SNAPSHOTS") == "1"
TONGBAN = Path(sys.executable).with_name("tongban")
CLI_CASE = next(case for case in PLANNED if case.name == "requires_chain")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def engine() -> AsyncIterator[Engine]:
    """An engine over the committed supergraph (it plans; it never fetches here)."""
    engine = Engine(Supergraph.from_sdl(SUPERGRAPH.read_text(encoding="utf-8")))
    yield engine
    await engine.close()


def snapshot(case: Case) -> Path:
    return PLANS / f"{case.name}.txt"


def printed_plan(engine: Engine, case: Case) -> str:
    """The plan as `tongban plan` prints it (with its final newline)."""
    return engine.plan(GraphQLRequest(case.document, case.variables)).print() + "\n"


def run_cli(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    if not TONGBAN.exists():
        pytest.fail(f"the `tongban` script is not installed next to {sys.executable}")
    return subprocess.run(
        [str(TONGBAN), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("case", PLANNED, ids=[case.name for case in PLANNED])
def test_plan_matches_snapshot(engine: Engine, case: Case) -> None:
    # given a case's document, when our planner plans it
    plan = printed_plan(engine, case)
    if UPDATE:
        PLANS.mkdir(exist_ok=True)
        snapshot(case).write_text(plan, encoding="utf-8")
    # then the printed plan is the committed snapshot
    assert plan == snapshot(case).read_text(encoding="utf-8")


def test_every_snapshot_belongs_to_a_planned_case() -> None:
    # given the snapshot directory, then it holds exactly one file per planned case
    assert sorted(path.name for path in PLANS.glob("*.txt")) == sorted(
        snapshot(case).name for case in PLANNED
    )


def test_cli_prints_the_snapshot_plan() -> None:
    # given a case's document on stdin, when `tongban plan` plans it over the supergraph
    result = run_cli("plan", "--supergraph", str(SUPERGRAPH), "-", stdin=CLI_CASE.document)
    # then it prints the committed plan and exits 0
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        snapshot(CLI_CASE).read_text(encoding="utf-8"),
        "",
    )


def test_cli_refuses_an_unknown_field_with_exit_1() -> None:
    # given a document selecting a field the API schema does not have
    result = run_cli("plan", "--supergraph", str(SUPERGRAPH), "-", stdin="{ me { email } }")
    # then nothing is printed, the validation message goes to stderr, and the exit is 1
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        "tongban: Cannot query field 'email' on type 'User'.\n",
    )


def test_cli_refuses_a_missing_supergraph_with_exit_2(tmp_path: Path) -> None:
    # given a supergraph path that does not exist
    missing = tmp_path / "missing.graphql"
    result = run_cli("plan", "--supergraph", str(missing), "-", stdin="{ me { name } }")
    # then the usage error names the file and the exit is 2
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        f"tongban: error: cannot read {missing}: No such file or directory\n",
    )
