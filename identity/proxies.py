"""The client's address behind trusted reverse proxies (`X-Forwarded-For`, right-most untrusted).

A client can write any `X-Forwarded-For` it likes, so the header counts only when the
direct peer is a configured proxy, and then only the hops the trusted proxies appended:
reading from the right, the first address that is not a trusted proxy is the client.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
TrustedProxies = tuple[Network, ...]
# More hops than this are not read: the left part of a longer chain is the client's own writing.
MAX_HOPS = 20
MAX_HOP_LENGTH = 60


def parse_trusted_proxies(text: str) -> TrustedProxies:
    """Parse comma-separated IP addresses and CIDR networks; an empty text trusts no proxy."""
    networks: list[Network] = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(
                f"TONGBAN_IDENTITY_TRUSTED_PROXIES: {item[:MAX_HOP_LENGTH]!r} is not an IP "
                "address or network"
            ) from None
    return tuple(networks)


def client_address(
    peer: str | None, forwarded_for: Sequence[str], trusted: TrustedProxies
) -> str | None:
    """Return the client's address: the peer's, or behind trusted proxies the forwarded one."""
    peer_address = parse_address(peer or "")
    if peer_address is None or not is_trusted(peer_address, trusted):
        return peer
    hops = [hop.strip() for header in forwarded_for for hop in header.split(",")]
    hops = [hop for hop in hops if hop][-MAX_HOPS:]
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:
            # Not an address a proxy would write: it stands for an untrusted client.
            return hop[:MAX_HOP_LENGTH]
        if not is_trusted(address, trusted):
            return str(address)
    first = parse_address(hops[0]) if hops else None
    return str(first) if first is not None else peer


def is_trusted(address: Address, trusted: TrustedProxies) -> bool:
    """Tell whether the address belongs to a trusted proxy."""
    return any(address.version == network.version and address in network for network in trusted)


def parse_address(text: str) -> Address | None:
    """Read an IP address, with or without a port; IPv4-mapped IPv6 counts as IPv4."""
    host = text.strip()
    if host.startswith("["):
        host = host[1:].partition("]")[0]
    elif host.count(":") == 1:
        host = host.partition(":")[0]
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address
