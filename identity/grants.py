"""Grants: authorization code with PKCE S256 enforced, rotating refresh, client credentials."""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import Callable
from typing import Any, ClassVar

from authlib.oauth2.rfc6749 import (
    InvalidGrantError,
    InvalidRequestError,
    OAuth2Request,
)
from authlib.oauth2.rfc6749.grants import (
    AuthorizationCodeGrant,
    ClientCredentialsGrant,
    RefreshTokenGrant,
)
from authlib.oauth2.rfc7636 import CodeChallenge, create_s256_code_challenge

from identity import exchange, store
from identity.models import Account, AuthorizationCode, RefreshToken
from identity.sign_in_sessions import has_ended
from identity.tokens import digest
from identity.views import CodeView, RefreshView

MAX_CODE_LENGTH = 200
MAX_NONCE_LENGTH = 255
# Expired codes and token families are kept this long (reuse is still recognised), then purged.
PURGE_GRACE_SECONDS = 24 * 3600
log = logging.getLogger(__name__)


def compare_s256(verifier: str, challenge: str) -> bool:
    """Tell, in constant time, whether BASE64URL(SHA256(verifier)) equals the challenge."""
    return hmac.compare_digest(create_s256_code_challenge(verifier), challenge)


class RequireS256(CodeChallenge):  # type: ignore[misc]
    """PKCE that every authorization request must use, with S256 only.

    authlib's `CodeChallenge(required=True)` lets a request without a challenge
    through and defaults the method to `plain`; both are refused here.
    """

    DEFAULT_CODE_CHALLENGE_METHOD = "S256"
    SUPPORTED_CODE_CHALLENGE_METHOD: ClassVar[list[str]] = ["S256"]
    CODE_CHALLENGE_METHODS: ClassVar[dict[str, Callable[[str, str], bool]]] = {"S256": compare_s256}

    def __init__(self) -> None:
        super().__init__(required=True)

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        """Refuse an authorization request without an S256 code challenge."""
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge': PKCE with S256 is required.")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("'code_challenge_method' must be S256.")
        super().validate_code_challenge(grant, redirect_uri)

    def validate_code_verifier(self, grant: Any, result: Any) -> None:
        """Refuse a code exchange without a matching code verifier, whatever the client."""
        request: OAuth2Request = grant.request
        if not request.form.get("code_verifier"):
            raise InvalidRequestError("Missing 'code_verifier'.")
        if not request.authorization_code.code_challenge:
            raise InvalidGrantError("The code was issued without a code challenge.")
        super().validate_code_verifier(grant, result)


class CodeGrant(AuthorizationCodeGrant):  # type: ignore[misc]
    """Authorization code grant for the public web client; codes are single use and hashed."""

    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = ["none"]

    def validate_authorization_request(self) -> str:
        """Validate the request like authlib, then bound the OIDC nonce."""
        redirect_uri: str = super().validate_authorization_request()
        nonce = self.request.payload.data.get("nonce")
        if nonce is not None and not 0 < len(nonce) <= MAX_NONCE_LENGTH:
            raise InvalidRequestError(
                "Invalid 'nonce'.", redirect_uri=redirect_uri, state=self.request.payload.state
            )
        return redirect_uri

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        """Store the code's digest with its client, user, redirect URI, scope and challenge."""
        current = exchange.current()
        data = request.payload.data
        row = AuthorizationCode(
            code_hash=digest(code),
            client_id=request.client.get_client_id(),
            account_id=request.user.id,
            redirect_uri=request.payload.redirect_uri,
            scope=request.scope or "",
            code_challenge=data["code_challenge"],
            code_challenge_method="S256",
            nonce=data.get("nonce"),
            auth_time=current.now,
            expires_at=current.now + self.server.settings.code_ttl,
            used=False,
            sid=current.sid,
        )
        current.run(store.purge_expired, current.now, PURGE_GRACE_SECONDS)
        current.run(store.add, row)

    def query_authorization_code(self, code: Any, client: Any) -> CodeView | None:
        """Return the live code issued to this client; a reused code revokes what it produced.

        A code of a session signed out since is not live.
        """
        if not isinstance(code, str) or not code or len(code) > MAX_CODE_LENGTH:
            return None
        current = exchange.current()
        row: AuthorizationCode | None = current.run(store.find_code, digest(code))
        if row is None or row.client_id != client.get_client_id():
            return None
        if row.used:
            log.warning("authorization code reused by client %s", row.client_id)
            if row.family_id:
                current.run(store.revoke_family, row.family_id)
                current.commit_on_error = True
            return None
        if row.expires_at <= current.now:
            return None
        if row.sid is not None and current.run(has_ended, row.sid):
            return None  # signed out between sign-in and code exchange
        return CodeView(row)

    def create_token_response(self) -> Any:
        """Claim the code atomically before issuing tokens, so it works only once."""
        code: CodeView = self.request.authorization_code
        if not exchange.current().run(store.claim_code, code.row.id):
            raise InvalidGrantError("Invalid 'code' in request.")
        return super().create_token_response()

    def delete_authorization_code(self, authorization_code: CodeView) -> None:
        """Nothing to do: the code was marked used when claimed."""

    def authenticate_user(self, authorization_code: CodeView) -> Account | None:
        """Return the account the code was issued to, if it may still sign in."""
        return _active_account(authorization_code.row.account_id)

    def generate_token(self, **options: Any) -> dict[str, Any]:
        """Issue the tokens, with an ID token when `openid` was granted."""
        token: dict[str, Any] = super().generate_token(**options)
        row = self.request.authorization_code.row
        self.server.add_id_token(
            token,
            client=self.request.client,
            user=options.get("user"),
            auth_time=row.auth_time,
            nonce=row.nonce,
            sid=row.sid,
        )
        return token

    def save_token(self, token: dict[str, Any]) -> None:
        """Start a new refresh token family for this sign-in."""
        if "refresh_token" not in token:
            return
        current = exchange.current()
        row = self.request.authorization_code.row
        family_id = secrets.token_hex(16)
        _store_refresh_token(
            token,
            self.request,
            ttl=self.server.settings.refresh_token_ttl,
            family_id=family_id,
            auth_time=row.auth_time,
            family_expires_at=current.now + self.server.settings.session_ttl,
            sid=row.sid,
        )
        current.run(store.link_code_family, row.id, family_id)


class RotatingRefreshGrant(RefreshTokenGrant):  # type: ignore[misc]
    """Refresh token grant with rotation: each token works once; reuse revokes the family."""

    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = ["none"]
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token: Any) -> RefreshView | None:
        """Return the live token; a revoked one being presented again revokes its family."""
        if not isinstance(refresh_token, str) or len(refresh_token) > MAX_CODE_LENGTH:
            return None
        current = exchange.current()
        row: RefreshToken | None = current.run(store.find_refresh_token, digest(refresh_token))
        if row is None:
            return None
        view = RefreshView(row, current.now)
        if view.is_revoked():
            _revoke_family(row)
            return None
        if view.is_expired():
            return None
        return view

    def create_token_response(self) -> Any:
        """Revoke the presented token atomically before issuing its successor."""
        view: RefreshView = self.request.refresh_token
        if not exchange.current().run(store.claim_refresh_token, view.row.id):
            _revoke_family(view.row)
            raise InvalidGrantError("The refresh token was already used.")
        return super().create_token_response()

    def authenticate_user(self, refresh_token: RefreshView) -> Account | None:
        """Return the account the token was issued to, if it may still sign in."""
        return _active_account(refresh_token.row.account_id)

    def revoke_old_credential(self, refresh_token: RefreshView) -> None:
        """Nothing to do: the token was revoked when claimed."""

    def generate_token(self, **options: Any) -> dict[str, Any]:
        """Issue the tokens, with a fresh ID token when `openid` was granted."""
        token: dict[str, Any] = super().generate_token(**options)
        row = self.request.refresh_token.row
        self.server.add_id_token(
            token,
            client=self.request.client,
            user=options.get("user"),
            auth_time=row.auth_time,
            nonce=None,
            sid=row.sid,
        )
        return token

    def save_token(self, token: dict[str, Any]) -> None:
        """Store the successor in the same family."""
        row = self.request.refresh_token.row
        _store_refresh_token(
            token,
            self.request,
            ttl=self.server.settings.refresh_token_ttl,
            family_id=row.family_id,
            auth_time=row.auth_time,
            family_expires_at=row.family_expires_at,
            sid=row.sid,
        )


class SystemCredentialsGrant(ClientCredentialsGrant):  # type: ignore[misc]
    """Client credentials grant for agency systems, which authenticate with private_key_jwt."""

    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = ["private_key_jwt"]


def _active_account(account_id: int) -> Account | None:
    account: Account | None = exchange.current().run(store.get_account, account_id)
    return None if account is None or account.disabled else account


def _revoke_family(row: RefreshToken) -> None:
    current = exchange.current()
    revoked = current.run(store.revoke_family, row.family_id)
    current.commit_on_error = True
    log.warning(
        "refresh token reused by client %s: revoked %d token(s) of its family",
        row.client_id,
        revoked,
    )


def _store_refresh_token(
    token: dict[str, Any],
    request: OAuth2Request,
    *,
    ttl: int,
    family_id: str,
    auth_time: int,
    family_expires_at: int,
    sid: str | None,
) -> None:
    current = exchange.current()
    row = RefreshToken(
        token_hash=digest(token["refresh_token"]),
        family_id=family_id,
        client_id=request.client.get_client_id(),
        account_id=request.user.id,
        scope=token.get("scope", ""),
        auth_time=auth_time,
        issued_at=current.now,
        expires_at=min(current.now + ttl, family_expires_at),
        family_expires_at=family_expires_at,
        revoked=False,
        sid=sid,
    )
    current.run(store.add, row)
