"""Restricted callers run only persisted operations; others may send any operation."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from gateway.config import ConfigError, load_config, profile_config
from gateway.safelist import Safelist, document_id
from tests.gateway.inprocess import in_process_gateway

ME = "query Me { me { username } }"
SAFELIST = Safelist.of([ME])
NOT_LISTED = {
    "errors": [
        {
            "message": "Only persisted operations may be sent here.",
            "extensions": {"code": "PERSISTED_QUERY_NOT_IN_LIST"},
        }
    ]
}


def safelisted_config():  # type: ignore[no-untyped-def]
    base = profile_config("development")
    return replace(base, edge=replace(base.edge, safelist=SAFELIST))


async def test_listed_text_and_ids_run_and_others_are_refused() -> None:
    # given an anonymous gateway whose callers are held to the safelist
    async with in_process_gateway(safelisted_config()) as gw:
        # when a caller sends the listed text, its id, its id APQ-style, and an unlisted query
        text = await gw.client.post("/graphql", json={"query": ME})
        by_id = await gw.client.post("/graphql", json={"documentId": f"sha256:{document_id(ME)}"})
        apq = await gw.client.post(
            "/graphql",
            json={"extensions": {"persistedQuery": {"version": 1, "sha256Hash": document_id(ME)}}},
        )
        other = await gw.client.post("/graphql", json={"query": "{ me { username name } }"})
        calls = len(gw.transport.calls)
    # then the listed operation runs three times, the other is refused before any fetch
    ok = {"data": {"me": {"username": "ada"}}}
    assert [(r.status_code, r.json()) for r in (text, by_id, apq, other)] == [
        (200, ok),
        (200, ok),
        (200, ok),
        (403, NOT_LISTED),
    ]
    assert calls == 3


async def test_unknown_document_ids_are_400() -> None:
    # given the safelisted gateway, when a caller names an id it does not hold
    async with in_process_gateway(safelisted_config()) as gw:
        response = await gw.client.post("/graphql", json={"documentId": "sha256:" + "0" * 64})
    # then it is told so
    assert (response.status_code, response.json()) == (
        400,
        {
            "errors": [
                {
                    "message": "Unknown persisted operation.",
                    "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
                }
            ]
        },
    )


def test_manifest_is_read_and_checked(tmp_path: Path) -> None:
    # given an Apollo manifest on disk, named in the [http] section
    manifest = tmp_path / "operations.json"
    manifest.write_bytes(orjson.dumps(SAFELIST.manifest()))
    config = tmp_path / "gateway.toml"
    config.write_text(f'[http]\nsafelist = "{manifest}"\n', encoding="utf-8")
    # when the configuration is loaded, then the safelist holds the operation
    assert load_config(config).edge.safelist.allows(ME)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{nope", "cannot read the safelist"),
        (b'{"format": "other"}', "is not an apollo-persisted-query-manifest"),
        (
            orjson.dumps(
                {
                    "format": "apollo-persisted-query-manifest",
                    "version": 1,
                    "operations": [{"id": "abc", "body": ME}],
                }
            ),
            "operation 'abc' does not match its body",
        ),
    ],
)
def test_bad_manifests_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    # given a manifest that is broken or forged, when the configuration is loaded
    manifest = tmp_path / "operations.json"
    manifest.write_bytes(content)
    config = tmp_path / "gateway.toml"
    config.write_text(f'[http]\nsafelist = "{manifest}"\n', encoding="utf-8")
    # then loading fails, saying why
    with pytest.raises(ConfigError, match=message):
        load_config(config)


async def test_citizens_are_held_to_the_safelist_and_staff_are_not() -> None:
    # given a gateway that authenticates, holding citizens to the safelist
    from gateway.auth.actor_tokens import ActorSigner
    from gateway.auth.authenticate import Authenticator
    from gateway.auth.config import ActorSigning, AuthConfig, IssuerConfig
    from tests.gateway.test_auth import ACTOR_KEYS, AUDIENCE, ISSUER, PROVIDER_KEY, access_token

    issuer = IssuerConfig(ISSUER, AUDIENCE, jwks={"keys": [PROVIDER_KEY.as_dict(private=False)]})
    signer = ActorSigner(ActorSigning(key_path="unused"), ACTOR_KEYS)
    citizen = access_token(
        kind="CITIZEN",
        id_number="350424201407040017",
        agency=None,
        unit=None,
        region=None,
        roles=None,
    )
    staff = access_token()
    query = {"query": "{ me { name } }"}
    async with in_process_gateway(
        safelisted_config(),
        authenticator=Authenticator(AuthConfig(issuers=(issuer,))),
        signer=signer,
    ) as gw:
        # when each sends an operation that is not on the list
        as_citizen = await gw.client.post(
            "/graphql", json=query, headers={"authorization": f"Bearer {citizen}"}
        )
        as_staff = await gw.client.post(
            "/graphql",
            json=query,
            headers={
                "authorization": f"Bearer {staff}",
                "tongban-purpose": "HOUSEHOLD_ADMINISTRATION",
            },
        )
    # then the citizen is refused and the staff member answered
    assert [(r.status_code, r.json()) for r in (as_citizen, as_staff)] == [
        (403, NOT_LISTED),
        (200, {"data": {"me": {"name": "Ada Lovelace"}}}),
    ]
