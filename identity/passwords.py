"""Memory-hard password hashing (argon2id) with constant-time verification and rehashing."""

from __future__ import annotations

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.profiles import RFC_9106_LOW_MEMORY

# RFC 9106's second recommended option: argon2id, 64 MiB, 3 passes.
STRONG = PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)
# Cheap parameters for bulk-created demo accounts only; the first successful sign-in
# rehashes with the strong ones.
DEMO = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)
MAX_PASSWORD_LENGTH = 1024


class Passwords:
    """Hash and verify passwords with one set of argon2id parameters."""

    def __init__(self, hasher: PasswordHasher = STRONG) -> None:
        self.hasher = hasher
        self._dummy = hasher.hash("timing equaliser for unknown accounts")

    def hash(self, password: str) -> str:
        """Return the encoded argon2id hash of `password` (salt and parameters included)."""
        return self.hasher.hash(password)

    def verify(self, encoded: str | None, password: str) -> bool:
        """Tell whether `password` matches `encoded`; a missing or broken hash never matches."""
        if len(password) > MAX_PASSWORD_LENGTH:
            return False
        if encoded is None:
            self.spend_time(password)
            return False
        try:
            return self.hasher.verify(encoded, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def spend_time(self, password: str) -> None:
        """Verify against a dummy hash, so an unknown login costs what a known one does."""
        try:
            self.hasher.verify(self._dummy, password[:MAX_PASSWORD_LENGTH])
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            pass

    def needs_rehash(self, encoded: str) -> bool:
        """Tell whether `encoded` was made with other parameters than the current ones."""
        try:
            return self.hasher.check_needs_rehash(encoded)
        except InvalidHashError:
            return True
