"""The load: wrk for rates and latencies, a small client for search latencies."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

LUA = Path(__file__).resolve().parent / "wrk.lua"
# A reader's browser: the site counts readers' views, not those of scripts and bots (wrk sends
# no User-Agent, Python's client says "Python-urllib"), and the count is part of the cost.
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def wrk(
    url: str,
    *,
    seconds: float,
    connections: int,
    threads: int,
    mode: str = "plain",
    paths: list[str] = (),
) -> dict:
    """One wrk run; returns its counts, the rate and the latencies in milliseconds."""
    env = dict(os.environ, BENCH_MODE=mode, BENCH_PATHS=" ".join(paths))
    cmd = [
        "wrk", "--threads", str(threads), "--connections", str(connections),
        "--duration", f"{max(1, round(seconds))}s",
        # A slow page must count as slow, not vanish as a time-out (wrk's default is 2 s).
        "--timeout", "60s",
        "--header", f"User-Agent: {USER_AGENT}",
        "--script", str(LUA), url,
    ]  # fmt: skip
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH-JSON ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed on {url}: {done.stderr.strip() or done.stdout.strip()}")
    raw = json.loads(line.removeprefix("BENCH-JSON "))
    duration = raw["duration_us"] / 1e6
    errors = raw["errors"]
    return {
        "requests": raw["requests"],
        "seconds": round(duration, 3),
        "rate": round(raw["requests"] / duration, 2) if duration else 0.0,
        "p50_ms": _ms(raw["latency_us"]["p50"], raw["requests"]),
        "p99_ms": _ms(raw["latency_us"]["p99"], raw["requests"]),
        "max_ms": _ms(raw["latency_us"]["max"], raw["requests"]),
        "bytes": raw["bytes"],
        # Refused or cut connections, answers other than 2xx/3xx, answers later than 60 s.
        "errors": sum(errors.values()),
        "error_kinds": {kind: n for kind, n in errors.items() if n},
    }


def _ms(microseconds: float, requests: int) -> float | None:
    return round(microseconds / 1000, 2) if requests else None


def search_latencies(
    base_url: str,
    query: str | None,
    *,
    samples: int,
    timeout: float,
    budget: float,
    path: str = "/search/",
    cookie: str = "",
) -> dict:
    """``samples`` searches for ``query`` one after another (a person typing, not a crowd);
    fewer if they take more than ``budget`` seconds in all. Stops at the first answer slower
    than ``timeout``, which is itself the finding. Each search has a query string of its own
    (``nocache=…``, which the search ignores), so no page cache keyed by the URL answers it.

    With ``query`` None, ``path`` itself is asked for, as it is (an admin screen: never
    cached, and a parameter it does not know could change what it does)."""
    headers = {"User-Agent": USER_AGENT} | ({"Cookie": cookie} if cookie else {})
    times: list[float] = []
    own: list[float] = []  # the search's own time, from the answer's Server-Timing header
    stopped = 0  # answers saying the search was stopped at its time limit
    timed_out = False
    statuses: set[int] = set()
    begun = time.monotonic()
    for number in range(samples):
        if times and time.monotonic() - begun > budget:
            break
        address = f"{base_url}{path}"
        if query is not None:
            fields = {"q": query, "nocache": f"{os.getpid()}-{time.time_ns()}-{number}"}
            address += f"?{urllib.parse.urlencode(fields)}"
        url = urllib.request.Request(address, headers=headers)
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                response.read()
                # Sent elsewhere (the admin's sign-in page, say) is not an answer to the search.
                statuses.add(response.status if response.geturl() == url.full_url else 302)
                timing = response.headers.get("Server-Timing", "")
        except urllib.error.HTTPError as error:
            statuses.add(error.code)
            timing = ""
        except TimeoutError:
            timed_out = True
            break
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                timed_out = True
                break
            raise
        times.append((time.perf_counter() - started) * 1000)
        match = re.search(r"\bsearch;(?:[^,]*;)?dur=([0-9.]+)", timing)
        if match:
            own.append(float(match.group(1)))
        stopped += 'desc="stopped"' in timing
    return {
        "query": query if query is not None else path,
        "samples": len(times),
        "p50_ms": round(percentile(times, 50), 1) if times else None,
        "p95_ms": round(percentile(times, 95), 1) if times and not timed_out else None,
        "max_ms": round(max(times), 1) if times else None,
        "search_p95_ms": round(percentile(own, 95), 1) if own else None,
        "stopped": stopped,
        "timed_out_after_s": timeout if timed_out else None,
        "statuses": sorted(statuses),
    }


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value at or above p% of the values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def fetch(url: str, timeout: float = 120) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
