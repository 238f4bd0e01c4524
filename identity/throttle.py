"""Sign-in throttling per account and per client address, with exponential lockout."""

from __future__ import annotations

import ipaddress

from sqlalchemy.ext.asyncio import AsyncSession

from identity.models import Account, LoginThrottle
from identity.settings import IdentitySettings


def address_key(host: str | None) -> str:
    """Return the throttling key of a client address (an IPv6 address counts by its /64)."""
    if not host:
        return "ip:unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "ip:" + host[:60]
    if address.version == 6:
        return "ip:" + str(ipaddress.ip_network(f"{address}/64", strict=False))
    return "ip:" + str(address)


class Throttle:
    """Counts failed sign-ins and locks out accounts and addresses for growing periods.

    After `threshold` failures in a row, each further failure locks for
    `base * 2 ** (failures - threshold)` seconds, at most `max`. Failures older than
    the window are forgotten; a successful sign-in clears the account's count.
    """

    def __init__(self, settings: IdentitySettings) -> None:
        self.settings = settings

    def lockout(self, failures: int, threshold: int) -> int:
        """Return how long `failures` consecutive failures lock out for (0: not at all)."""
        if failures < threshold:
            return 0
        exponent = min(failures - threshold, 20)
        return int(
            min(self.settings.lockout_max_seconds, self.settings.lockout_base_seconds * 2**exponent)
        )

    def account_wait(self, account: Account, now: int) -> int:
        """Return the seconds the account stays locked."""
        return max(0, (account.locked_until or 0) - now)

    async def address_wait(self, session: AsyncSession, host: str | None, now: int) -> int:
        """Return the seconds the client address stays locked."""
        row = await session.get(LoginThrottle, address_key(host))
        return 0 if row is None else max(0, (row.locked_until or 0) - now)

    async def failed(
        self, session: AsyncSession, host: str | None, account: Account | None, now: int
    ) -> None:
        """Count a failed sign-in against the address and, if it exists, the account."""
        window = self.settings.failure_window_seconds
        key = address_key(host)
        row = await session.get(LoginThrottle, key)
        if row is None:
            row = LoginThrottle(key=key, failures=0, last_failed_at=now)
            session.add(row)
        elif now - row.last_failed_at > window and (row.locked_until or 0) <= now:
            row.failures = 0
        row.failures += 1
        row.last_failed_at = now
        wait = self.lockout(row.failures, self.settings.ip_lockout_threshold)
        row.locked_until = now + wait if wait else None
        if account is not None:
            last = account.last_failed_at or 0
            if now - last > window and (account.locked_until or 0) <= now:
                account.failed_logins = 0
            account.failed_logins += 1
            account.last_failed_at = now
            wait = self.lockout(account.failed_logins, self.settings.account_lockout_threshold)
            account.locked_until = now + wait if wait else None
        await session.flush()

    async def succeeded(self, session: AsyncSession, account: Account) -> None:
        """Clear the account's failure count after a successful sign-in."""
        account.failed_logins = 0
        account.last_failed_at = None
        account.locked_until = None
        await session.flush()
