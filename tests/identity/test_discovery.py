"""The discovery document (OIDC Discovery 1.0, RFC 8414) and the JWKS endpoint."""

from __future__ import annotations

from authlib.oauth2.rfc8414 import AuthorizationServerMetadata
from authlib.oidc.discovery import OpenIDProviderMetadata

from tests.identity.conftest import ISSUER, Provider


async def test_discovery_document(provider: Provider) -> None:
    http = provider.http()
    answer = await http.get(".well-known/openid-configuration")
    assert answer.status_code == 200
    document = answer.json()
    OpenIDProviderMetadata(document).validate()
    assert document["issuer"] == ISSUER
    assert document["authorization_endpoint"] == ISSUER + "/authorize"
    assert document["token_endpoint"] == ISSUER + "/token"
    assert document["userinfo_endpoint"] == ISSUER + "/userinfo"
    assert document["jwks_uri"] == ISSUER + "/jwks.json"
    assert document["response_types_supported"] == ["code"]
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert set(document["grant_types_supported"]) == {
        "authorization_code",
        "refresh_token",
        "client_credentials",
    }
    assert document["token_endpoint_auth_methods_supported"] == ["none", "private_key_jwt"]
    assert "ES256" in document["token_endpoint_auth_signing_alg_values_supported"]
    assert document["id_token_signing_alg_values_supported"] == ["RS256"]
    assert {"openid", "gateway"} <= set(document["scopes_supported"])
    assert {"kind", "agency", "unit", "roles", "region", "id_number"} <= set(
        document["claims_supported"]
    )


async def test_oauth_metadata_is_the_same_document(provider: Provider) -> None:
    http = provider.http()
    oauth = (await http.get(".well-known/oauth-authorization-server")).json()
    AuthorizationServerMetadata(oauth).validate()
    assert oauth == (await http.get(".well-known/openid-configuration")).json()


async def test_jwks_publishes_public_keys_only(provider: Provider) -> None:
    http = provider.http()
    answer = await http.get("jwks.json")
    assert answer.status_code == 200
    assert "max-age" in answer.headers["cache-control"]
    keys = {key["alg"]: key for key in answer.json()["keys"]}
    assert set(keys) == {"ES256", "RS256"}
    ec, rsa = keys["ES256"], keys["RS256"]
    assert ec["kty"] == "EC" and ec["crv"] == "P-256" and ec["use"] == "sig"
    assert ec["kid"] == provider.keys.current().thumbprint()
    assert rsa["kty"] == "RSA" and rsa["kid"] == provider.keys.current_rsa().thumbprint()
    for key in keys.values():
        assert not {"d", "p", "q", "dp", "dq", "qi"} & set(key)


async def test_discovery_lists_revocation_introspection_and_sign_out(provider: Provider) -> None:
    # given the provider, when its metadata is read
    document = (await provider.http().get(".well-known/openid-configuration")).json()
    listed = {
        key: value
        for key, value in document.items()
        if key.startswith(("revocation", "introspection", "end_session"))
    }
    # then it names the three endpoints and the client authentication each accepts
    algorithms = ["ES256", "EdDSA", "RS256", "PS256"]
    assert listed == {
        "revocation_endpoint": ISSUER + "/revoke",
        "revocation_endpoint_auth_methods_supported": ["none", "private_key_jwt"],
        "revocation_endpoint_auth_signing_alg_values_supported": algorithms,
        "introspection_endpoint": ISSUER + "/introspect",
        "introspection_endpoint_auth_methods_supported": ["private_key_jwt"],
        "introspection_endpoint_auth_signing_alg_values_supported": algorithms,
        "end_session_endpoint": ISSUER + "/logout",
    }
    assert "sid" in document["claims_supported"]
