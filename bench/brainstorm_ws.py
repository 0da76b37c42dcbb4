"""A live board under load: `python -m bench.brainstorm_ws [--clients 500] [--posts 30] [--votes 30] [--rate 1]`.

Starts the app with uvicorn (one process, DEBUG off) on PostgreSQL (`innova_bench_ws`) and the Redis channel layer
(its own Redis database and prefix), opens ``--clients`` WebSocket participants (guests of one board, each with its
own session) and, at ``--rate`` actions per second, has them post ideas and then place dots. For every action it
measures the time from sending it to its event arriving at *every* connected client, and prints p50/p95/p99/max,
plus deliveries lost or duplicated. The load generator shares the 2-core machine with the app, Redis and
PostgreSQL: read the numbers as an upper bound of what the board adds.
"""

import argparse
import asyncio
import json
import os
import random
import time

from bench.stack import django_env, manage, prepare_database, running_stack

DB_NAME = os.environ.get("BENCH_WS_DB", "innova_bench_ws")
DATABASE_URL = os.environ.get("BENCH_WS_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}")
REDIS_URL = os.environ.get("BENCH_WS_REDIS_URL", "redis://127.0.0.1:6379/12")


def board_env() -> dict:
    """The Redis channel layer under its own prefix; tasks run eagerly (no Celery worker in this bench)."""
    return django_env(
        database_url=DATABASE_URL,
        redis_url=REDIS_URL,
        CHANNELS_PREFIX="bench-ws",
        CACHE_KEY_PREFIX="bench-ws",
        CELERY_TASK_ALWAYS_EAGER="1",
        # Keep database connections: Channels closes and reopens them around every call otherwise.
        DB_CONN_MAX_AGE="600",
    )


_SEED = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from innova.accounts.models import User
from innova.brainstorms.services.boards import board_create
from innova.brainstorms.models import Guest
from innova.core.testing import baseline_data_ensure

baseline_data_ensure()
facilitator, _ = User.objects.get_or_create(
    email="facilitadora-bench@bench.usme.co", defaults={"display_name": "Facilitadora", "role": "facilitator"}
)
board = board_create(actor=facilitator, prompt="¿Qué mejoramos en Usme? (bench)", allow_guests=True)
def session(data):
    store = SessionStore()
    store.update(data)
    store.create()
    return store.session_key
host = session({SESSION_KEY: str(facilitator.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: facilitator.get_session_auth_hash()})
now = timezone.now()
guests = Guest.objects.bulk_create([Guest(nickname=f"Vecino {n}", policy_accepted_at=now) for n in range(CLIENTS)])
keys = [session({"brainstorm_guest": guest.pk}) for guest in guests]
print(json.dumps({"board": board.pk, "seq": board.last_seq, "host": host, "guests": keys}))
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def summary(name: str, samples: list[float], expected: int, duplicates: int) -> None:
    if not samples:
        print(f"{name}: no deliveries", flush=True)
        return
    ms = [s * 1000 for s in samples]
    print(
        f"{name}: {len(ms)} deliveries of {expected} expected ({expected - len(ms)} missing, {duplicates} duplicated)"
        f" · p50 {percentile(ms, 50):.0f} ms · p95 {percentile(ms, 95):.0f} ms · p99 {percentile(ms, 99):.0f} ms"
        f" · max {max(ms):.0f} ms",
        flush=True,
    )


async def run_load(origin: str, seed: dict, args) -> None:
    from websockets.asyncio.client import connect

    url = f"{origin.replace('http', 'ws', 1)}/ws/lluvias/{seed['board']}/?since={seed['seq']}"
    sent: dict = {}  # action key → time sent
    arrivals: dict[str, list[float]] = {"post": [], "vote": [], "ack": []}
    seen: set = set()
    duplicates = {"post": 0, "vote": 0}
    cards: list[int] = []
    card_set: set[int] = set()
    acks = {"errors": 0}

    async def listen(ws, index: int):
        async for raw in ws:
            message = json.loads(raw)
            now = time.perf_counter()
            if message.get("kind") == "error":
                acks["errors"] += 1
                continue
            if message.get("kind") == "ack" and message.get("ref") in sent:
                arrivals["ack"].append(now - sent[message["ref"]])
                continue
            if message.get("kind") != "event":
                continue
            data = message["data"]
            if message["type"] == "card_added":
                key, kind = ("post", data["text"]), "post"
                if data["id"] not in card_set:
                    card_set.add(data["id"])
                    cards.append(data["id"])
            elif message["type"] == "vote":
                key, kind = ("vote", data["card"], data["votes"]), "vote"
            else:
                continue
            if (index, key) in seen:
                duplicates[kind] += 1
                continue
            seen.add((index, key))
            if key in sent:
                arrivals[kind].append(now - sent[key])

    def headers(session_key: str) -> dict:
        return {"Cookie": f"sessionid={session_key}"}

    started = time.perf_counter()
    sockets = []
    for index, key in enumerate(seed["guests"]):
        sockets.append(await connect(url, additional_headers=headers(key), origin=origin, max_queue=None))
        if index % 100 == 99:
            await asyncio.sleep(0)  # let the server breathe between batches of connections
    host = await connect(url, additional_headers=headers(seed["host"]), origin=origin, max_queue=None)
    print(f"{len(sockets)} participants connected in {time.perf_counter() - started:.1f} s", flush=True)
    listeners = [asyncio.create_task(listen(ws, i)) for i, ws in enumerate(sockets)]
    listeners.append(asyncio.create_task(listen(host, -1)))
    clients = len(sockets) + 1
    rng = random.Random(7)  # repeatable bench, not security  # nosec B311
    interval = 1 / args.rate

    async def settle(kind: str, expected: int):
        deadline = time.perf_counter() + 30
        while len(arrivals[kind]) < expected and time.perf_counter() < deadline:
            await asyncio.sleep(0.2)

    for n in range(args.posts):
        ws = sockets[rng.randrange(len(sockets))]
        text = f"Idea {n} de la prueba de carga"
        sent[("post", text)] = sent[f"p{n}"] = time.perf_counter()
        await ws.send(json.dumps({"action": "post", "text": text, "ref": f"p{n}"}))
        await asyncio.sleep(interval)
    await settle("post", args.posts * clients)

    await host.send(json.dumps({"action": "phase", "phase": "votar"}))
    await asyncio.sleep(1)
    voters = rng.sample(range(len(sockets)), min(args.votes, len(sockets)))
    for n, voter in enumerate(voters):
        card = cards[n % len(cards)]
        # Each card takes one dot per round, so the event (card, count) names the vote that caused it.
        count = n // len(cards) + 1
        sent[("vote", card, count)] = sent[f"v{n}"] = time.perf_counter()
        await sockets[voter].send(json.dumps({"action": "vote", "card": card, "ref": f"v{n}"}))
        await asyncio.sleep(interval)
    await settle("vote", len(voters) * clients)

    for task in listeners:
        task.cancel()
    for ws in [*sockets, host]:
        await ws.close()
    print(f"{clients} clients, {args.rate:g} actions/s, refused actions: {acks['errors']}", flush=True)
    summary("post → card at every client", arrivals["post"], args.posts * clients, duplicates["post"])
    summary("dot → count at every client", arrivals["vote"], len(voters) * clients, duplicates["vote"])
    summary("action → answer to its sender", arrivals["ack"], args.posts + len(voters), 0)
    summary("all actions", arrivals["post"] + arrivals["vote"], (args.posts + len(voters)) * clients, 0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--posts", type=int, default=30)
    parser.add_argument("--votes", type=int, default=30)
    parser.add_argument("--rate", type=float, default=1, help="actions per second (posts, then votes)")
    args = parser.parse_args()

    env = board_env()
    prepare_database(env, static=False)
    shell = manage(env, "shell", "-v", "0", "-c", f"CLIENTS = {args.clients}\n{_SEED}")
    seed = json.loads(shell.strip().splitlines()[-1])
    with running_stack(env, workers=1) as url:
        print(f"board {seed['board']}: uvicorn (1 process) + Redis channel layer + PostgreSQL", flush=True)
        asyncio.run(run_load(url, seed, args))


if __name__ == "__main__":
    main()
