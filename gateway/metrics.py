"""Prometheus metrics of the gateway: requests, errors, latency, per-subgraph fetches."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class GatewayMetrics:
    """The gateway's own registry, so several gateways in one process do not collide."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "tongban_gateway_requests",
            "GraphQL requests answered",
            ["kind", "status"],
            registry=self.registry,
        )
        self.errors = Counter(
            "tongban_gateway_request_errors",
            "Responses that carried GraphQL errors",
            ["kind"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "tongban_gateway_request_duration_seconds",
            "Time to answer a GraphQL request",
            ["kind"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.fetch_latency = Histogram(
            "tongban_gateway_subgraph_fetch_duration_seconds",
            "Time of one subgraph fetch",
            ["service"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.fetch_errors = Counter(
            "tongban_gateway_subgraph_fetch_errors",
            "Subgraph fetches that failed",
            ["service", "code"],
            registry=self.registry,
        )

    def observe_fetch(self, service: str, seconds: float, error_code: str | None) -> None:
        """Record one subgraph fetch."""
        self.fetch_latency.labels(service).observe(seconds)
        if error_code is not None:
            self.fetch_errors.labels(service, error_code).inc()

    def render(self) -> bytes:
        """The metrics in Prometheus' text exposition format."""
        return generate_latest(self.registry)
