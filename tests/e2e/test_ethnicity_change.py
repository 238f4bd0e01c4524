"""The issue's journey in a real browser: a mother applies for her child's ethnicity change and
follows it, the city bureau's officer decides it, she sees the result and who read her data,
and an auditor verifies the access log and opens an alert."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.async_api import Browser

from tests.e2e.conftest import Shots
from tests.e2e.steps import sign_in, wait_for_step, zh
from tests.hall.flow import scenario

SERVICE = "ETHNICITY_CHANGE_MINOR"
OFFICER = "ethnic_affairs.sanming.officer"
AUDITOR = "audit.sanming.auditor"


async def test_an_ethnicity_change_from_application_to_audit(
    server: str, chromium: Browser, shots: Shots
) -> None:
    family = scenario("remarried_minor")
    mother, child = family.roles["mother"], family.roles["child"]
    strangers = [scenario(name).roles["child"] for name in ("adult_19_mixed", "adult_21_mixed")]

    # Given the She mother of a Han boy whose parents divorced, signed in on her phone
    citizen = await chromium.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = await citizen.new_page()
    await sign_in(page, server, mother)
    await shots.take(page, "citizen-start")
    await page.goto(f"{server}/services/{SERVICE}")
    await shots.take(page, "guide")

    # When she opens the form, sends it empty first, then fills it in for her son
    await page.click(f"a[href='/services/{SERVICE}/apply']")
    fetched = await page.locator("ul.materials li.fetched").all_inner_texts()
    await page.click("form button.primary")
    refused = await page.locator("[role=alert]").first.inner_text()
    await shots.take(page, "apply-refused")
    await page.check(f"input[name=subject][value='{child}']")
    await page.select_option("#f-target_ethnic_group", "22")
    await page.fill("#f-reason", "随母亲")
    await page.check("input[name=delivery][value=ELECTRONIC]")
    await shots.take(page, "apply-filled")
    await page.click("form button.primary")
    await page.wait_for_url(re.compile(r".*/me/applications/SQ\w+"))
    number = urlsplit(page.url).path.rsplit("/", 1)[1]
    await wait_for_step(page, "VERIFIED")
    await shots.take(page, "application-verified")

    # Then the form named what the agencies supply and refused the empty form in Chinese
    assert (len(fetched) >= 3, zh("Please correct the following:") in refused) == (True, True)

    # When the city bureau's officer finds it in the queue and approves it
    staff = await chromium.new_context(locale="zh-CN")
    desk = await staff.new_page()
    await sign_in(desk, server, OFFICER)
    queued = await desk.locator(f"a[href='/work/applications/{number}']").count()
    await shots.take(desk, "queue")
    await desk.click(f"a[href='/work/applications/{number}']")
    checks = await desk.locator("table").first.inner_text()
    await shots.take(desk, "officer-application")
    # (and, curious, looks up two people her case does not concern)
    for stranger in strangers:
        await desk.goto(server + "/work/people")
        await desk.select_option("#purpose", "SERVICE_APPLICATION")
        await desk.fill("#case", number)
        await desk.fill("#id_number", stranger)
        await desk.click("form button.primary")
    await shots.take(desk, "lookup-refused")
    await desk.goto(f"{server}/work/applications/{number}")
    await desk.check("#decision")
    await desk.fill("#reason", "符合民族成份变更条件")
    await desk.click("form button.primary")
    await desk.wait_for_load_state()
    await shots.take(desk, "decided")

    # Then the officer saw it and the checks of the one-pass verification, by agency
    assert (queued >= 1, "公安" in checks, "民政" in checks) == (True, True, True)

    # When the mother looks again, and then at who read her data
    await wait_for_step(page, "CLOSED")
    timeline = await page.locator("ol.timeline").first.inner_text()
    await shots.take(page, "application-closed")
    await page.goto(server + "/me/tracker")
    tracker = await page.locator("main").inner_text()
    await shots.take(page, "data-tracker")

    # Then the timeline shows the approval, and the tracker the ethnic-affairs bureau's reads
    assert (zh("Approved") in timeline, "民族" in tracker) == (True, True)

    # When an auditor verifies the log's chain and opens an alert
    audit = await chromium.new_context(locale="zh-CN")
    console = await audit.new_page()
    await sign_in(console, server, AUDITOR)
    await shots.take(console, "access-log")
    await console.click("form[action='/audit/verify'] button")
    verified = await console.locator("[role=status]").first.inner_text()
    await shots.take(console, "chain-verified")
    await console.goto(server + "/audit/alerts")
    await shots.take(console, "alerts")
    await console.locator("a[href*='kind=REPEATED_DENIALS']").first.click()
    alert = await console.locator("main").inner_text()
    await shots.take(console, "alert-opened")
    await console.goto(server + "/audit/charts")
    await shots.take(console, "charts")

    # Then the chain is intact, and the alert of the officer's refused reads lists them,
    # naming the people she looked up
    assert (
        zh("The chain is intact.") in verified,
        OFFICER in alert,
        [stranger in alert for stranger in strangers],
    ) == (True, True, [True, True])
    # and every page on the way was labelled for assistive technology
    assert shots.problems == {}
    for context in (citizen, staff, audit):
        await context.close()
