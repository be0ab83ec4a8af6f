"""Gunicorn's settings: gunicorn reads this file from the directory it is started in (`make run`, a deployment).

The access log records the method and the path, never the query string or the Referer header: search
terms travel in query strings and may be people's names.
"""
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'

# Each worker serves several requests at once in threads, so that a request waiting on something slow
# (a source being fetched, a document read in its child process, a large report) does not keep
# /health or anyone else's page waiting.
worker_class = "gthread"
threads = 4


def child_exit(server, worker):
    """With PROMETHEUS_MULTIPROC_DIR (the metrics of every worker added up), forget a worker that has gone."""
    import os

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
