"""`make faults`: soak and fault drills against the production-shaped stack, bounded in time, loopback only.

It runs its own PostgreSQL cluster and Redis (in a temporary directory, on free ports) so it can restart and stop
them without disturbing anything else on the machine, then:

1. soak — mixed load for FAULTS_SOAK_SECONDS (default 600): browsing, searching, supporting. Zero server errors.
2. PostgreSQL restarted (immediate mode: a crash, recovered from the WAL) in the middle of a stream of supports:
   requests during the outage get the Spanish 503 page (no traceback), the site recovers by itself, and every
   support acknowledged to a person is in the database afterwards.
3. Redis stopped: pages and forms keep working (cache misses, tasks run in-process); Redis back: still fine.

Prints one line per check and exits non-zero if any fails.
"""

import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

from bench.stack import bench_accounts, django_env, free_port, manage, run_json, running_stack

WORDS = ["basuras", "huecos", "inseguridad", "arboles", "alumbrado", "ruido"]


def as_postgres(command: list[str]) -> list[str]:
    # initdb and pg_ctl refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class PrivatePostgres:
    def __init__(self, root: Path):
        version = sorted(Path("/usr/lib/postgresql").iterdir())[-1]
        self.bin = version / "bin"
        self.data = root / "pg"
        self.port = free_port()
        self.root = root

    def pg_ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        subprocess.run(
            as_postgres(
                [
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-o",
                    options,
                    "-l",
                    str(self.root / "pg.log"),
                    "-w",
                    *args,
                ]
            ),
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        subprocess.run(
            as_postgres(
                [str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]
            ),
            check=True,
            capture_output=True,
        )
        self.pg_ctl("start")
        self.psql("CREATE DATABASE innova")

    def psql(self, sql: str, db: str = "postgres") -> str:
        return subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db, "-Atqc", sql],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/innova"


class PrivateRedis:
    def __init__(self, root: Path):
        self.port = free_port()
        self.root = root
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.root,
            stdout=subprocess.DEVNULL,
        )
        time.sleep(0.5)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


class Load:
    """Closed-loop clients (threads) mixing reads and supports; records every response."""

    def __init__(self, url: str, data: dict, *, clients: int, accounts_from: int = 0):
        # Each phase acts as its own people: the soak spends their support rate limit (429s are expected there).
        self.url, self.data, self.clients, self.accounts_from = url, data, clients, accounts_from
        self.statuses: Counter = Counter()
        self.server_errors: list[str] = []
        self.acknowledged: set[tuple[int, int]] = set()
        self.timeline: list[tuple[float, int]] = []
        self.lock = threading.Lock()

    def run(self, seconds: float, *, supports_only_add: bool = False) -> None:
        stop_at = time.monotonic() + seconds
        threads = [
            threading.Thread(target=self._client, args=(n, stop_at, supports_only_add)) for n in range(self.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _client(self, n: int, stop_at: float, supports_only_add: bool) -> None:
        rng = random.Random(n)
        session = requests.Session()
        session.cookies.set(self.data["cookie"], self.data["residents"][self.accounts_from + n])
        user_id = self.data["resident_ids"][self.accounts_from + n]
        problems = list(self.data["problems"])
        rng.shuffle(problems)
        queue = iter(problems)
        self._get(session, f"/problemas/{problems[0]}/")  # a page with a form sets the CSRF cookie
        while time.monotonic() < stop_at:
            roll = rng.random()
            if roll < 0.35:
                problem = next(queue, problems[0])
                supported = "1" if supports_only_add or rng.random() < 0.7 else "0"
                response = self._post(session, f"/problemas/{problem}/apoyar/", {"supported": supported})
                if response is not None and response.status_code == 200 and supported == "1":
                    with self.lock:
                        self.acknowledged.add((user_id, problem))
            elif roll < 0.55:
                self._get(session, f"/problemas/?q={rng.choice(WORDS)}")
            elif roll < 0.8:
                self._get(session, f"/problemas/{rng.choice(problems)}/")
            else:
                self._get(session, rng.choice(["/", "/problemas/", "/problemas/?sort=apoyados"]))
            time.sleep(rng.uniform(0.05, 0.2))

    def _get(self, session, path):
        return self._record(lambda: session.get(self.url + path, timeout=30), path)

    def _post(self, session, path, data):
        headers = {"HX-Request": "true", "X-CSRFToken": session.cookies.get("csrftoken", "")}
        return self._record(lambda: session.post(self.url + path, data=data, headers=headers, timeout=30), path)

    def _record(self, call, path):
        try:
            response = call()
        except requests.RequestException as exc:
            with self.lock:
                self.statuses["connection error"] += 1
                self.server_errors.append(f"{path}: {exc.__class__.__name__}")
            return None
        with self.lock:
            self.statuses[response.status_code] += 1
            self.timeline.append((time.monotonic(), response.status_code))
            if response.status_code >= 500 and not _clean_503(response):
                self.server_errors.append(f"{path}: {response.status_code} {response.text[:120]!r}")
        return response


def _clean_503(response) -> bool:
    return response.status_code == 503 and "Traceback" not in response.text and "no está disponible" in response.text


class Checks:
    def __init__(self):
        self.failed = 0

    def check(self, ok: bool, line: str) -> None:
        print(f"{'PASS' if ok else 'FAIL'} {line}", flush=True)
        self.failed += not ok


def main() -> int:
    soak_seconds = float(os.environ.get("FAULTS_SOAK_SECONDS", 600))
    clients = int(os.environ.get("FAULTS_CLIENTS", 12))
    root = Path(tempfile.mkdtemp(prefix="innova-faults-"))
    os.chmod(root, 0o777)  # noqa: S103 - the private PostgreSQL (user postgres) writes its socket here  # nosec B103
    postgres, redis_server = PrivatePostgres(root), PrivateRedis(root)
    checks = Checks()
    try:
        postgres.start()
        redis_server.start()
        env = django_env(database_url=postgres.url, redis_url=redis_server.url, pool_max=6)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "seed_bench", "--problems", "3000", "--supports-per-problem", "2", "--users", "500")
        accounts = bench_accounts(env, residents=clients * 4, officials=1)
        data = {**accounts, **run_json(env, "bench.bench_data", "targets")}
        with running_stack(env, workers=2) as url:
            # 1. Soak.
            soak = Load(url, data, clients=clients)
            soak.run(soak_seconds)
            total = sum(soak.statuses.values())
            checks.check(
                not soak.server_errors and total > 0,
                f"soak {soak_seconds:.0f} s: {total} requests, statuses {dict(soak.statuses)}, "
                f"server errors {len(soak.server_errors)} {soak.server_errors[:3]}",
            )

            # 2. PostgreSQL crash-restart under a stream of supports.
            drill = Load(url, data, clients=clients, accounts_from=clients)
            worker = threading.Thread(target=drill.run, args=(30,), kwargs={"supports_only_add": True})
            worker.start()
            time.sleep(8)
            restarted_at = time.monotonic()
            postgres.pg_ctl("-m", "immediate", "restart")
            back_at = time.monotonic()
            worker.join()
            outage = [status for moment, status in drill.timeline if moment >= restarted_at and status == 503]
            recovered = [moment for moment, status in drill.timeline if moment > back_at and status < 500]
            late_errors = [s for moment, s in drill.timeline if recovered and moment > recovered[0] + 5 and s >= 500]
            checks.check(
                not drill.server_errors,
                f"PostgreSQL restart: statuses {dict(drill.statuses)}; {len(outage)} clean 503 pages during the "
                f"outage ({back_at - restarted_at:.1f} s); other server errors {drill.server_errors[:3]}",
            )
            checks.check(
                bool(recovered) and not late_errors,
                f"recovered by itself: first success {recovered[0] - back_at if recovered else float('nan'):.2f} s "
                f"after PostgreSQL was back; errors after that: {len(late_errors)}",
            )
            stored = {
                tuple(int(x) for x in line.split("|"))
                for line in postgres.psql("SELECT user_id, problem_id FROM problems_support", db="innova").split()
            }
            missing = drill.acknowledged - stored
            checks.check(
                not missing and drill.acknowledged,
                f"acknowledged supports in the database: {len(drill.acknowledged) - len(missing)}/"
                f"{len(drill.acknowledged)} (missing {sorted(missing)[:5]})",
            )

            # 3. Redis stopped, then back.
            redis_server.stop()
            without = Load(url, data, clients=clients, accounts_from=clients * 2)
            without.run(20)
            checks.check(
                not without.server_errors and without.statuses[200] > 0,
                f"Redis stopped: statuses {dict(without.statuses)}, server errors {without.server_errors[:3]}",
            )
            redis_server.start()
            again = Load(url, data, clients=clients, accounts_from=clients * 3)
            again.run(10)
            checks.check(
                not again.server_errors and again.statuses[200] > 0,
                f"Redis back: statuses {dict(again.statuses)}, server errors {again.server_errors[:3]}",
            )
    finally:
        try:
            postgres.pg_ctl("-m", "immediate", "stop")
        except (subprocess.CalledProcessError, FileNotFoundError):
            pass
        if redis_server.process and redis_server.process.poll() is None:
            redis_server.stop()
        shutil.rmtree(root, ignore_errors=True)
    print(f"faults: {'all checks passed' if not checks.failed else f'{checks.failed} check(s) failed'}", flush=True)
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
