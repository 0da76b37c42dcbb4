"""The app as every benchmark and fault drill runs it on this machine: environment, database, server.

The production-shaped stack: several app server processes behind one address (the server's own pre-fork workers
sharing one socket: uvicorn by default, which serves HTTP and WebSockets; bench.ceiling runs granian, the WSGI
server production uses for HTTP), a Celery worker, PostgreSQL and Redis — settings from environment variables
exactly as in production (DEBUG off, connection pool, Redis cache/channel layer/broker). The page benchmarks run a
part of it (no Celery, no Redis). Loopback only.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
# The seeded PostgreSQL database the load and page benchmarks share (bench.load, problems, proposals, api_search).
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{os.environ.get('BENCH_DB', 'innova_bench')}"
)


def django_env(*, database_url: str, redis_url: str = "", **settings: str) -> dict:
    """The environment of the app in a benchmark: production settings (DEBUG off), loopback hosts, and ``settings``
    (more environment variables, e.g. ``DB_POOL_MAX="12"``)."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-secret-key-not-for-production-0123456789abcdefghij",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        **settings,
    }


def page_env(**settings: str) -> dict:
    """The page benchmarks' app: the shared bench database, no Redis (local cache, eager tasks)."""
    return django_env(database_url=DATABASE_URL, DB_POOL_MAX="12", **settings)


def production_env(*, database_url: str, redis_url: str, pool_max: int = 8) -> dict:
    """As production runs: a connection pool, a real Celery worker, Redis. Staff MFA off: the bench logs in by
    session cookie."""
    return django_env(
        database_url=database_url,
        redis_url=redis_url,
        DB_POOL_MAX=str(pool_max),
        CELERY_TASK_ALWAYS_EAGER="0",
        INNOVA_STAFF_MFA_REQUIRED="0",
    )


def manage(env: dict, *args: str) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.stderr.write(result.stderr)
        result.check_returncode()
    return result.stdout


def prepare_database(env: dict, *, static: bool = True) -> None:
    """The PostgreSQL database of ``env`` created if missing and migrated; with ``static``, the static files the
    pages link to collected (production settings serve them from the manifest)."""
    url = urlsplit(env["DATABASE_URL"])
    subprocess.run(
        ["psql", "-h", url.hostname, "-p", str(url.port or 5432), "-U", url.username or "postgres", "-d", "postgres"]
        + ["-qc", f"CREATE DATABASE {url.path.lstrip('/')}"],
        capture_output=True,
        check=False,  # it exists already
    )
    manage(env, "migrate", "--noinput", "-v0")
    if static:
        manage(env, "collectstatic", "--noinput", "-v0")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, *, seconds: float = 180) -> None:
    """Poll /healthz; on a 2-core machine busy with other work three workers can take over a minute to import."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310 - loopback  # nosec B310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not become healthy in {seconds:.0f} s")


# How each app server is started on a loopback port with ``workers`` processes on one socket. Production serves
# HTTP with WSGI_SERVER and runs uvicorn (ASGI) only for `/ws/` (docs/DECISIONS.md, 55); the other candidates stay
# here so that `python -m bench.ceiling --server NAME --pages hello` can measure the choice again (gunicorn comes
# with requirements-bench.txt). Keep-alive is on wherever the server has it (gunicorn's sync workers close every
# connection) and longer than any think time of a load generator: with uvicorn's 5 s, an idle
# connection closed by the server races the client's next request on it (ConnectionReset / RemoteDisconnected in
# Locust, which does not retry; browsers do, and a proxy keeps its upstream connections open).
SERVERS = {
    "uvicorn": lambda port, workers: [
        *("-m", "uvicorn", "innova.asgi:application", "--host", "127.0.0.1", "--port", str(port)),
        *("--workers", str(workers), "--no-access-log", "--timeout-keep-alive", "30"),
        # worker lifecycle only (no access log): a worker killed by the healthcheck shows here
        *("--log-level", "info"),
    ],
    "gunicorn-sync": lambda port, workers: [
        *("-m", "gunicorn", "innova.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)),
        *("--worker-class", "sync", "--log-level", "info"),
    ],
    "gunicorn-gthread": lambda port, workers: [
        *("-m", "gunicorn", "innova.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)),
        *("--worker-class", "gthread", "--threads", "4", "--keep-alive", "30", "--log-level", "info"),
    ],
    "granian": lambda port, workers: [
        *("-m", "granian", "innova.wsgi:application", "--interface", "wsgi", "--host", "127.0.0.1"),
        *("--port", str(port), "--workers", str(workers), "--blocking-threads", "4", "--no-access-log"),
        *("--log-level", "info"),
    ],
}
WSGI_SERVER = "granian"


@contextmanager
def running_stack(
    env: dict, *, workers: int, celery: bool = False, server: str = "uvicorn", log_path: Path | None = None
):
    """Serve the app with ``server`` (a name in SERVERS: uvicorn, ASGI, by default — HTTP and WebSockets) in
    ``workers`` processes on one address and, with ``celery``, a Celery worker; yield the base URL once healthy; stop
    every process on the way out. Server logs go to ``log_path``."""
    port = free_port()
    log_path = log_path or ROOT / "bench" / "out" / "stack.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "a")  # noqa: SIM115 - closed in finally
    processes = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and module  # nosec B603
            [sys.executable, *SERVERS[server](port, workers)], cwd=ROOT, env=env, stdout=log, stderr=log
        )
    ]
    if celery:
        processes.append(
            subprocess.Popen(  # noqa: S603  # nosec B603
                [sys.executable, "-m", "celery", "-A", "innova", "worker", "-l", "warning", "-c", "2", "-P", "threads"],
                cwd=ROOT,
                env={**env, "C_FORCE_ROOT": "1"},  # CI runs as root; the bench worker is a throwaway process
                stdout=log,
                stderr=log,
            )
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
        yield url
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


def run_json(env: dict, module: str, *args: str) -> dict:
    """Run ``python -m module args`` against the bench database and read the JSON of its last output line."""
    result = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench_accounts(env: dict, *, residents: int, officials: int, facilitators: int = 0) -> dict:
    """Verified, consenting accounts with live sessions (see bench/bench_accounts.py): {"residents": [...], …}."""
    return run_json(env, "bench.bench_accounts", str(residents), str(officials), str(facilitators))
