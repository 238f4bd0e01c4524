"""The catalogue is browsable by anyone, without a token, in Chinese and English."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.routing import Mount

from hall.catalogue import all_services
from hall.catalogue_routes import catalogue_routes

APP = Starlette(routes=[Mount("/hall", routes=catalogue_routes())])


async def _get(path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=APP)
    async with httpx.AsyncClient(transport=transport, base_url="http://hall") as client:
        return await client.get(path)


async def test_anyone_lists_every_service_with_both_languages() -> None:
    # When someone without a token asks for the catalogue
    answer = await _get("/hall/services.json")
    services = answer.json()["services"]
    # Then every service comes, named in Chinese and English, cacheable
    assert (answer.status_code, answer.headers["cache-control"]) == (200, "public, max-age=3600")
    assert [(s["code"], bool(s["name_zh"]), bool(s["name_en"])) for s in services] == [
        (service.code, True, True) for service in all_services()
    ]


async def test_one_guide_says_what_is_fetched_and_what_is_asked() -> None:
    # When someone asks for the adult ethnicity change's guide
    guide = (await _get("/hall/services/ETHNICITY_CHANGE_ADULT.json")).json()
    # Then each material says how the platform gets it: the adult hands in nothing
    materials = [
        (m["code"], m["obtained"], m["source"]["agency"]["code"] if m["source"] else None)
        for m in guide["materials"]
    ]
    assert (guide["code"], materials) == (
        "ETHNICITY_CHANGE_ADULT",
        [
            ("household_record", "FETCHED", "police"),
            ("parents_household_records", "FETCHED", "police"),
            ("ethnicity_history", "FETCHED", "police"),
            ("earlier_ethnicity_changes", "FETCHED", "ethnic_affairs"),
        ],
    )


async def test_unknown_and_hostile_codes_are_not_found() -> None:
    # When codes that name no service are asked for
    answers = [
        await _get(path)
        for path in (
            "/hall/services/NOPE.json",
            "/hall/services/..%2F..%2Fetc%2Fpasswd.json",
            "/hall/services/" + "A" * 5000 + ".json",
        )
    ]
    # Then each is a plain 404
    assert [a.status_code for a in answers] == [404, 404, 404]
