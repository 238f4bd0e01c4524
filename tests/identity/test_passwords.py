"""argon2id hashing, constant-time verification, and rehashing when parameters change."""

from __future__ import annotations

from sqlalchemy import select

from identity.models import Account
from identity.passwords import DEMO, STRONG, Passwords
from tests.identity.conftest import (
    CITIZEN,
    TEST_HASHER,
    Provider,
    authorize_code,
)


def test_hash_and_verify() -> None:
    passwords = Passwords(DEMO)
    encoded = passwords.hash("正确的密码 correct horse")
    assert encoded.startswith("$argon2id$")
    assert encoded != passwords.hash("正确的密码 correct horse")  # salted
    assert passwords.verify(encoded, "正确的密码 correct horse")
    assert not passwords.verify(encoded, "wrong")
    assert not passwords.verify(None, "anything")
    assert not passwords.verify("not a hash", "anything")
    assert not passwords.verify(encoded, "x" * 5000)


def test_strong_parameters_are_memory_hard() -> None:
    assert STRONG.memory_cost >= 64 * 1024
    assert STRONG.time_cost >= 2
    encoded = Passwords(STRONG).hash("pw")
    assert "$m=65536," in encoded


def test_needs_rehash_when_parameters_change() -> None:
    demo_hash = Passwords(DEMO).hash("pw")
    strong = Passwords(STRONG)
    assert strong.needs_rehash(demo_hash)
    assert not Passwords(DEMO).needs_rehash(demo_hash)
    assert strong.needs_rehash("garbage")
    assert strong.verify(demo_hash, "pw")  # old hashes still verify


async def test_sign_in_rehashes_a_demo_hash(provider: Provider) -> None:
    async with provider.sessions() as session:
        before = await session.scalar(select(Account.password_hash).where(Account.login == CITIZEN))
    assert before is not None and "$m=1024," in before
    await authorize_code(provider.http())
    async with provider.sessions() as session:
        after = await session.scalar(select(Account.password_hash).where(Account.login == CITIZEN))
    assert after is not None and after != before
    assert f"$m={TEST_HASHER.memory_cost}," in after
    assert not Passwords(TEST_HASHER).needs_rehash(after)
    await authorize_code(provider.http())  # the new hash verifies
