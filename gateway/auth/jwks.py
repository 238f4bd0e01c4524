"""Fetching and caching the signing keys of a trusted issuer."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import httpx
from joserfc.jwk import KeySet

from gateway.auth.config import IssuerConfig

REFRESH_SECONDS = 300
# An unknown kid may mean the provider rotated: refetch, but not more often than this.
MIN_REFETCH_SECONDS = 30


class JwksError(Exception):
    """The issuer's keys cannot be fetched or read."""


class JwksCache:
    """The current key set of one issuer, refreshed periodically and on unknown key ids."""

    def __init__(self, issuer: IssuerConfig, client: httpx.AsyncClient) -> None:
        self.issuer = issuer
        self.client = client
        self._keys: KeySet | None = None
        self._fetched = 0.0

    async def keys(self, kid: str | None) -> KeySet:
        """Return the key set, refetching when stale or when `kid` is not in it."""
        if self.issuer.jwks is not None:
            return _import(self.issuer.jwks)
        now = time.monotonic()
        stale = self._keys is None or now - self._fetched > REFRESH_SECONDS
        unknown = kid is not None and self._keys is not None and not _has(self._keys, kid)
        if stale or (unknown and now - self._fetched > MIN_REFETCH_SECONDS):
            self._keys = await self._fetch()
            self._fetched = now
        assert self._keys is not None
        return self._keys

    async def _fetch(self) -> KeySet:
        assert self.issuer.jwks_url is not None
        try:
            response = await self.client.get(self.issuer.jwks_url, timeout=5.0)
            response.raise_for_status()
            return _import(response.json())
        except (httpx.HTTPError, ValueError) as error:
            raise JwksError(f"cannot fetch the keys of {self.issuer.issuer}: {error}") from None


def _import(data: Mapping[str, Any]) -> KeySet:
    public = {"keys": [k for k in data.get("keys", []) if "d" not in k]}
    return KeySet.import_key_set(public)  # type: ignore[arg-type]


def _has(keys: KeySet, kid: str) -> bool:
    return any(key.kid == kid for key in keys.keys)
