"""A fixed pool of employers with unified social credit codes (GB 32100)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from agencies.population.codes import REGIONS

_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_WORDS = (
    "钢铁",
    "纺织",
    "林业",
    "化工",
    "建材",
    "食品",
    "物流",
    "电子",
    "医药",
    "茶业",
    "竹木",
    "旅游",
)
_KINDS = ("有限公司", "股份有限公司", "集团有限公司")
POOL_SIZE = 300


@dataclass(frozen=True, slots=True)
class Employer:
    """An employer that pays social insurance for its staff."""

    code: str
    name: str
    region_code: str


def credit_code_check(first17: str) -> str:
    """Return the GB 32100 check character of a unified social credit code."""
    total = sum(
        _CHARSET.index(char) * weight for char, weight in zip(first17, _WEIGHTS, strict=True)
    )
    return _CHARSET[(31 - total % 31) % 31]


def employer_pool(seed: int) -> list[Employer]:
    """Return the deterministic employer pool of a population seed."""
    rng = random.Random(f"employers:{seed}")
    pool = []
    for index in range(POOL_SIZE):
        region = rng.choice(REGIONS)
        body = "".join(rng.choice(_CHARSET[:10]) for _ in range(8)) + rng.choice(_CHARSET)
        first17 = f"91{region.code}{body}"
        name = f"三明{region.name[:-1]}{rng.choice(_WORDS)}{index + 1}号{rng.choice(_KINDS)}"
        pool.append(Employer(first17 + credit_code_check(first17), name, region.code))
    return pool
