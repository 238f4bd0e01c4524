"""Sign-in throttling: per account and per client address, with exponential lockout."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from identity.throttle import Throttle, address_key
from tests.identity.conftest import (
    CITIZEN,
    OTHER_CITIZEN,
    Provider,
    authorization_params,
    identity_settings,
    pkce,
    redirect_params,
    sign_in,
)


async def attempt(http: httpx.AsyncClient, login: str, password: str | None) -> httpx.Response:
    return await sign_in(http, authorization_params(pkce()[1]), login, password)


@pytest.mark.parametrize(
    ("failures", "seconds"), [(0, 0), (4, 0), (5, 30), (6, 60), (7, 120), (10, 960), (40, 3600)]
)
def test_lockout_grows_exponentially_up_to_a_cap(failures: int, seconds: int) -> None:
    settings = identity_settings(Path("unused"))
    assert Throttle(settings).lockout(failures, threshold=5) == seconds


def test_address_keys() -> None:
    assert address_key("10.1.2.3") == "ip:10.1.2.3"
    assert address_key("2001:db8::1") == address_key("2001:db8::ffff") == "ip:2001:db8::/64"
    assert address_key(None) == "ip:unknown"


async def test_account_locks_after_five_failures_and_lockout_doubles(provider: Provider) -> None:
    http = provider.http()
    for _ in range(5):
        assert (await attempt(http, CITIZEN, "wrong")).status_code == 401
    locked = await attempt(http, CITIZEN, None)  # the right password does not help now
    assert locked.status_code == 429
    assert locked.headers["retry-after"] == "30"
    assert "Too many attempts" in locked.text

    provider.clock.now += 31
    assert (await attempt(http, CITIZEN, "wrong")).status_code == 401
    locked = await attempt(http, CITIZEN, None)
    assert locked.status_code == 429 and locked.headers["retry-after"] == "60"

    # Other accounts are not affected.
    redirect_params(await attempt(provider.http("10.9.9.9"), OTHER_CITIZEN, None))

    provider.clock.now += 61
    redirect_params(await attempt(http, CITIZEN, None))
    # Success cleared the count: four more failures do not lock.
    for _ in range(4):
        assert (await attempt(http, CITIZEN, "wrong")).status_code == 401
    redirect_params(await attempt(http, CITIZEN, None))


async def test_old_failures_are_forgotten(provider: Provider) -> None:
    http = provider.http()
    for _ in range(4):
        assert (await attempt(http, CITIZEN, "wrong")).status_code == 401
    provider.clock.now += provider.settings.failure_window_seconds + 1
    for _ in range(4):
        assert (await attempt(http, CITIZEN, "wrong")).status_code == 401
    redirect_params(await attempt(http, CITIZEN, None))


async def test_address_locks_after_many_failures_across_accounts(provider: Provider) -> None:
    attacker = provider.http("203.0.113.7")
    threshold = provider.settings.ip_lockout_threshold
    for index in range(threshold):
        answer = await attempt(attacker, f"nobody-{index}", "guess")
        assert answer.status_code == 401
    blocked = await attempt(attacker, CITIZEN, None)
    assert blocked.status_code == 429 and blocked.headers["retry-after"] == "30"
    # The accounts tried were unknown: nobody else is locked out.
    redirect_params(await attempt(provider.http("198.51.100.1"), CITIZEN, None))


async def test_unknown_and_known_logins_answer_alike(provider: Provider) -> None:
    http = provider.http()
    unknown = await attempt(http, "no-such-account", "pw")
    known = await attempt(http, CITIZEN, "pw")
    assert unknown.status_code == known.status_code == 401
    assert "Wrong account or password" in unknown.text and "Wrong account or password" in known.text
