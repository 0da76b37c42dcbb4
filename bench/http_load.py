"""A small closed-loop HTTP load generator (threads + keep-alive), loopback only; prints latency percentiles.

Used by the page benchmarks: N clients each send requests back to back for a fixed time.
"""

import argparse
import http.client
import statistics
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def run(*, host: str, port: int, path_for: Callable[[int], str], clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(seed: int) -> None:
        nonlocal errors
        connection = http.client.HTTPConnection(host, port, timeout=30)
        n = seed
        mine, my_errors = [], 0
        while time.perf_counter() < stop_at:
            n += clients
            start = time.perf_counter()
            try:
                connection.request("GET", path_for(n))
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    my_errors += 1
            except (OSError, http.client.HTTPException):
                my_errors += 1
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
                continue
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(mine)
            errors += my_errors

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "mean": statistics.fmean(latencies) if latencies else float("nan"),
    }


def add_load_arguments(parser: argparse.ArgumentParser, *, clients: int, seconds: float) -> argparse.ArgumentParser:
    """The options every page benchmark takes: how many clients, how long per page, how many uvicorn workers."""
    parser.add_argument("--clients", type=int, default=clients)
    parser.add_argument("--seconds", type=float, default=seconds)
    parser.add_argument("--workers", type=int, default=2)
    return parser


def measure_pages(
    url: str,
    pages: dict[str, Callable[[int], str]],
    *,
    clients: int,
    seconds: float,
    warm_up: tuple[int, float],
    alone_seconds: float | None = None,
) -> None:
    """Drive each page of the app at ``url`` (loopback) after a warm-up (``(clients, seconds)``), with 1 client and with
    ``clients``, and print one line of latencies each. One client shows the service time of a page; more clients
    add the queueing of a 2-core machine. ``alone_seconds``: how long the single client runs (``seconds`` if None)."""
    host, port = urlsplit(url).hostname, urlsplit(url).port
    for name, path_for in pages.items():
        run(host=host, port=port, path_for=path_for, clients=warm_up[0], seconds=warm_up[1])
        for n in (1, clients):
            duration = seconds if n > 1 or alone_seconds is None else alone_seconds
            result = run(host=host, port=port, path_for=path_for, clients=n, seconds=duration)
            print(
                f"{name} [{n} client{'s' if n > 1 else ''}]: requests={result['requests']} "
                f"errors={result['errors']} rps={result['rps']:.0f} p50_ms={result['p50']:.1f} "
                f"p95_ms={result['p95']:.1f} p99_ms={result['p99']:.1f}",
                flush=True,
            )
