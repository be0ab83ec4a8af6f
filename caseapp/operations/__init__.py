"""Running caseapp on a server: request ids and JSON logs, the readiness checks, the Prometheus metrics.

Plain building blocks that know no area of the domain; the routes (/health/ready, /metrics) and the
hooks that use them are wired in caseapp.main.
"""
