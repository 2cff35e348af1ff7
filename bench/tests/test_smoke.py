"""The benchmark's harness works end to end: ``bench/run --smoke`` sets up the three targets,
loads every page, prints the figures and stops everything it started.

Not a timed test: it checks that the run works, never how fast anything is.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
from pathlib import Path

import pytest

from bench.processes import group_members
from prakat import demo_install, empty_install

ROOT = Path(__file__).resolve().parents[2]

MEASURED = {
    ("prakat@200", "item"),
    ("vanilla@200", "child page"),
    ("nginx", "static copy of the item"),
    ("prakat@200", "item, same URL"),
    ("prakat@200", "item, same URL, behind nginx"),
    ("prakat@200", "category"),
    ("vanilla@200", "index"),
    ("prakat@200", "category, last page"),
    ("vanilla@200", "index, last page"),
    ("prakat@200", "home"),
    ("prakat@200", "sitemap"),
    ("prakat@200", "feed"),
}


@pytest.mark.bench
def test_smoke_run_prints_the_figures_and_stops_its_servers(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env[empty_install.HANDED_OVER] = empty_install.template(env)
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        env[demo_install.HANDED_OVER] = str(demo_install.folder(env))
    command = [
        str(ROOT / "bench" / "run"),
        "--smoke",
        "--no-prepare",
        "--results-dir",
        str(tmp_path),
    ]
    if env.get("DATABASE_URL", "").startswith("postgres"):
        command.append("--postgres")  # the PostgreSQL pass runs it on PostgreSQL

    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)

    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    started = re.findall(r"started (\S+): process group (\d+), http://127\.0\.0\.1:(\d+)", out)
    assert sorted(name for name, _, _ in started) == [
        "nginx", "nginx+prakat@200", "prakat@200", "vanilla@200",
    ]  # fmt: skip
    for heading in (
        "| Prakat item ÷ vanilla child page (prakat@200, uncached) |",
        "| Prakat category ÷ vanilla index (prakat@200, first page, uncached) |",
        "| Prakat item, same URL, behind nginx ÷ nginx static copy |",
        "| search p95 (ms), prakat@200: เว็บไซต์ |",
        "| search p95 (ms), prakat@200: ข้อมูล โรงพยาบาล |",
    ):
        assert heading in out

    (written,) = tmp_path.glob("*.json")
    results = json.loads(written.read_text(encoding="utf-8"))
    assert {(m["target"], m["page"]) for m in results["measurements"]} == MEASURED
    for m in results["measurements"]:
        # Every page answered (2xx) under load, uncached ones with their query string too.
        assert m["errors"] == 0 and m["rate"] > 0, m
        # Whether gunicorn renewed a worker while the page was measured, round by round.
        assert [r["workers_renewed"] for r in m["rounds"]] == [m["workers_renewed"]], m
    assert "| errors | workers renewed |" in out
    assert results["settings"]["items"] == [200]
    assert {x["query"] for x in results["search"]} == {"เว็บไซต์", "ข้อมูล โรงพยาบาล"}
    assert all(x["statuses"] == [200] for x in results["search"])
    assert results["memory"] and all(x["resident_mb"] > 0 for x in results["memory"])

    for name, group, port in started:
        assert group_members(int(group)) == [], f"{name} left running"
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", int(port)), timeout=5).close()
    (work,) = re.findall(r"working in (\S+)", out)
    assert not Path(work).exists()


@pytest.mark.bench
def test_search_only_run_measures_both_screens_and_stops_its_server(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env[empty_install.HANDED_OVER] = empty_install.template(env)
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        env[demo_install.HANDED_OVER] = str(demo_install.folder(env))
    command = [
        str(ROOT / "bench" / "run"),
        "--search-only",
        "--smoke",
        "--no-prepare",
        "--results-dir",
        str(tmp_path),
    ]
    if env.get("DATABASE_URL", "").startswith("postgres"):
        command.append("--postgres")

    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)

    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    started = re.findall(r"started (\S+): process group (\d+), http://127\.0\.0\.1:(\d+)", out)
    assert [name for name, _, _ in started] == ["prakat@200"]
    for heading in (
        "| search p95 (ms), prakat@200: เว็บไซต์ |",
        "| admin search p95 (ms), prakat@200: เว็บไซต์ |",
        "| admin search p95 (ms), prakat@200: ข้อมูล โรงพยาบาล |",
    ):
        assert heading in out
    (written,) = tmp_path.glob("*.json")
    results = json.loads(written.read_text(encoding="utf-8"))
    assert {(x["screen"], x["query"]) for x in results["search"]} == {
        (screen, query) for screen in ("public", "admin") for query in ("เว็บไซต์", "ข้อมูล โรงพยาบาล")
    }
    # Every search answered in full (the admin's as a signed-in webmaster, not its sign-in
    # page), and said how long finding the results took.
    for x in results["search"]:
        assert x["statuses"] == [200] and not x["stopped"], x
        assert x["search_p95_ms"] is not None, x
    assert results["measurements"] == [] and results["index_seconds"]["prakat@200"] >= 0
    for name, group, port in started:
        assert group_members(int(group)) == [], f"{name} left running"
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", int(port)), timeout=5).close()
