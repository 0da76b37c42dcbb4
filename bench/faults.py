"""`make faults`: soak and fault drills against the production-shaped stack, bounded in time, loopback only.

It runs its own PostgreSQL cluster and Redis (in a temporary directory, on free ports) so it can restart and stop
them without disturbing anything else on the machine, then:

1. soak — mixed load for FAULTS_SOAK_SECONDS (default 600): browsing, searching, supporting. Zero server errors.
2. PostgreSQL restarted (immediate mode: a crash, recovered from the WAL) in the middle of a stream of supports:
   requests during the outage get the Spanish 503 page (no traceback), the site recovers by itself, and every
   support acknowledged to a person is in the database afterwards.
3. Redis stopped: pages and forms keep working (cache misses, tasks run in-process); Redis back: still fine.
   A live board is open throughout: FAULTS_BOARD_CLIENTS (default 40) WebSocket clients that reconnect the way
   board.js does (backoff, ``?since=<last seq>``). Cards posted by the HTML form while Redis is down are accepted;
   the open sockets are closed (code 4503) and reconnects refused until Redis is back; then every client has every
   card exactly once, in order, within 45 s of Redis's return (board.js waits up to 12.5 s between attempts).
4. Redis restarted in a blink (it comes back empty, and some sockets' channel-layer receive survives it): two more
   cards reach every client within 40 s (the consumer notices the new Redis and closes the socket; enough clients
   per worker that some survive the blink).

Prints one line per check and exits non-zero if any fails.
"""

import asyncio
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

from bench.stack import bench_accounts, free_port, manage, prepare_database, production_env, run_json, running_stack

WORDS = ["basuras", "huecos", "inseguridad", "arboles", "alumbrado", "ruido"]

# A live board open to guests, and guests with a session each: the watchers on WebSockets and one who posts by form.
_BOARD_SEED = """
import json
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from innova.accounts.models import User
from innova.brainstorms.services.boards import board_create
from innova.brainstorms.models import Guest

store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
facilitator, _ = User.objects.get_or_create(
    email="facilitadora-faults@carga.invalid", defaults={"display_name": "Facilitadora", "role": "facilitator"}
)
board = board_create(actor=facilitator, prompt="¿Qué hacemos si se cae Redis? (simulacro)", allow_guests=True)
keys = []
for n in range(GUESTS):
    guest = Guest.objects.create(nickname=f"Simulacro {n}", policy_accepted_at=timezone.now())
    session = store()
    session["brainstorm_guest"] = guest.pk
    session.save()
    keys.append(session.session_key)
print(json.dumps({"board": board.pk, "seq": board.last_seq, "cookie": settings.SESSION_COOKIE_NAME, "guests": keys}))
"""


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
        self.pg_ctl("start")  # the database itself: created by prepare_database

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


class BoardWatchers:
    """WebSocket participants of one live board, in a thread of their own, reconnecting the way board.js does:
    after a close, wait 0.5 s, 1 s, 2 s… (at most 10 s, ±25 %) and connect again asking ``?since=<last seq>``."""

    def __init__(self, url: str, board: dict, sessions: list[str]):
        self.ws_url = url.replace("http://", "ws://") + f"/ws/lluvias/{board['board']}/"
        self.origin = url
        self.cookie = board["cookie"]
        self.sessions = sessions
        self.last_seq = [board["seq"]] * len(sessions)
        self.received: list[list[tuple[int, str]]] = [[] for _ in sessions]  # (seq, card text), arrival order
        self.arrived: dict[int, float] = {}  # seq → when the last client got it
        self.connected = [False] * len(sessions)
        self.close_codes: Counter = Counter()  # how open sockets ended
        self.refused: Counter = Counter()  # why (re)connects failed
        self.lock = threading.Lock()
        self.loop = None
        self.stop_event = None
        self.thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self.stop_event.set)
        self.thread.join(timeout=20)

    def wait_until(self, condition, seconds: float) -> float | None:
        """Seconds until ``condition(self)`` held, or None if it did not within ``seconds``."""
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            with self.lock:
                if condition(self):
                    return time.monotonic() - started
            time.sleep(0.1)
        return None

    async def _main(self) -> None:
        self.loop, self.stop_event = asyncio.get_running_loop(), asyncio.Event()
        clients = [asyncio.ensure_future(self._client(n)) for n in range(len(self.sessions))]
        await self.stop_event.wait()
        for client in clients:
            client.cancel()
        await asyncio.gather(*clients, return_exceptions=True)

    async def _client(self, n: int) -> None:
        from websockets.asyncio.client import connect
        from websockets.exceptions import ConnectionClosed, InvalidStatus

        rng = random.Random(n)  # noqa: S311 - jitter, not security  # nosec B311
        attempts = 0
        headers = {"Cookie": f"{self.cookie}={self.sessions[n]}"}
        while True:
            try:
                url = f"{self.ws_url}?since={self.last_seq[n]}"
                async with connect(url, additional_headers=headers, origin=self.origin, open_timeout=5) as ws:
                    attempts = 0
                    self.connected[n] = True
                    try:
                        async for raw in ws:
                            message = json.loads(raw)
                            if message.get("kind") != "event" or message["seq"] <= self.last_seq[n]:
                                continue  # board.js applies an event once
                            with self.lock:
                                self.last_seq[n] = message["seq"]
                                self.received[n].append((message["seq"], message["data"].get("text", "")))
                                self.arrived[message["seq"]] = time.monotonic()
                    except ConnectionClosed:
                        pass
                    with self.lock:
                        self.close_codes[ws.close_code] += 1
            except InvalidStatus as error:
                with self.lock:
                    self.refused[f"HTTP {error.response.status_code}"] += 1
            except (OSError, TimeoutError) as error:
                with self.lock:
                    self.refused[error.__class__.__name__] += 1
            self.connected[n] = False
            attempts += 1
            await asyncio.sleep(min(10.0, 0.5 * 2 ** (attempts - 1)) * rng.uniform(0.75, 1.25))


class FormPoster:
    """A guest who posts ideas with the board's HTML form (CSRF token from the page, no JavaScript)."""

    def __init__(self, url: str, board: dict, session_key: str):
        self.url, self.board = url, board["board"]
        self.session = requests.Session()
        self.session.cookies.set(board["cookie"], session_key)
        self.statuses: Counter = Counter()
        self.accepted: list[str] = []

    def post(self, text: str) -> None:
        try:
            page = self.session.get(f"{self.url}/lluvias/{self.board}/", timeout=30)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            response = self.session.post(
                f"{self.url}/lluvias/{self.board}/ideas/",
                data={"text": text, "colour": "amarillo", "csrfmiddlewaretoken": token.group(1) if token else ""},
                headers={"Referer": f"{self.url}/lluvias/{self.board}/"},
                allow_redirects=False,
                timeout=30,
            )
        except requests.RequestException as error:
            self.statuses[error.__class__.__name__] += 1
            return
        self.statuses[response.status_code] += 1
        if response.status_code == 302 and "#nueva-idea" in response.headers.get("Location", ""):
            self.accepted.append(text)


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
        env = production_env(database_url=postgres.url, redis_url=redis_server.url, pool_max=6)
        prepare_database(env)
        manage(env, "seed_bench", "--problems", "3000", "--supports-per-problem", "2", "--users", "500")
        accounts = bench_accounts(env, residents=clients * 4, officials=1)
        data = {**accounts, **run_json(env, "bench.bench_data", "targets")}
        watchers_count = int(os.environ.get("FAULTS_BOARD_CLIENTS", 40))
        seed = manage(env, "shell", "-v", "0", "-c", f"GUESTS = {watchers_count + 1}\n{_BOARD_SEED}")
        board = json.loads(seed.strip().splitlines()[-1])
        with running_stack(env, workers=2, celery=True) as url:
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

            # 3. Redis stopped, then back; a live board is open throughout.
            watchers = BoardWatchers(url, board, board["guests"][1:])
            poster = FormPoster(url, board, board["guests"][0])
            watchers.start()
            poster.post("Idea antes de la caída")
            live = watchers.wait_until(lambda w: all(len(r) == 1 for r in w.received), 15)
            checks.check(
                live is not None,
                f"board live before the outage: {len(watchers.sessions)} WebSocket clients, a card posted by form "
                f"reached {sum(len(r) == 1 for r in watchers.received)} of them"
                + (f", the last {live:.2f} s after the form's answer" if live is not None else ""),
            )
            codes_before, refused_before = Counter(watchers.close_codes), Counter(watchers.refused)

            redis_server.stop()
            without = Load(url, data, clients=clients, accounts_from=clients * 2)
            worker = threading.Thread(target=without.run, args=(20,))
            worker.start()
            for n in range(5):
                time.sleep(3)
                poster.post(f"Idea {n + 1} sin Redis")
            worker.join()
            checks.check(
                not without.server_errors and without.statuses[200] > 0,
                f"Redis stopped: statuses {dict(without.statuses)}, server errors {without.server_errors[:3]}",
            )
            during = len(poster.accepted) - 1
            with watchers.lock:
                closed = dict(watchers.close_codes - codes_before)
                refused = dict(watchers.refused - refused_before)
                open_now = sum(watchers.connected)
            checks.check(
                during == 5 and not any(str(status).startswith("5") for status in poster.statuses),
                f"board, Redis stopped: {during}/5 cards posted by form accepted (statuses {dict(poster.statuses)}); "
                f"open sockets closed with codes {closed}, reconnects refused {refused}, {open_now} still open",
            )

            redis_server.start()
            back_at = time.monotonic()
            again = Load(url, data, clients=clients, accounts_from=clients * 3)
            worker = threading.Thread(target=again.run, args=(10,))
            worker.start()
            for n in range(3):
                poster.post(f"Idea {n + 1} con Redis de vuelta")
                time.sleep(1)
            worker.join()
            checks.check(
                not again.server_errors and again.statuses[200] > 0,
                f"Redis back: statuses {dict(again.statuses)}, server errors {again.server_errors[:3]}",
            )

            def board_expected() -> list[tuple[int, str]]:
                """Every (seq, text) the board holds after the drill's opening event: the cards, in posting order."""
                sql = f"SELECT last_seq FROM brainstorms_board WHERE id = {board['board']}"
                last_seq = int(postgres.psql(sql, db="innova"))
                return list(zip(range(board["seq"] + 1, last_seq + 1), poster.accepted, strict=False))

            def board_check(expected: list, caught_up: float | None, label: str, timing: str) -> None:
                exact = sum(received == expected for received in watchers.received)
                wrong = [received for received in watchers.received if received != expected]
                checks.check(
                    caught_up is not None and exact == len(watchers.sessions) and len(expected) == len(poster.accepted),
                    f"board, {label}: {exact}/{len(watchers.sessions)} clients have all {len(expected)} cards "
                    f"(events {expected[0][0]}–{expected[-1][0]}) exactly once and in order, {timing}"
                    + (f"; first mismatch {wrong[0]}" if wrong else ""),
                )

            expected = board_expected()
            caught_up = watchers.wait_until(
                lambda w: all(len(r) >= len(expected) for r in w.received), back_at + 45 - time.monotonic()
            )
            outage_seqs = range(board["seq"] + 2, board["seq"] + 2 + during)
            caught_up_at = max((watchers.arrived.get(seq, float("inf")) for seq in outage_seqs), default=back_at)
            board_check(
                expected,
                caught_up,
                "Redis back",
                (
                    f"the outage's cards at every client {caught_up_at - back_at:.1f} s after Redis returned"
                    if caught_up is not None
                    else "not within 45 s of Redis's return"
                )
                + f" (reconnected with ?since=); reconnects refused in all {dict(watchers.refused)}",
            )

            # 4. Redis restarted in a blink (a service manager's restart): it comes back empty, without the board's
            # group members. A socket whose channel-layer receive survived the blink must not stay silently stale.
            with watchers.lock:
                codes_before = Counter(watchers.close_codes)
            redis_server.stop()
            redis_server.start()
            restarted_at = time.monotonic()
            for n in range(2):
                time.sleep(1)
                poster.post(f"Idea {n + 1} tras el reinicio rápido")
            expected = board_expected()
            caught_up = watchers.wait_until(
                lambda w: all(len(r) >= len(expected) for r in w.received), restarted_at + 40 - time.monotonic()
            )
            watchers.stop()
            board_check(
                expected,
                caught_up,
                "Redis restarted fast",
                (
                    f"the last at every client {watchers.arrived[expected[-1][0]] - restarted_at:.1f} s after the "
                    "restart"
                    if caught_up is not None
                    else "not within 40 s of the restart"
                )
                + f"; sockets closed with codes {dict(watchers.close_codes - codes_before)}",
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
