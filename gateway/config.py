"""Gateway configuration from a TOML file, with development and production profiles."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from gateway.auth.config import ActorSigning, AuthConfig, IssuerConfig
from gateway.engine import EngineConfig
from gateway.executor.fetcher import FetcherConfig
from gateway.http import EdgeConfig
from gateway.limits import OperationLimits
from gateway.safelist import Safelist, SafelistError

PROFILES = ("development", "production")


class ConfigError(ValueError):
    """The configuration file is unreadable or names an unknown setting."""


@dataclass(frozen=True)
class GatewayConfig:
    """Everything `tongban gateway` needs besides the supergraph."""

    engine: EngineConfig = field(default_factory=EngineConfig)
    edge: EdgeConfig = field(default_factory=EdgeConfig)
    subgraph_urls: dict[str, str] = field(default_factory=dict)
    auth: AuthConfig = field(default_factory=AuthConfig)


def profile_config(profile: str) -> GatewayConfig:
    """Defaults of a profile: development shows everything, production reveals nothing."""
    if profile not in PROFILES:
        raise ConfigError(f"unknown profile {profile!r}; expected one of {', '.join(PROFILES)}")
    development = profile == "development"
    return GatewayConfig(
        engine=EngineConfig(
            introspection=development,
            suggestions=development,
            expose_subgraph_errors=development,
        ),
        edge=EdgeConfig(graphiql=development),
    )


def load_config(path: Path | None, *, profile: str = "production") -> GatewayConfig:
    """Read a TOML file over the profile's defaults; unknown keys are errors."""
    raw: dict[str, Any] = {}
    if path is not None:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise ConfigError(f"cannot read {path}: {error.strerror}") from None
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path} is not valid TOML: {error}") from None
    try:
        return _load(raw, profile)
    except SafelistError as error:
        raise ConfigError(str(error)) from None


def _load(raw: dict[str, Any], profile: str) -> GatewayConfig:
    base = profile_config(str(raw.pop("profile", profile)))
    limits = _section(raw, "limits", OperationLimits, base.engine.limits)
    subgraphs = raw.pop("subgraphs", {})
    if not isinstance(subgraphs, dict):
        raise ConfigError("[subgraphs] must be a table of subgraph names")
    urls, timeouts = {}, {}
    for name, settings in subgraphs.items():
        if not isinstance(settings, dict) or set(settings) - {"url", "timeout_seconds"}:
            raise ConfigError(f"[subgraphs.{name}] takes only `url` and `timeout_seconds`")
        if "url" in settings:
            urls[name] = str(settings["url"])
        if "timeout_seconds" in settings:
            timeouts[name] = float(settings["timeout_seconds"])
    fetcher = _section(raw, "fetch", FetcherConfig, base.engine.fetcher)
    fetcher = FetcherConfig(**{**_values(fetcher), "per_subgraph_timeout": timeouts})
    http = raw.get("http")
    safelist = None
    if isinstance(http, dict) and "safelist" in http:
        safelist = Safelist.from_manifest(Path(str(http.pop("safelist"))))
    edge = _section(raw, "http", EdgeConfig, base.edge)
    if safelist is not None:
        edge = replace(edge, safelist=safelist)
    auth = _auth(raw.pop("auth", {}))
    engine_values = {**_values(base.engine), "limits": limits, "fetcher": fetcher}
    for key in ("introspection", "suggestions", "expose_subgraph_errors", "plan_cache_size"):
        if key in raw:
            engine_values[key] = raw.pop(key)
    if raw:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(raw))}")
    return GatewayConfig(EngineConfig(**engine_values), edge, urls, auth)


def _auth(table: Any) -> AuthConfig:
    """`[auth.actor]` (how actor tokens are signed) and `[[auth.issuers]]` (who is trusted)."""
    if not isinstance(table, dict) or set(table) - {"actor", "issuers"}:
        raise ConfigError("[auth] takes `actor` and `issuers`")
    actor = None
    if "actor" in table:
        actor = _build(ActorSigning, table["actor"], "auth.actor")
    issuers = table.get("issuers", [])
    if not isinstance(issuers, list):
        raise ConfigError("[[auth.issuers]] must be an array of tables")
    built = tuple(_build(IssuerConfig, entry, "auth.issuers") for entry in issuers)
    if built and actor is None:
        raise ConfigError("[auth.issuers] needs [auth.actor] to sign actor tokens")
    return AuthConfig(issuers=built, actor=actor)


def _build(kind: type[Any], values: Any, where: str) -> Any:
    if not isinstance(values, dict):
        raise ConfigError(f"[{where}] must be a table")
    unknown = set(values) - {f.name for f in fields(kind)}
    if unknown:
        raise ConfigError(f"unknown setting(s) in [{where}]: {', '.join(sorted(unknown))}")
    try:
        return kind(**values)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"[{where}]: {error}") from None


def _section(raw: dict[str, Any], name: str, kind: type[Any], default: Any) -> Any:
    table = raw.pop(name, {})
    if not isinstance(table, dict):
        raise ConfigError(f"[{name}] must be a table")
    known = {f.name for f in fields(kind)}
    unknown = set(table) - known
    if unknown:
        raise ConfigError(f"unknown setting(s) in [{name}]: {', '.join(sorted(unknown))}")
    values = {**_values(default), **table}
    if "propagate_headers" in values:
        values["propagate_headers"] = tuple(h.lower() for h in values["propagate_headers"])
    return kind(**values)


def _values(instance: Any) -> dict[str, Any]:
    return {f.name: getattr(instance, f.name) for f in fields(instance)}
