"""Organ codes of the agencies' units, per region: one convention every part agrees on.

The police's units are their real organ codes (city bureau `350400000000`, county bureaus
`<county>000000`, stations `<county>5x0000`); the tax bureau's units are its tax offices
(`1<region>00`); every other agency has one bureau per region, its agency's prefix and the
region code (`MZ350424`, the ethnic-affairs bureau of 宁化县). Codes never repeat across
agencies, so a unit code alone says whose unit it is: the UNIT scope and the case checks
compare codes only.
"""

from __future__ import annotations

CITY_REGION = "350400"
PREFIXES = {
    "ethnic_affairs": "MZ",
    "civil_affairs": "MZJ",
    "family_planning": "WJ",
    "social_security": "RS",
    "hall": "WT",
    "audit": "SJ",
}


def bureau_code(agency: str, region: str) -> str:
    """Return the organ code of `agency`'s bureau for a region (city or county)."""
    if not (len(region) == 6 and region.isdigit()):
        raise ValueError(f"not a GB/T 2260 region code: {region!r}")
    if agency == "police":
        return f"{region}000000"
    if agency == "tax":
        return f"1{region}00"
    return PREFIXES[agency] + region


def region_of_unit(code: str) -> str:
    """Return the region code of a unit code of any agency."""
    digits = code.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return digits[1:7] if len(digits) == 9 else digits[:6]


def is_city_level(agency: str, code: str) -> bool:
    """Whether a unit is its agency's city-level bureau (which oversees every county)."""
    return code == bureau_code(agency, CITY_REGION)
