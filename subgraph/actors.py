"""Actor tokens at the subgraph's door: the header they travel in, minting and verifying them.

The gateway signs one token per subgraph call (audience = the subgraph's name) and sends it in
the `Tongban-Actor` header; the subgraph verifies it before anything else (subgraph/app.py).
Minting (`authz.headers.ActorHeaders`) is for callers that hold the signing key: the gateway
and tests.
"""

from __future__ import annotations

import logging

import orjson
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from authz.actor import Actor
from authz.errors import ActorTokenError
from authz.headers import ACTOR_HEADER
from authz.keys import KeySet
from authz.replay import ReplayGuard
from authz.tokens import verify_actor_token

logger = logging.getLogger("tongban.subgraph")

REFUSAL_MESSAGE = "A valid actor token is required to call this subgraph."
REFUSAL_BODY = orjson.dumps(
    {"errors": [{"message": REFUSAL_MESSAGE, "extensions": {"code": "UNAUTHENTICATED"}}]}
)
ACTOR_STATE = "tongban_actor"


class ActorVerifier:
    """Checks the actor token of one subgraph's calls: signature, issuer, audience, replay."""

    def __init__(
        self,
        *,
        audience: str,
        keys: KeySet,
        issuer: str,
        replay_guard: ReplayGuard | None = None,
    ) -> None:
        self.audience = audience
        self.keys = keys
        self.issuer = issuer
        self.replay_guard = replay_guard if replay_guard is not None else ReplayGuard()

    def verify(self, token: str | None) -> Actor:
        """Return the actor of a valid token; raise ActorTokenError(reason) otherwise."""
        if not token:
            raise ActorTokenError("missing actor token")
        return verify_actor_token(
            token,
            audience=self.audience,
            keys=self.keys,
            issuer=self.issuer,
            replay_guard=self.replay_guard,
        )


class ActorGate:
    """ASGI wrapper: an HTTP call reaches `app` only with a verified actor (else 401).

    The actor goes into the request scope's state, where the GraphQL view picks it up. Without
    a verifier (actor tokens not required, local development only), a call without a token
    runs as `development_actor`; a call with a token is still verified.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        subgraph: str,
        verifier: ActorVerifier | None,
        development_actor: Actor | None = None,
    ) -> None:
        if verifier is None and development_actor is None:
            raise ValueError("without actor tokens, a development actor must be given")
        self.app = app
        self.subgraph = subgraph
        self.verifier = verifier
        self.development_actor = development_actor

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":  # never routed here; refused all the same
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        token = headers.get(ACTOR_HEADER)
        try:
            actor = self._actor(token)
        except ActorTokenError as error:
            logger.warning(
                "%s refused a call: %s (request id %s)",
                self.subgraph,
                error.reason,
                headers.get("x-request-id", "-")[:64],
            )
            await _refuse(send)
            return
        scope.setdefault("state", {})[ACTOR_STATE] = actor
        await self.app(scope, receive, send)

    def _actor(self, token: str | None) -> Actor:
        if token is None and self.development_actor is not None:
            return self.development_actor
        if self.verifier is None:
            # Tokens are not required, but one was sent: there is no key to check it with.
            raise ActorTokenError("actor tokens are not configured")
        return self.verifier.verify(token)


async def _refuse(send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(REFUSAL_BODY)).encode()),
                (b"www-authenticate", b'Tongban-Actor error="invalid_token"'),
            ],
        }
    )
    await send({"type": "http.response.body", "body": REFUSAL_BODY})
