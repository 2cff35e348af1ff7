"""Browser-test support: the app served by a real server process, and Debian's Chromium.

The server runs gunicorn, as ``make run`` does, on 127.0.0.1 at a free port against a database of
its own (a SQLite file, or a fresh database on the PostgreSQL server named by DATABASE_URL),
set up exactly as ``make run`` sets it up: migrate, then the demo agency (``demo_install``).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from prakat import demo_install
from prakat.serving import gunicorn_command

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # One renderer process for every site and a few for all the tabs: the tests open a tab
    # per person and visit one site, and starting a process per tab and origin costs more
    # CPU than the pages themselves.
    "--disable-features=site-per-process,IsolateOrigins,Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication",
    "--disable-site-isolation-trials",
    "--renderer-process-limit=2",
    "--disable-extensions",
]


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Account:
    username: str
    password: str
    role: str
    full_name: str
    position: str
    totp_secret: str = ""  # the demo's two-step sign-in key, for the roles that need it


@dataclass
class AppServer:
    base_url: str
    var_dir: Path
    env: dict[str, str]
    accounts: dict[str, Account] = field(default_factory=dict)
    # The last time step each account's code was used: a code is accepted only once.
    _last_step: dict[str, int] = field(default_factory=dict)
    # The session cookie of each account's first sign-in.
    _sessions: dict[str, dict] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base_url + path

    def manage(self, *args: str) -> str:
        """Run a management command against the server's database; returns its output."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout

    @property
    def media_dir(self) -> Path:
        return self.var_dir / "media"

    def sign_in(self, page, username: str) -> None:
        """Sign ``username`` in to the admin in the browser tab ``page``.

        The first time by the sign-in form (and the two-step code); afterwards the tab joins
        the session that sign-in opened, as the person's second browser window would, unless
        that session has ended. A sign-in costs seconds, and an account's two-step code can be
        used only once: signing the same person in again within half a minute means waiting
        for the next code. What the form and the two-step screens do is tested by the first
        sign-in of each account and by the security app's own tests.
        """
        from django.conf import settings

        session = self._sessions.get(username)
        if session is not None:
            page.context.add_cookies([session])
            page.goto(self.url("/admin/"))
            if page.url.rstrip("/").endswith("/admin"):
                return
        account = self.accounts[username]
        page.goto(self.url("/admin/login/"))
        page.locator("input[name=username]").fill(account.username)
        page.locator("input[name=password]").fill(account.password)
        page.locator("form button[type=submit]").click()
        if account.totp_secret:
            page.wait_for_url(lambda url: "/admin/two-step/verify/" in url)
            page.wait_for_load_state("load")
            page.locator("input[name=code]").fill(self.totp_code(username))
            page.locator("form.login-form button[type=submit]").click()
        page.wait_for_url(lambda url: url.rstrip("/").endswith("/admin"))
        self._sessions[username] = next(
            cookie
            for cookie in page.context.cookies(self.base_url)
            if cookie["name"] == settings.SESSION_COOKIE_NAME
        )

    def totp_code(self, username: str) -> str:
        """The code the account's authenticator app would show, never one already used."""
        from base64 import b32decode

        from django_otp.oath import totp

        key = b32decode(self.accounts[username].totp_secret)
        while True:
            step = int(time.time()) // 30
            last = self._last_step.get(username, -1)
            # The server accepts the next step's code too (clock tolerance of one step).
            use = step if step > last else step + 1
            if use > last and use <= step + 1:
                break
            time.sleep(1)
        self._last_step[username] = use
        return f"{totp(key, drift=use - step):06d}"


def _postgres_database(url: str, name: str, *, create: bool) -> str:
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def _read_accounts(path: Path) -> dict[str, Account]:
    accounts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        username, password, role, full_name, position, *secret = line.split("\t")
        accounts[username] = Account(username, password, role, full_name, position, *secret)
    return accounts


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within 60 s:\n{log.read_text()}")


@contextlib.contextmanager
def serve_app(var_dir: Path, agency: str = ""):
    """Set up a demo install in ``var_dir`` (of the seed agency ``agency``, or the default
    demo) and serve it until the block ends."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        PRAKAT_VAR_DIR=str(var_dir),
        PRAKAT_BASE_URL=f"http://127.0.0.1:{port}",
        DJANGO_SETTINGS_MODULE=demo_install.SETTINGS,
        # No worker beside this server: jobs run in the request that asks for them.
        PRAKAT_JOBS_IMMEDIATE="1",
        # An old website a test brings in is served on this machine, as an agency's own
        # network would serve it.
        PRAKAT_OLD_SITE_PRIVATE_HOSTS="127.0.0.1",
    )
    database_url = os.environ.get("DATABASE_URL", "")
    pg_name = f"prakat_browser_{os.getpid()}_{agency.replace('-', '_')}"
    if database_url.startswith("postgres"):
        env["DATABASE_URL"] = _postgres_database(database_url, pg_name, create=True)
    else:
        env.pop("DATABASE_URL", None)
    server = AppServer(base_url=f"http://127.0.0.1:{port}", var_dir=var_dir, env=env)
    demo_install.set_up(env, agency)  # migrated, static files collected, the demo loaded
    server.accounts = _read_accounts(var_dir / demo_install.ACCOUNTS)
    log = var_dir / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            # As `make run` serves it; one worker, so the tests' two passes share two cores.
            gunicorn_command(f"127.0.0.1:{port}", workers=1),
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_until_serving(server.url("/"), process, log)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if database_url.startswith("postgres"):
            _postgres_database(database_url, pg_name, create=False)
