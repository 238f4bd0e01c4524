"""The errors authz raises."""

from __future__ import annotations


class ActorTokenError(Exception):
    """An actor token was refused; `reason` says why, in a fixed wording safe to log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class KeyFileError(Exception):
    """A signing key file is unusable (wrong kind of key, unreadable, or too open)."""


class PolicyError(Exception):
    """A policies file is malformed; the message names the file and line."""
