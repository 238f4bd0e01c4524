"""Verifying the log's chain with one button: intact, then broken at the entry someone edited.

This module's platform is its own: one test edits the log (as a rogue administrator would,
past the append-only triggers), and puts the value back afterwards.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from subgraph.database import Database
from tests.audit.conftest import attacking
from tests.web.browser import hidden_fields
from tests.web.console.conftest import Scene, signed_in
from tests.web.html import heading, notice

REFUSED = "表单已过期或并非来自本站，请刷新页面后重试。"


async def head_seq(app: Any) -> int:
    """The last entry of the log now (read from the database, not through the API)."""
    head = await app.state.audit.log.head()
    seq: int = head.seq
    return seq


async def test_verifying_an_intact_log_says_so_with_the_entries_checked(scene: Scene) -> None:
    # given the staff's reads, and the auditor on the verification page
    async with signed_in(scene.app) as auditor:
        form = await auditor.get("/audit/verify")
        entries = await head_seq(scene.app)
        # when they press the button
        answer = await auditor.post("/audit/verify", {"csrf": hidden_fields(form.text)["csrf"]})
    # then after the redirect the page says, as a status, that the chain is intact
    assert (
        answer.status_code,
        urlsplit(str(answer.url)).path,
        answer.history[0].status_code,
        heading(answer.text),
        notice(answer.text).split(" 校验时间（北京） ")[0],
    ) == (200, "/audit/verify", 303, "校验日志", f"日志链完整。 已校验条目 {entries}")


async def test_verifying_speaks_english_on_request(scene: Scene) -> None:
    # given the auditor on the access-log page in English, when they press the button there
    async with signed_in(scene.app) as auditor:
        form = await auditor.get("/audit?lang=en")
        entries = await head_seq(scene.app)
        answer = await auditor.post("/audit/verify", {"csrf": hidden_fields(form.text)["csrf"]})
    # then the result is in English
    assert notice(answer.text).split(" Verified at (Beijing) ")[0] == (
        f"The chain is intact. Entries checked {entries}"
    )


@pytest.mark.parametrize("csrf", [None, "not-the-token"], ids=["without", "wrong"])
async def test_a_verification_without_the_forms_token_is_refused(
    scene: Scene, csrf: str | None
) -> None:
    # given the auditor, when a verification is posted without the form's token or another one
    async with signed_in(scene.app) as auditor:
        fields = {"go": "1"} if csrf is None else {"csrf": csrf}
        answer = await auditor.post("/audit/verify", fields)
    # then it is refused and nothing is verified
    assert (answer.status_code, REFUSED in answer.text, "日志链" in notice(answer.text)) == (
        403,
        True,
        False,
    )


async def test_a_forged_result_link_shows_no_result(scene: Scene) -> None:
    # given the auditor, when they open a result link that was not sealed by the console
    async with signed_in(scene.app) as auditor:
        page = await auditor.get("/audit/verify?result=eyJvayI6IHRydWV9")
    # then no result is shown, only that it has expired
    assert (page.status_code, notice(page.text)) == (200, "此结果已过期，请重新校验。")


async def test_an_edited_entry_is_named_as_the_first_bad_one(scene: Scene) -> None:
    # given someone rewrote who read entry 5 directly in the database
    database: Database = scene.app.state.audit.database
    async with attacking(database) as attacker:
        (row,) = await attacker.rows("SELECT actor FROM {access_entry} WHERE seq = 5")
        await attacker.run("UPDATE {access_entry} SET actor = 'someone-else' WHERE seq = 5")
    try:
        # when the auditor verifies the log
        async with signed_in(scene.app) as auditor:
            answer = await auditor.submit("/audit/verify", "/audit/verify", {})
    finally:
        async with attacking(database) as attacker:
            await attacker.run("UPDATE {access_entry} SET actor = :a WHERE seq = 5", a=row["actor"])
    # then the page names entry 5, after the 4 good ones, and why
    assert notice(answer.text).split(" 校验时间（北京） ")[0] == (
        "日志链已被破坏。 首个异常条目 5 已校验条目 4 "
        "原因 entry 5: entry_hash does not match its content (edited)"
    )
