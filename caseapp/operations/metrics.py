"""The Prometheus metrics caseapp exposes at /metrics.

Counted as things happen: requests by route and status and their latency, failed sign-ins. Read
when Prometheus asks (a collector given by the app): jobs by kind and state, the audit chain's state.
Under gunicorn each worker process counts its own: with PROMETHEUS_MULTIPROC_DIR set (an empty
folder, emptied at each start, as the systemd unit of deploy/ does) the workers' counts are added up.
"""
from __future__ import annotations

import os
from typing import Callable, Iterable

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector

REQUESTS = Counter("caseapp_http_requests", "Requests answered, by method, route pattern and status",
                   ("method", "route", "status"))
LATENCY = Histogram("caseapp_http_request_duration_seconds", "Time to answer a request, by route pattern",
                    ("route",), buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
SIGN_IN_FAILURES = Counter("caseapp_sign_in_failures", "Failed sign-ins (wrong password, unknown account, "
                                                       "wrong second factor)")


# A client may send any word as its method: counted under one label, so no one can add series at will.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method if method in METHODS else "other", route, str(status)).inc()
    LATENCY.labels(route).observe(seconds)


class StateCollector:
    """Gauges read at each scrape: `jobs()` gives {(kind, state): count}, `audit()` (intact, anchored_at)."""

    def __init__(self, jobs: Callable[[], dict[tuple[str, str], int]],
                 audit: Callable[[], tuple[bool | None, float | None]]) -> None:
        self.jobs, self.audit = jobs, audit

    def collect(self) -> Iterable[Metric]:
        jobs = GaugeMetricFamily("caseapp_jobs", "Background jobs (dossiers, imports) by kind and state",
                                 labels=("kind", "state"))
        for (kind, state), count in sorted(self.jobs().items()):
            jobs.add_metric((kind, state), count)
        yield jobs
        intact, anchored_at = self.audit()
        if intact is not None:
            yield GaugeMetricFamily("caseapp_audit_chain_intact", "1 when the audit entries written since the "
                                    "anchor verify, 0 when one is broken", value=int(intact))
        if anchored_at is not None:
            yield GaugeMetricFamily("caseapp_audit_anchor_timestamp_seconds", "When the audit chain was last "
                                    "verified whole and anchored (flask audit verify)", value=anchored_at)


def exposition(state: StateCollector) -> tuple[bytes, str]:
    """The text Prometheus reads: this process's counters (or every worker's), then the state gauges."""
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        from prometheus_client import REGISTRY

        body = generate_latest(REGISTRY)
    state_registry = CollectorRegistry(auto_describe=False)
    state_registry.register(state)
    return body + generate_latest(state_registry), CONTENT_TYPE_LATEST
