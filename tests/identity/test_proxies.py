"""The client address behind trusted proxies, and sign-in throttling that spoofing cannot dodge."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from identity.proxies import client_address, parse_trusted_proxies
from identity.settings import IdentitySettings
from tests.identity.conftest import (
    CITIZEN,
    Provider,
    Template,
    authorization_params,
    pkce,
    running_provider,
    sign_in,
)

PROXIES = parse_trusted_proxies("10.0.0.0/8, 2001:db8::1")
PROXY = "10.0.0.5"


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("198.51.100.7", ["203.0.113.9"], "198.51.100.7"),
        (PROXY, [], PROXY),
        (PROXY, ["203.0.113.9"], "203.0.113.9"),
        (PROXY, ["1.1.1.1, 203.0.113.9"], "203.0.113.9"),
        (PROXY, ["203.0.113.9, 10.0.0.7"], "203.0.113.9"),
        (PROXY, ["1.1.1.1", "203.0.113.9, 10.0.0.7"], "203.0.113.9"),
        (PROXY, ["10.0.0.8, 10.0.0.7"], "10.0.0.8"),
        (PROXY, ["203.0.113.9:4711"], "203.0.113.9"),
        (PROXY, ["[2001:db8::2]:443"], "2001:db8::2"),
        (PROXY, ["1.1.1.1, unknown"], "unknown"),
        (PROXY, [" , "], PROXY),
        ("2001:db8::1", ["203.0.113.9"], "203.0.113.9"),
        ("::ffff:10.0.0.5", ["203.0.113.9"], "203.0.113.9"),
        (None, ["203.0.113.9"], None),
        ("not-an-address", ["203.0.113.9"], "not-an-address"),
    ],
    ids=[
        "untrusted peer: header ignored",
        "trusted peer without header",
        "trusted peer forwards the client",
        "spoofed left part ignored",
        "trusted hops skipped",
        "several header lines",
        "only trusted hops: the left-most",
        "hop with a port",
        "IPv6 hop with a port",
        "garbage right-most hop",
        "empty hops",
        "trusted IPv6 peer",
        "IPv4-mapped peer",
        "no peer",
        "peer that is not an address",
    ],
)
def test_client_address(peer: str | None, forwarded: list[str], expected: str | None) -> None:
    # given a direct peer and its X-Forwarded-For lines, when the client address is read,
    # then it is the right-most untrusted hop, and only behind a trusted proxy
    assert client_address(peer, forwarded, PROXIES) == expected


def test_without_trusted_proxies_the_header_is_ignored() -> None:
    # given no trusted proxy, when even a private peer forwards a header, then the peer counts
    assert client_address(PROXY, ["203.0.113.9"], ()) == PROXY


def test_trusted_proxies_are_read_from_the_environment() -> None:
    # given the setting with an address, a network and blanks, when the settings are read
    settings = IdentitySettings.from_env(
        {"TONGBAN_IDENTITY_TRUSTED_PROXIES": " 10.1.2.3, ,192.168.0.0/16 ,fd00::/8"}
    )
    # then it holds each of them, and nothing is trusted by default
    assert [str(network) for network in settings.trusted_proxies] == [
        "10.1.2.3/32",
        "192.168.0.0/16",
        "fd00::/8",
    ]
    assert IdentitySettings.from_env({}).trusted_proxies == ()


def test_a_malformed_trusted_proxy_is_an_error() -> None:
    # given a setting that names no address, when it is read, then the error names it
    with pytest.raises(ValueError) as raised:
        IdentitySettings.from_env({"TONGBAN_IDENTITY_TRUSTED_PROXIES": "10.0.0.1, proxy.local"})
    assert str(raised.value) == (
        "TONGBAN_IDENTITY_TRUSTED_PROXIES: 'proxy.local' is not an IP address or network"
    )


@pytest_asyncio.fixture
async def behind_proxy(template: Template, tmp_path: Path) -> AsyncIterator[Provider]:
    """The provider trusting the proxies at 10.0.0.0/8."""
    async with running_provider(template, tmp_path / "proxied", trusted_proxies=PROXIES) as p:
        yield p


async def attempt(http: httpx.AsyncClient, login: str, password: str | None, via: str) -> int:
    """Sign in with X-Forwarded-For `via`; return the status (302 when signed in)."""
    http.headers["x-forwarded-for"] = via
    return (await sign_in(http, authorization_params(pkce()[1]), login, password)).status_code


async def test_behind_a_trusted_proxy_each_client_is_throttled_alone(
    behind_proxy: Provider,
) -> None:
    # given an attacker behind the trusted proxy who failed as often as an address may
    proxy = behind_proxy.http(PROXY)
    threshold = behind_proxy.settings.ip_lockout_threshold
    failures = [
        await attempt(proxy, f"nobody-{n}", "guess", "203.0.113.7") for n in range(threshold)
    ]
    # when the attacker, and then another client behind the same proxy, sign in rightly
    attacker = await attempt(proxy, CITIZEN, None, "203.0.113.7")
    other = await attempt(behind_proxy.http(PROXY), CITIZEN, None, "198.51.100.1")
    # then the attacker's address is locked and the other client is not
    assert (failures, attacker, other) == ([401] * threshold, 429, 302)


async def test_a_spoofed_header_from_an_untrusted_peer_changes_nothing(
    behind_proxy: Provider,
) -> None:
    # given an attacker connecting directly, naming a new address in every attempt
    attacker = behind_proxy.http("198.51.100.66")
    threshold = behind_proxy.settings.ip_lockout_threshold
    failures = [
        await attempt(attacker, f"nobody-{n}", "guess", f"203.0.113.{n}") for n in range(threshold)
    ]
    # when it tries again, and when the address it spoofed last signs in through the proxy
    locked = await attempt(attacker, CITIZEN, None, "203.0.113.250")
    victim = await attempt(behind_proxy.http(PROXY), CITIZEN, None, f"203.0.113.{threshold - 1}")
    # then the attacker's own address was counted and locked, and the victim's was not
    assert (failures, locked, victim) == ([401] * threshold, 429, 302)


async def test_by_default_a_forwarded_header_is_ignored(provider: Provider) -> None:
    # given the default settings (no trusted proxy) and a local proxy-like peer
    peer = provider.http(PROXY)
    threshold = provider.settings.ip_lockout_threshold
    failures = [
        await attempt(peer, f"nobody-{n}", "guess", f"203.0.113.{n}") for n in range(threshold)
    ]
    # when another client of that peer signs in, then the peer itself is locked
    other = await attempt(provider.http(PROXY), CITIZEN, None, "198.51.100.1")
    assert (failures, other) == ([401] * threshold, 429)
