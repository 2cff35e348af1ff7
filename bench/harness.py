"""Prakat's benchmark: the figures of issue 12, measured side by side in one run.

    bench/run                                   # 1,000 items, 5 rounds of 10 s
    bench/run --items 10000
    bench/run --compare-items 1000,100000       # flat with size: both installs, interleaved
    bin/with-postgres bench/run --postgres      # the same on a throw-away PostgreSQL server
    bench/run --smoke                           # a quick check that the harness works
    bench/run --search-only --items 100000      # the search alone: public and admin, p95s
    bin/with-postgres bench/run --search-only --items 100000 --postgres
    bench/run --admin-only --items 10000        # the admin's growing screens, one at a time

Three targets on 127.0.0.1: a throw-away Prakat install served by ``bin/serve`` (as
``make run`` serves it), a vanilla Wagtail 7.4 site built from ``wagtail start`` and served by
the same gunicorn command, and nginx serving a saved copy of Prakat's item page. wrk loads each
page in turn, round after round, so the machine's noise falls on all alike; the medians of the
rounds are compared. Then the workers' resident memory, and search latencies one query at a
time, on the public search page and on the admin's page search (as a webmaster). With
``--search-only`` only Prakat is set up and only its search is measured; with ``--admin-only``
only Prakat, its items each with the publication request that brought it, and the admin's
screens that grow with them (the request list, the page explorer of the category holding the
items, the dashboard), each as the people who use it see it. Every server is stopped at the
end, on an error and on Ctrl-C.

What "uncached" means here: every request carries a query string of its own (``nocache=…``),
so a page cache keyed by the URL (Django's, nginx's) cannot answer it and the page is built
each time; "same URL" asks for one URL again and again, which a page cache answers.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import datetime
import importlib.metadata
import json
import math
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import load, processes, sites
from bench.processes import Server, SetupFailed

REPO = sites.REPO
RESULTS = REPO / "bench" / "results"

# The commonest words of an agency's site, a compound and its halves, a word the segmenter
# splits (แผนที่ in แผนที่ตั้ง), two-word queries, and a word no item has.
DEFAULT_QUERIES = [
    "เว็บไซต์",
    "ข้อมูล",
    "โรงพยาบาล",
    "บริการ",
    "ประกาศ",
    "แผนปฏิบัติ",
    "แผนที่",
    "ข้อมูล โรงพยาบาล",
    "บริการ ผู้ป่วย",
    "ไข้เลือดออก ยุงลาย",
    "ดาวเทียม",
]

# Issue 12's figures.
ITEM_OVER_VANILLA = 1.5
CATEGORY_OVER_VANILLA = 1.0
CACHED_OVER_NGINX = 0.30
# The item asked for again and again through nginx in front of the app, as deployed.
FRONT_PAGE = "item, same URL, behind nginx"
CACHED_P99_MS = 20.0
FLAT_WITH_SIZE = 1 / 1.2
SEARCH_P95_MS = 50.0
ADMIN_P95_MS = 200.0
WORKER_MEMORY_MB = 150.0
MEMORY_AFTER_REQUESTS = 10_000
# What each install is measured on at size, besides the item page.
PAGES_AT_SIZE = ["item", "category", "category, last page", "home", "sitemap", "feed"]


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--items", type=int, default=1000, help="items added (default 1000)")
    parser.add_argument(
        "--compare-items",
        metavar="A,B",
        help="two sizes, e.g. 1000,100000: both installs measured, interleaved",
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of one wrk run")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of load before")
    parser.add_argument(
        "--settle-limit",
        type=float,
        default=120.0,
        help="seconds a server may take to finish queued requests before it is restarted",
    )
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="wrk's")
    parser.add_argument("--queries", help="search queries, separated by commas")
    parser.add_argument("--search-samples", type=int, default=20)
    parser.add_argument("--search-timeout", type=float, default=30.0, help="seconds")
    parser.add_argument(
        "--search-budget", type=float, default=60.0, help="seconds a query at most (fewer samples)"
    )
    parser.add_argument("--skip-search", action="store_true", help="no index, no search")
    parser.add_argument(
        "--search-only",
        action="store_true",
        help="only Prakat and only its search (public and admin): no vanilla, nginx or wrk",
    )
    parser.add_argument(
        "--admin-only",
        action="store_true",
        help="only Prakat, a request for each item, and the admin's screens that grow with them",
    )
    parser.add_argument("--admin-samples", type=int, default=20, help="visits of each screen")
    parser.add_argument("--memory-requests", type=int, default=MEMORY_AFTER_REQUESTS)
    parser.add_argument(
        "--memory-seconds", type=float, default=900, help="at most this long to reach them"
    )
    parser.add_argument(
        "--postgres", action="store_true", help="fresh databases on the server of DATABASE_URL"
    )
    parser.add_argument(
        "--cold-start", action="store_true", help="also time `make run` from a fresh clone"
    )
    parser.add_argument(
        "--smoke", action="store_true", help="1 round of 1 s, 4 connections, 200 items"
    )
    parser.add_argument("--results-dir", type=Path, help=f"default {RESULTS.relative_to(REPO)}")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--no-prepare",
        action="store_true",
        help="the checkout is ready: skip `make messages system-deps` (the test suite's run)",
    )
    args = parser.parse_args(argv)
    if args.search_only and (args.skip_search or args.compare_items):
        parser.error("--search-only measures the search of one install")
    if args.admin_only and (args.search_only or args.compare_items):
        parser.error("--admin-only measures the admin's screens of one install")
    if args.smoke:
        args.items, args.rounds, args.seconds, args.warmup = 200, 1, 1.0, 0.0
        # A few connections: the check needs every page to answer under load, not a queue
        # of requests for each server to work through once wrk stops.
        args.connections, args.threads = 4, 1
        args.search_samples, args.memory_requests = 3, 0
        args.queries = args.queries or "เว็บไซต์,ข้อมูล โรงพยาบาล"
    if args.compare_items:
        args.sizes = sorted({int(x) for x in args.compare_items.split(",")})
        if len(args.sizes) != 2:
            parser.error("--compare-items takes two different sizes, e.g. 1000,100000")
    else:
        args.sizes = [args.items]
    args.query_list = (
        [q.strip() for q in args.queries.split(",") if q.strip()]
        if args.queries
        else DEFAULT_QUERIES
    )
    if args.postgres and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("--postgres needs DATABASE_URL=postgres://… (e.g. bin/with-postgres)")
    return args


# --- one measured page -----------------------------------------------------------------------


@dataclass
class Measurement:
    target: str
    page: str
    server: Server
    path: str
    mode: str  # "nocache" or "plain" (see wrk.lua)
    rounds: list[dict] = field(default_factory=list)
    checked: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.target} {self.page}"

    def median(self, name: str) -> float | None:
        values = [r[name] for r in self.rounds if r.get(name) is not None]
        return round(statistics.median(values), 2) if values else None

    def summary(self) -> dict:
        return {
            "target": self.target,
            "page": self.page,
            "path": self.path,
            "uncached": self.mode == "nocache",
            "rate": self.median("rate"),
            "p50_ms": self.median("p50_ms"),
            "p99_ms": self.median("p99_ms"),
            "errors": sum(r["errors"] for r in self.rounds),
            "workers_renewed": sum(r.get("workers_renewed", 0) for r in self.rounds),
            "rounds": self.rounds,
            "first_response": self.checked,
        }


# --- the run -----------------------------------------------------------------------------------


class Session:
    """Everything a run starts, stopped in reverse order whatever happens."""

    def __init__(self, keep: bool) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="prakat-bench-"))
        self.keep = keep
        self.servers: list[Server] = []
        self.folders = [self.work]
        self.notes: list[str] = []
        self.databases: list[str] = []
        self.postgres: str | None = None

    def public_folder(self) -> Path:
        """A folder of its own for nginx, whose workers (not root) must read it: the run's
        folder is private, as it holds the installs' keys."""
        folder = Path(tempfile.mkdtemp(prefix="prakat-bench-nginx-"))
        self.folders.append(folder)
        return folder

    def start(self, server: Server) -> Server:
        self.servers.append(server)
        say(f"started {server.name}: process group {server.group}, {server.base_url}")
        return server

    def settle(self, server: Server, limit: float) -> float:
        """Wait for the server to finish what the load left queued; a server still busy after
        ``limit`` seconds is restarted, so the next page is not measured behind that backlog.
        Returns the seconds waited."""
        waited = server.wait_idle(limit=limit)
        if waited >= limit:
            note = (
                f"{server.name} was still busy {limit:g} s after the load stopped (requests "
                "queued behind slow pages): restarted"
            )
            self.notes.append(note)
            say(note)
            server.stop()
            server.launch()
            say(f"started {server.name}: process group {server.group}, {server.base_url}")
            server.wait_until_serving()
        return round(waited, 1)

    def stop_servers(self) -> None:
        while self.servers:
            server = self.servers.pop()
            server.stop()
            left = processes.group_members(server.group)
            if server.slow_to_stop:
                note = (
                    f"{server.name} still ran {processes.SLOW_TO_STOP:g} s after it was asked "
                    f"to stop: {server.slow_to_stop}"
                )
                self.notes.append(note)
                say(note)
            say(
                f"stopped {server.name} (group {server.group})" + (f"; LEFT {left}" if left else "")
            )

    def close(self) -> None:
        # A second Ctrl-C must not cut the clean-up short.
        previous = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            processes.stop_setup_commands()
            self.stop_servers()
            for name in self.databases:
                with contextlib.suppress(Exception):
                    sites.postgres_execute(
                        self.postgres, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
                    )
            for folder in self.folders:
                if self.keep:
                    say(f"kept {folder}")
                else:
                    shutil.rmtree(folder, ignore_errors=True)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


_T0 = time.monotonic()


def say(text: str) -> None:
    print(f"[bench {time.monotonic() - _T0:6.0f} s] {text}", flush=True)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    # Ctrl-C, SIGTERM and SIGHUP all end the run the same way, its servers stopped. SIGINT is
    # taken back even when a shell started the benchmark in the background with it ignored,
    # which the servers would inherit (bin/serve stops on SIGINT).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _interrupt)
    command = shlex.join(["bench/run", *(sys.argv[1:] if argv is None else argv)])
    say(f"command: {command}")
    session = Session(args.keep)
    say(f"working in {session.work}")
    try:
        results = benchmark(args, session, command)
    except KeyboardInterrupt:
        say("interrupted: stopping everything it started")
        return 130
    except SetupFailed as error:
        say(f"failed: {error}")
        return 1
    finally:
        session.close()
    report = markdown(results)
    print(report, flush=True)
    write_results(args, results, report)
    return 0


def prepare(*, tools: bool = True) -> None:
    """The checkout as ``make run`` prepares it (packages, the Thai catalogue compiled, system
    packages), and (unless ``tools`` is false) wrk and nginx, installed by the project's
    installer when missing."""
    done = subprocess.run(
        ["make", "-C", str(REPO), "--no-print-directory", "messages", "system-deps"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SetupFailed(f"make messages system-deps failed:\n{done.stdout}{done.stderr}")
    if tools and not (
        shutil.which("wrk") and (shutil.which("nginx") or Path("/usr/sbin/nginx").exists())
    ):
        subprocess.run([str(REPO / "bin" / "install-system-packages"), "--bench"], check=True)


def benchmark(args: argparse.Namespace, session: Session, command: str) -> dict:
    if not args.no_prepare:
        prepare(tools=not (args.search_only or args.admin_only))
    started = now()
    load_start = os.getloadavg()
    say(f"load average now: {format_load(load_start)} on {os.cpu_count()} cores")
    if args.postgres:
        session.postgres = os.environ["DATABASE_URL"]
    if args.search_only or args.admin_only:
        return one_install_benchmark(args, session, command, started, load_start)
    installs, vanilla = set_up(args, session)
    say("setting up done; starting the servers")
    # The first install also behind nginx, as the deployment guide serves it: its kept pages
    # written as copies for nginx to give.
    front_folder = session.public_folder()
    copies = sites.page_copies_folder(front_folder)
    installs[0].env["PRAKAT_PAGE_COPIES_DIR"] = str(copies)
    prakat_servers = [session.start(sites.prakat_serve(install)) for install in installs]
    vanilla_server = session.start(sites.vanilla_serve(vanilla, f"vanilla@{args.sizes[0]}"))
    for server in [*prakat_servers, vanilla_server]:
        server.wait_until_serving()
    first = installs[0]
    status, _, html = load.fetch(prakat_servers[0].base_url + first.pages["item"])
    if status != 200:
        raise SetupFailed(f"Prakat's item page answered {status}")
    nginx_folder = session.public_folder()
    nginx = session.start(sites.nginx_serve(nginx_folder, first.pages["item"], html))
    nginx.wait_until_serving(first.pages["item"])
    front = session.start(
        sites.nginx_front(front_folder, f"nginx+{first.label}", prakat_servers[0].port, copies)
    )
    front.wait_until_serving(first.pages["item"])
    workers_at_start = {s.name: sites.gunicorn_workers(s) for s in prakat_servers}

    plan = measurement_plan(args, installs, prakat_servers, vanilla, vanilla_server, nginx, front)
    check_pages(plan)
    served = {s.name: 0 for s in [*prakat_servers, vanilla_server, nginx, front]}
    for m in plan:
        served[m.server.name] += 1
    if args.warmup > 0:
        say(f"warming up: {args.warmup:g} s a page")
        for m in plan:
            result = load.wrk(
                m.server.base_url + m.path,
                seconds=args.warmup,
                connections=args.connections,
                threads=args.threads,
                mode=m.mode,
            )
            served[m.server.name] += result["requests"]
            session.settle(m.server, args.settle_limit)
    for number in range(1, args.rounds + 1):
        for m in plan:
            workers_before = set(sites.gunicorn_workers(m.server))
            result = load.wrk(
                m.server.base_url + m.path,
                seconds=args.seconds,
                connections=args.connections,
                threads=args.threads,
                mode=m.mode,
            )
            m.rounds.append(result)
            served[m.server.name] += result["requests"]
            # A worker gunicorn renewed meanwhile started and warmed up at this page's expense.
            result["workers_renewed"] = len(set(sites.gunicorn_workers(m.server)) - workers_before)
            say(
                f"round {number}/{args.rounds}  {m.key:<38} {result['rate']:>9.1f}/s  "
                f"p50 {fmt(result['p50_ms'])} ms  p99 {fmt(result['p99_ms'])} ms"
                + (f"  errors {result['error_kinds']}" if result["errors"] else "")
                + (
                    f"  workers renewed {result['workers_renewed']}"
                    if result["workers_renewed"]
                    else ""
                )
            )
            # How long the server went on with the requests still queued when wrk stopped.
            result["settle_s"] = session.settle(m.server, args.settle_limit)

    memory = measure_memory(args, session, installs, prakat_servers, served, workers_at_start)
    search = [] if args.skip_search else measure_search(args, session, installs, prakat_servers)
    load_end = os.getloadavg()
    session.stop_servers()
    cold = cold_start(session) if args.cold_start else None

    measurements = [m.summary() for m in plan]
    return {
        "command": command,
        "started": started,
        "finished": now(),
        "machine": machine(),
        "load_average": {"start": list(load_start), "end": list(load_end)},
        "busy": is_busy(load_start),
        "software": software(args),
        "settings": {
            "items": args.sizes,
            "rounds": args.rounds,
            "seconds": args.seconds,
            "warmup": args.warmup,
            "connections": args.connections,
            "wrk_threads": args.threads,
            "database": "PostgreSQL" if args.postgres else "SQLite",
            "prakat_environment": sites.prakat_settings_in_use(),
            "smoke": args.smoke,
        },
        "pages": {i.label: i.pages | {"item_body": None} for i in installs}
        | {"vanilla": vanilla.pages},
        "measurements": measurements,
        "index_seconds": {i.label: i.index_seconds for i in installs if i.index_seconds},
        "ratios": ratios(args, installs, plan, memory, search),
        "search": search,
        "memory": memory,
        "cold_start": cold,
        "served": served,
        "notes": session.notes,
    }


def set_up(args: argparse.Namespace, session: Session):
    """Prakat's install(s) and the vanilla site, side by side (each mostly waits on its own
    migrations)."""
    work, postgres, sizes = session.work, session.postgres, args.sizes
    text_ready: concurrent.futures.Future = concurrent.futures.Future()

    def prakat() -> list[sites.PrakatInstall]:
        try:
            say("Prakat: migrate, collectstatic, load_demo")
            base = sites.prakat_base_install(work, postgres)
            if base.database:
                session.databases.append(base.database)
            if len(sizes) == 1:
                base.label = f"prakat@{sizes[0]}"
                installs = [base]
            else:
                installs = [sites.prakat_copy(base, work, size, postgres) for size in sizes]
                session.databases.extend(i.database for i in installs if i.database)
            for install, size in zip(installs, sizes, strict=True):
                say(f"Prakat: adding {size:,} items" + ("" if args.skip_search else ", indexing"))
                sites.prakat_grow(install, size, index=False)
                if not text_ready.done():
                    text_ready.set_result((install.pages["item_title"], install.pages["item_body"]))
            if not args.skip_search:
                with concurrent.futures.ThreadPoolExecutor(len(installs)) as pool:
                    list(pool.map(index_for_search, installs))
            return installs
        except BaseException as error:
            if not text_ready.done():
                text_ready.set_exception(error)
            raise

    def vanilla() -> sites.VanillaSite:
        say("vanilla Wagtail: wagtail start, migrate")
        site = sites.vanilla_project(work, postgres)
        if site.database:
            session.databases.append(site.database)
        title, body = text_ready.result()
        say(f"vanilla Wagtail: a child page and an index of {sizes[0]:,} pages")
        sites.vanilla_pages(site, sizes[0], title, body)
        return site

    pool = concurrent.futures.ThreadPoolExecutor(2)
    try:
        prakat_future, vanilla_future = pool.submit(prakat), pool.submit(vanilla)
        return prakat_future.result(), vanilla_future.result()
    except BaseException:
        processes.stop_setup_commands()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def measurement_plan(args, installs, prakat_servers, vanilla, vanilla_server, nginx, front):
    """The pages, in the order each round loads them: each Prakat page beside the page it is
    compared with."""
    plan: list[Measurement] = []
    pairs = list(zip(installs, prakat_servers, strict=True))
    vp = vanilla.pages
    vanilla_label = f"vanilla@{args.sizes[0]}"

    def prakat(page: str, path_of) -> None:
        for install, server in pairs:
            plan.append(Measurement(install.label, page, server, path_of(install.pages), "nocache"))

    prakat("item", lambda p: p["item"])
    plan.append(Measurement(vanilla_label, "child page", vanilla_server, vp["item"], "nocache"))
    plan.append(
        Measurement("nginx", "static copy of the item", nginx, installs[0].pages["item"], "plain")
    )
    plan.append(
        Measurement(
            installs[0].label,
            "item, same URL",
            prakat_servers[0],
            installs[0].pages["item"],
            "plain",
        )
    )
    plan.append(
        Measurement(installs[0].label, FRONT_PAGE, front, installs[0].pages["item"], "plain")
    )
    prakat("category", lambda p: p["category"])
    plan.append(Measurement(vanilla_label, "index", vanilla_server, vp["index"], "nocache"))
    prakat("category, last page", lambda p: f"{p['category']}?page={p['category_last_page']}")
    plan.append(
        Measurement(
            vanilla_label,
            "index, last page",
            vanilla_server,
            f"{vp['index']}?page={vp['index_last_page']}",
            "nocache",
        )
    )
    prakat("home", lambda p: "/")
    prakat("sitemap", lambda p: "/sitemap.xml")
    prakat("feed", lambda p: "/feeds/news/")
    return plan


CACHE_HEADERS = ("Cache-Control", "Age", "Expires", "X-Cache", "Vary", "Content-Length")


def check_pages(plan: list[Measurement]) -> None:
    """Every page answers 200 before it is loaded (a 404 served fast is not a result)."""
    for m in plan:
        url = m.server.base_url + m.path
        if m.mode == "nocache":
            url += ("&" if "?" in url else "?") + "nocache=check"
        started = time.perf_counter()
        status, headers, body = load.fetch(url)
        if status != 200:
            raise SetupFailed(f"{m.key}: {url} answered {status}")
        m.checked = {
            "status": status,
            "bytes": len(body),
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "headers": {k: v for k, v in headers.items() if k in CACHE_HEADERS},
        }
        say(f"checked {m.key:<38} {len(body):>8,} bytes  {m.checked['ms']:>8.1f} ms")


def measure_memory(args, session, installs, servers, served, workers_at_start) -> list[dict]:
    """Each worker's resident memory once the install has served ``--memory-requests``
    (the rounds count; more load is added only when they fell short)."""
    found = []
    for install, server in zip(installs, servers, strict=True):
        missing = args.memory_requests - served[server.name]
        if missing > 0:
            say(f"{install.label}: {missing:,} more requests before reading memory")
            served[server.name] += load_until(args, server, install.pages, missing)
            session.settle(server, args.settle_limit)
        workers = sites.gunicorn_workers(server)
        for pid in workers:
            kib = processes.resident_kib(pid)
            found.append(
                {
                    "install": install.label,
                    "worker": pid,
                    "resident_mb": round(kib / 1024, 1) if kib else None,
                    "requests_served_by_install": served[server.name],
                    # gunicorn's --max-requests replaces a worker now and then.
                    "replaced_during_run": pid not in workers_at_start[server.name],
                }
            )
    return found


def load_until(args, server: Server, pages: dict, count: int) -> int:
    """At least ``count`` requests over a mix of the install's pages, in runs of wrk sized
    from the rate so far; at most ``--memory-seconds`` of them. Returns the requests made."""
    paths = [
        pages["item"],
        pages["category"],
        f"{pages['category']}?page={pages['category_last_page']}",
        "/",
        "/feeds/news/",
    ]
    made, spent, rate = 0, 0.0, 20.0
    while made < count and spent < args.memory_seconds:
        seconds = min(60.0, max(5.0, (count - made) / rate), args.memory_seconds - spent)
        result = load.wrk(
            server.base_url + "/",
            seconds=seconds,
            connections=args.connections,
            threads=args.threads,
            mode="rotate",
            paths=paths,
        )
        made += result["requests"]
        spent += result["seconds"]
        rate = max(1.0, result["rate"])
    return made


# Where each search is measured: the public search page, and the admin's page search as a
# webmaster sees it (every page, drafts included).
SEARCH_SCREENS = {"public": "/search/", "admin": "/admin/pages/search/"}
SEARCH_ACCOUNT = "webmaster"
SEARCH_WARM_UP = "โรงพยาบาลกำแพงเพชร"  # a word of the demo's pages, not a measured query


def index_for_search(install: sites.PrakatInstall) -> None:
    """The site's search index brought up to date, as an operator does after a bulk import;
    the time it took is kept with the results."""
    started = time.monotonic()
    install.manage("update_search_entries", "--all")
    install.index_seconds = round(time.monotonic() - started, 1)
    say(f"{install.label}: search index made in {install.index_seconds:g} s")


def visits(args, server, query, path: str, cookie: str, samples: int | None = None) -> dict:
    """``samples`` visits of ``path`` (a search for ``query``, or the screen itself with None),
    one at a time. Without ``samples``, a warm-up: each worker's first answers (code loaded,
    caches filled) are not what a visit costs, so a few more than there are workers."""
    if samples is None:
        samples = 2 * len(sites.gunicorn_workers(server)) + 2
    return load.search_latencies(
        server.base_url,
        query,
        samples=samples,
        timeout=args.search_timeout,
        budget=args.search_budget,
        path=path,
        cookie=cookie,
    )


def measure_search(args, session, installs, servers) -> list[dict]:
    found = []
    for install, server in zip(installs, servers, strict=True):
        cookie = sites.prakat_session(install, SEARCH_ACCOUNT)
        # Each worker's first answers (code loaded, caches filled) are not what a search
        # costs: a few unmeasured searches on each screen first, more than there are workers.
        for screen, path in SEARCH_SCREENS.items():
            visits(args, server, SEARCH_WARM_UP, path, cookie if screen == "admin" else "")
        for query in args.query_list:
            for screen, path in SEARCH_SCREENS.items():
                result = visits(
                    args,
                    server,
                    query,
                    path,
                    cookie if screen == "admin" else "",
                    samples=args.search_samples,
                )
                result["install"] = install.label
                result["screen"] = screen
                found.append(result)
                waited = session.settle(server, args.settle_limit)
                say(
                    f"search {install.label} {screen} {query!r}: p50 {fmt(result['p50_ms'])} ms, "
                    f"p95 {fmt(result['p95_ms'])} ms, statuses {result['statuses']}"
                    + (
                        f" (timed out after {args.search_timeout:g} s)"
                        if result["timed_out_after_s"]
                        else ""
                    )
                    + (f"; server busy {waited:.0f} s more" if waited > 2 else "")
                )
    return found


# The admin's screens that grow with the site, each as the people who use it see it: who,
# what, and its path from the install's pages. A page number past the end is the last page.
ADMIN_SCREENS = [
    ("webmaster", "publication requests", "/admin/publishing/"),
    ("webmaster", "publication requests, last page", "/admin/publishing/?p=1000000"),
    ("unithead", "publication requests", "/admin/publishing/"),
    ("requester", "publication requests", "/admin/publishing/"),
    ("webmaster", "page explorer of the category", "/admin/pages/{category_id}/"),
    ("webmaster", "page explorer, last page", "/admin/pages/{category_id}/?p=1000000"),
    ("webmaster", "dashboard", "/admin/"),
    ("unithead", "dashboard", "/admin/"),
]


def measure_admin(args, session, install, server) -> list[dict]:
    """Each of ``ADMIN_SCREENS`` visited one time after another, as a person clicks."""
    cookies = {who: sites.prakat_session(install, who) for who, _s, _p in ADMIN_SCREENS}
    found = []
    for who, screen, path in ADMIN_SCREENS:
        path = path.format(**install.pages)
        visits(args, server, None, path, cookies[who])  # the warm-up, unmeasured
        result = visits(args, server, None, path, cookies[who], samples=args.admin_samples)
        result |= {"install": install.label, "who": who, "screen": screen}
        found.append(result)
        session.settle(server, args.settle_limit)
        say(
            f"admin {install.label} {who} {screen}: p50 {fmt(result['p50_ms'])} ms, "
            f"p95 {fmt(result['p95_ms'])} ms, statuses {result['statuses']}"
        )
    return found


def admin_ratios(admin: list[dict]) -> list[dict]:
    """Each screen's p95 against the figure; an answer other than 200 (the sign-in page, a
    refusal) does not meet it."""
    return [
        {
            "ratio": f"admin p95 (ms), {x['install']}: {x['screen']} ({x['who']})",
            "value": x["p95_ms"] if x["p95_ms"] is not None else f"> {x['timed_out_after_s']:g} s",
            "target": f"< {ADMIN_P95_MS:g}",
            "met": (
                False
                if x["p95_ms"] is None or x["statuses"] != [200]
                else x["p95_ms"] < ADMIN_P95_MS
            ),
        }
        for x in admin
    ]


def one_install_benchmark(args, session, command: str, started: str, load_start) -> dict:
    """``--search-only`` or ``--admin-only``: one Prakat install grown to ``--items`` (with a
    request for each for the admin's screens), served as ``make run`` serves it; each query
    or screen one at a time."""
    say("Prakat: migrate, collectstatic, load_demo")
    install = sites.prakat_base_install(session.work, session.postgres)
    if install.database:
        session.databases.append(install.database)
    install.label = f"prakat@{args.items}"
    say(f"Prakat: adding {args.items:,} items" + (" and requests" if args.admin_only else ""))
    sites.prakat_grow(install, args.items, index=False, requests=args.admin_only)
    if args.search_only:
        index_for_search(install)
    server = session.start(sites.prakat_serve(install))
    server.wait_until_serving()
    search = measure_search(args, session, [install], [server]) if args.search_only else []
    admin = measure_admin(args, session, install, server) if args.admin_only else []
    load_end = os.getloadavg()
    session.stop_servers()
    return {
        "command": command,
        "started": started,
        "finished": now(),
        "machine": machine(),
        "load_average": {"start": list(load_start), "end": list(load_end)},
        "busy": is_busy(load_start),
        "software": software(args),
        "settings": {
            "items": args.sizes,
            "requests": install.pages.get("requests"),
            "database": "PostgreSQL" if args.postgres else "SQLite",
            "search_samples": args.search_samples,
            "admin_samples": args.admin_samples,
            "prakat_environment": sites.prakat_settings_in_use(),
            "smoke": args.smoke,
            "search_only": args.search_only,
            "admin_only": args.admin_only,
        },
        "index_seconds": {install.label: install.index_seconds} if args.search_only else {},
        "measurements": [],
        "ratios": search_ratios(search) + admin_ratios(admin),
        "search": search,
        "admin": admin,
        "memory": [],
        "cold_start": None,
        "served": {},
        "notes": session.notes,
    }


def cold_start(session: Session) -> dict:
    """``make run`` in a fresh clone of this checkout's commit, until the first page: new
    virtualenv, packages (pip's cache is used if present), translations, migrations, demo."""
    clone = session.work / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    port = sites.free_port()
    env = sites.base_environment()
    log = session.work / "cold-start.log"
    say("cold start: make run in a fresh clone")
    started = time.monotonic()
    server = session.start(
        Server.start(
            "make run (fresh clone)",
            port,
            ["make", "--no-print-directory", "run", "HOST=127.0.0.1", f"PORT={port}"],
            cwd=clone,
            env=env,
            log=log,
            stop_signal=signal.SIGINT,
            stop_via="bin/serve",
        )
    )
    try:
        server.wait_until_serving(timeout=3600)
        seconds = round(time.monotonic() - started, 1)
        say(f"cold start: first page after {seconds} s")
        return {"seconds": seconds, "commit": git("rev-parse", "HEAD")}
    finally:
        session.stop_servers()


# --- the figures -----------------------------------------------------------------------------


def ratios(args, installs, plan: list[Measurement], memory, search) -> list[dict]:
    by_key = {m.key: m for m in plan}
    small = installs[0].label
    vanilla = f"vanilla@{args.sizes[0]}"
    rows = []

    def ratio(name: str, top: str, bottom: str, target: float) -> None:
        a, b = by_key[top].median("rate"), by_key[bottom].median("rate")
        value = float(f"{a / b:.3g}") if a and b else None
        rows.append(
            {"ratio": name, "value": value, "target": f"≥ {target:g}", "met": met(value, target)}
        )

    ratio(f"Prakat item ÷ vanilla child page ({small}, uncached)", f"{small} item",
          f"{vanilla} child page", ITEM_OVER_VANILLA)  # fmt: skip
    ratio(f"Prakat category ÷ vanilla index ({small}, first page, uncached)",
          f"{small} category", f"{vanilla} index", CATEGORY_OVER_VANILLA)  # fmt: skip
    ratio("Prakat item, same URL, behind nginx ÷ nginx static copy", f"{small} {FRONT_PAGE}",
          "nginx static copy of the item", CACHED_OVER_NGINX)  # fmt: skip
    # The app's own page cache, without nginx (as `make run` serves): for comparison only.
    alone = by_key[f"{small} item, same URL"].median("rate")
    static = by_key["nginx static copy of the item"].median("rate")
    rows.append(
        {
            "ratio": "Prakat item, same URL, the app's page cache alone ÷ nginx static copy",
            "value": float(f"{alone / static:.3g}") if alone and static else None,
            "target": "—",
            "met": None,
        }
    )
    p99 = by_key[f"{small} {FRONT_PAGE}"].median("p99_ms")
    rows.append(
        {
            "ratio": "Prakat item, same URL, behind nginx: p99 latency (ms)",
            "value": p99,
            "target": f"< {CACHED_P99_MS:g}",
            "met": None if p99 is None else p99 < CACHED_P99_MS,
        }
    )
    if len(installs) == 2:
        big = installs[1].label
        for page in PAGES_AT_SIZE:
            ratio(f"{page}: {big} ÷ {small}", f"{big} {page}", f"{small} {page}", FLAT_WITH_SIZE)
    rows += search_ratios(search)
    if memory:
        largest = max((m["resident_mb"] or 0) for m in memory)
        served = min(m["requests_served_by_install"] for m in memory)
        rows.append(
            {
                "ratio": f"largest worker's resident memory (MB) after {served:,} requests",
                "value": largest,
                "target": f"≤ {WORKER_MEMORY_MB:g} after {MEMORY_AFTER_REQUESTS:,}",
                "met": largest <= WORKER_MEMORY_MB if served >= MEMORY_AFTER_REQUESTS else None,
            }
        )
    return rows


def search_ratios(search: list[dict]) -> list[dict]:
    """Each query's p95 against the figure; an answer other than 200 (a search stopped by its
    time limit, a sign-in page) does not meet it."""
    rows = []
    for result in search:
        value = result["p95_ms"]
        prefix = "admin search" if result.get("screen") == "admin" else "search"
        rows.append(
            {
                "ratio": f"{prefix} p95 (ms), {result['install']}: {result['query']}",
                "value": value if value is not None else f"> {result['timed_out_after_s']:g} s",
                "target": f"< {SEARCH_P95_MS:g}",
                "met": (
                    False
                    if value is None or result["statuses"] != [200] or result.get("stopped")
                    else value < SEARCH_P95_MS
                ),
            }
        )
    return rows


def met(value: float | None, target: float) -> bool | None:
    return None if value is None else value >= target


# --- the machine ------------------------------------------------------------------------------


def now() -> str:
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def format_load(load_average) -> str:
    return " / ".join(f"{x:.2f}" for x in load_average) + " (1, 5, 15 min)"


def is_busy(load_average) -> bool:
    # Anything beyond a fifth of a core on average means others are using the machine.
    return load_average[0] > 0.2 * (os.cpu_count() or 1) or load_average[1] > 0.2 * (
        os.cpu_count() or 1
    )


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_kib = 0
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "debian": _read("/etc/debian_version"),
    }


def software(args) -> dict:
    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return ""

    def run(*command: str) -> subprocess.CompletedProcess:
        if not shutil.which(command[0]):
            return subprocess.CompletedProcess(command, 127, "", "")
        return subprocess.run(command, capture_output=True, text=True, check=False)

    nginx, wrk = run("nginx", "-v"), run("wrk", "--version")
    status = git("status", "--porcelain")
    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes": bool(status),
        "django": version("django"),
        "wagtail": version("wagtail"),
        "gunicorn": version("gunicorn"),
        "nginx": nginx.stderr.strip().removeprefix("nginx version: nginx/"),
        "wrk": (wrk.stdout or wrk.stderr).split(" [")[0].removeprefix("wrk "),
    }


def git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
    return done.stdout.strip()


def _read(path: str) -> str:
    try:
        return Path(path).read_text().strip()
    except OSError:
        return ""


# --- the report -------------------------------------------------------------------------------


def fmt(value, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return f"{value:,.{digits}f}"


def significant(value: float | None) -> str:
    """Three significant digits: 0.00152 and 1,391 both say what they mean."""
    if value is None:
        return "—"
    if value == 0 or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{max(0, 2 - math.floor(math.log10(abs(value))))}f}"


def mark(value: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "—"}[value]


def markdown(results: dict) -> str:
    m, s, st = results["machine"], results["software"], results["settings"]
    lines = [
        f"## Prakat benchmark, {results['started'][:16].replace('T', ' ')}",
        "",
        f"Command: `{results['command']}`",
        "",
        f"Machine: {m['cores']} cores, {m['cpu']}, {m['memory_gib']} GiB; Linux {m['kernel']}, "
        f"Debian {m['debian']}, Python {m['python']}; Django {s['django']}, Wagtail "
        f"{s['wagtail']}, gunicorn {s['gunicorn']}, nginx {s['nginx']}, wrk {s['wrk']}; "
        f"database {st['database']}; commit {s['commit']}"
        + (" with uncommitted changes" if s["uncommitted_changes"] else "")
        + ".",
        "",
        f"Load average at the start {format_load(results['load_average']['start'])}, "
        f"at the end {format_load(results['load_average']['end'])}."
        + (
            " **The machine was busy with other work: these numbers are noisy.**"
            if results["busy"]
            else ""
        ),
    ]
    if st.get("search_only"):
        lines += [
            "",
            f"The search alone: {st['items'][0]:,} items added, the site's search index made in "
            + ", ".join(f"{v:g} s ({k})" for k, v in results["index_seconds"].items())
            + f"; each query {st['search_samples']} times, one at a time, on the public search "
            "page and on the admin's page search (as a webmaster).",
        ]
    elif st.get("admin_only"):
        lines += [
            "",
            f"The admin's screens alone: {st['items'][0]:,} items added to one category, "
            f"{st['requests']:,} publication requests in all (one behind each item, published, "
            "and some on their way); each screen visited "
            f"{st['admin_samples']} times, one at a time, by a person signed in (both steps).",
        ]
    else:
        lines += [
            "",
            f"wrk, {st['connections']} connections, {st['wrk_threads']} threads; "
            f"{st['rounds']} round(s) of {st['seconds']:g} s, every page of every target in "
            f"each round; medians of the rounds. Items added: "
            f"{', '.join(f'{n:,}' for n in st['items'])}. Uncached: each request has its own "
            "query string, so no page cache can answer it.",
            "",
            "| target | page | path | requests/s | p50 ms | p99 ms | errors | workers renewed |",
            "|---|---|---|--:|--:|--:|--:|--:|",
        ]
    for x in results["measurements"]:
        page = x["page"] + (" (uncached)" if x["uncached"] else "")
        lines.append(
            f"| {x['target']} | {page} | `{x['path']}` | {fmt(x['rate'])} | {fmt(x['p50_ms'])} "
            f"| {fmt(x['p99_ms'])} | {x['errors']} | {x.get('workers_renewed', 0)} |"
        )
    lines += ["", "| figure (issue 12) | measured | asked | met |", "|---|--:|--:|---|"]
    for r in results["ratios"]:
        value = r["value"] if isinstance(r["value"], str) else significant(r["value"])
        lines.append(f"| {r['ratio']} | {value} | {r['target']} | {mark(r['met'])} |")
    if results["search"]:
        lines += [
            "",
            "Search, one query at a time (public: the search page; admin: the admin's page "
            "search, as a webmaster). p50, p95, max: the whole answer, page included; the "
            "search's own: what the server says (Server-Timing) finding the results took:",
            "",
            "| install | screen | query | p50 ms | p95 ms | max ms | the search's own p95 ms "
            "| samples | statuses |",
            "|---|---|---|--:|--:|--:|--:|--:|---|",
        ]
        for x in results["search"]:
            p95 = fmt(x["p95_ms"]) if x["p95_ms"] is not None else f"> {x['timed_out_after_s']:g} s"
            statuses = ", ".join(map(str, x["statuses"])) + (
                f" ({x['stopped']} stopped at the time limit)" if x.get("stopped") else ""
            )
            lines.append(
                f"| {x['install']} | {x.get('screen', 'public')} | {x['query']} "
                f"| {fmt(x['p50_ms'])} | {p95} | {fmt(x['max_ms'])} "
                f"| {fmt(x.get('search_p95_ms'))} | {x['samples']} | {statuses} |"
            )
    if results.get("admin"):
        lines += [
            "",
            "The admin's screens, one visit at a time; p50, p95, max: the whole answer:",
            "",
            "| install | who | screen | path | p50 ms | p95 ms | max ms | samples | statuses |",
            "|---|---|---|---|--:|--:|--:|--:|---|",
        ]
        for x in results["admin"]:
            p95 = fmt(x["p95_ms"]) if x["p95_ms"] is not None else f"> {x['timed_out_after_s']:g} s"
            lines.append(
                f"| {x['install']} | {x['who']} | {x['screen']} | `{x['query']}` "
                f"| {fmt(x['p50_ms'])} | {p95} | {fmt(x['max_ms'])} | {x['samples']} "
                f"| {', '.join(map(str, x['statuses']))} |"
            )
    if results["memory"]:
        lines += [
            "",
            "| install | gunicorn worker | resident MB | requests served by the install |",
            "|---|--:|--:|--:|",
        ]
        for x in results["memory"]:
            replaced = " (started during the run)" if x["replaced_during_run"] else ""
            lines.append(
                f"| {x['install']} | {x['worker']}{replaced} | {fmt(x['resident_mb'])} "
                f"| {x['requests_served_by_install']:,} |"
            )
    if results["cold_start"]:
        lines += [
            "",
            f"Cold start: `make run` in a fresh clone served its first page after "
            f"{results['cold_start']['seconds']:g} s.",
        ]
    if results["notes"]:
        lines += ["", *(f"Note: {note}" for note in results["notes"])]
    return "\n".join(lines) + "\n"


def write_results(args, results: dict, report: str) -> None:
    folder = args.results_dir or (None if args.smoke else RESULTS)
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    stamp = results["started"][:16].replace(":", "")
    name = f"{stamp}-{'-'.join(str(n) for n in args.sizes)}-items"
    if args.search_only or args.admin_only:
        name += "-search" if args.search_only else "-admin"
    if args.postgres:
        name += "-postgres"
    (folder / f"{name}.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    (folder / f"{name}.md").write_text(report, encoding="utf-8")
    say(f"results: {folder / name}.json and .md")
