"""The three targets: a throw-away Prakat install served as ``make run`` serves it, a vanilla
Wagtail 7.4 site built from ``wagtail start`` in the same virtualenv and served by the same
gunicorn command, and nginx serving a saved copy of Prakat's item page. All on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.processes import Server, SetupFailed, run
from prakat import demo_install, empty_install
from prakat.serving import gunicorn_command

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HERE = Path(__file__).resolve().parent
PRAKAT_APP = "prakat.wsgi:application"
# Where an install keeps its files; taken from the caller's environment, they would point the
# throw-away install at real data.
_INSTALL_PATHS = (
    "PRAKAT_VAR_DIR", "PRAKAT_MEDIA_ROOT", "PRAKAT_PRIVATE_ROOT", "PRAKAT_TRAFFIC_LOG_DIR",
    "PRAKAT_SECRET_KEY", "PRAKAT_BASE_URL",
)  # fmt: skip


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def base_environment() -> dict[str, str]:
    return {
        key: value
        for key, value in os.environ.items()
        if key not in _INSTALL_PATHS
        and not key.startswith(("PYTEST", "DJANGO_"))
        and key != "DATABASE_URL"
    }


def prakat_settings_in_use() -> dict[str, str]:
    """The PRAKAT_ variables passed on to the install (they change what is measured)."""
    return {
        key: ("(set)" if "KEY" in key or "SECRET" in key else value)
        for key, value in base_environment().items()
        if key.startswith("PRAKAT_")
    }


# --- PostgreSQL: a fresh database for each install, dropped at the end ---------------------


def postgres_url(server_url: str, name: str) -> str:
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


def postgres_execute(server_url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(postgres_url(server_url, "postgres"), autocommit=True) as connection:
        connection.execute(statement)


# --- Prakat ------------------------------------------------------------------------------


@dataclass
class PrakatInstall:
    label: str
    var_dir: Path
    env: dict[str, str]
    database: str | None = None  # the PostgreSQL database's name, if on PostgreSQL
    pages: dict | None = None
    index_seconds: float | None = None  # how long the site's search index took to make

    def manage(self, *args: str) -> str:
        return run(
            [PYTHON, "manage.py", *args], cwd=REPO, env=self.env, log=self.var_dir / "setup.log"
        )


def prakat_base_install(work: Path, postgres: str | None) -> PrakatInstall:
    """Migrate, collect static files and load the demo agency, as ``make run`` does."""
    var_dir = work / "prakat-base"
    var_dir.mkdir()
    env = base_environment()
    env.update(PRAKAT_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="prakat.settings")
    install = PrakatInstall("base", var_dir, env)
    if postgres:
        install.database = f"prakat_bench_{os.getpid()}_base"
        postgres_execute(postgres, f'CREATE DATABASE "{install.database}"')
        env["DATABASE_URL"] = postgres_url(postgres, install.database)
    if os.environ.get(demo_install.HANDED_OVER) and not postgres:
        # The smoke test's run: the demo install its test run set up once, copied.
        demo_install.set_up(env)
        return install
    empty_install.migrate(env)  # as `manage.py migrate` leaves an empty database
    install.manage("collectstatic", "--no-input", "--verbosity", "0")
    install.manage("load_demo", "--accounts-file", str(var_dir / demo_install.ACCOUNTS))
    return install


def prakat_copy(base: PrakatInstall, work: Path, size: int, postgres: str | None):
    """Another install like ``base`` (its files copied, or its database as a template)."""
    var_dir = work / f"prakat-{size}"
    shutil.copytree(base.var_dir, var_dir, symlinks=True)
    env = dict(base.env, PRAKAT_VAR_DIR=str(var_dir))
    install = PrakatInstall(f"prakat@{size}", var_dir, env)
    if postgres:
        install.database = f"prakat_bench_{os.getpid()}_{size}"
        postgres_execute(
            postgres, f'CREATE DATABASE "{install.database}" TEMPLATE "{base.database}"'
        )
        env["DATABASE_URL"] = postgres_url(postgres, install.database)
    return install


def prakat_grow(install: PrakatInstall, size: int, *, index: bool, requests: bool = False) -> None:
    """Add ``size`` items (each with the request behind it, if asked); bring the search index
    up to date unless told not to."""
    out = run(
        [PYTHON, "-m", "bench.prakat_site", "--items", str(size)]
        + (["--requests"] if requests else []),
        cwd=REPO,
        env=install.env,
        log=install.var_dir / "setup.log",
    )
    install.pages = json.loads(out)
    if index:
        install.manage("update_search_entries", "--all")


def prakat_session(install: PrakatInstall, username: str) -> str:
    """The ``Cookie`` header of ``username`` signed in to the install's admin."""
    out = run(
        [PYTHON, "-m", "bench.prakat_site", "--session", username],
        cwd=REPO,
        env=install.env,
        log=install.var_dir / "setup.log",
    )
    return json.loads(out)["cookie"]


def prakat_serve(install: PrakatInstall) -> Server:
    """``bin/serve``, as ``make run`` starts it: gunicorn with a worker a core, the job worker
    beside it."""
    port = free_port()
    install.env["PRAKAT_BASE_URL"] = f"http://127.0.0.1:{port}"
    return Server.start(
        install.label,
        port,
        [PYTHON, str(REPO / "bin" / "serve"), f"127.0.0.1:{port}"],
        cwd=REPO,
        env=install.env,
        log=install.var_dir / "server.log",
        # Ctrl-C, as for `make run`: bin/serve then stops gunicorn and the job worker.
        stop_signal=signal.SIGINT,
    )


def gunicorn_workers(server: Server) -> list[int]:
    """The gunicorn worker processes of a server's group (not the master, not the job
    worker)."""
    from bench.processes import command_line, parent_of

    members = server.members()
    gunicorn = [pid for pid in members if "gunicorn" in command_line(pid)]
    masters = {pid for pid in gunicorn if parent_of(pid) not in gunicorn}
    return sorted(pid for pid in gunicorn if parent_of(pid) in masters)


# --- vanilla Wagtail -----------------------------------------------------------------------


@dataclass
class VanillaSite:
    folder: Path
    env: dict[str, str]
    database: str | None = None
    pages: dict | None = None

    def manage(self, *args: str) -> str:
        return run([PYTHON, "manage.py", *args], cwd=self.folder, env=self.env, log=self.log)

    @property
    def log(self) -> Path:
        return self.folder.parent / "vanilla-setup.log"


def vanilla_project(work: Path, postgres: str | None) -> VanillaSite:
    """``wagtail start``, with the page types, templates and settings of ``bench/vanilla``;
    migrated and its static files collected (its production settings need the manifest)."""
    folder = work / "vanilla"
    folder.mkdir()
    env = base_environment()
    env.update(
        DJANGO_SETTINGS_MODULE="benchsite.settings.production",
        BENCH_SECRET_KEY=secrets.token_urlsafe(40),
        PYTHONPATH=os.pathsep.join([str(folder), str(REPO)]),
    )
    site = VanillaSite(folder, env)
    if postgres:
        site.database = f"vanilla_bench_{os.getpid()}"
        postgres_execute(postgres, f'CREATE DATABASE "{site.database}"')
        env["DATABASE_URL"] = postgres_url(postgres, site.database)
    wagtail = Path(PYTHON).parent / "wagtail"
    run([str(wagtail), "start", "benchsite", str(folder)], cwd=work, env=env, log=site.log)
    shutil.copy(HERE / "vanilla" / "models.py", folder / "home" / "models.py")
    shutil.copy(HERE / "vanilla" / "local.py", folder / "benchsite" / "settings" / "local.py")
    shutil.copytree(
        HERE / "vanilla" / "templates", folder / "home" / "templates", dirs_exist_ok=True
    )
    site.manage("makemigrations", "home", "--no-input")
    site.manage("migrate", "--no-input")
    site.manage("collectstatic", "--no-input", "--verbosity", "0")
    return site


def vanilla_pages(site: VanillaSite, size: int, title: str, body: str) -> None:
    out = run(
        [PYTHON, "-m", "bench.vanilla_site", "--items", str(size), "--title", title,
         "--body", body],
        cwd=site.folder,
        env=site.env,
        log=site.log,
    )  # fmt: skip
    site.pages = json.loads(out)


def vanilla_serve(site: VanillaSite, label: str) -> Server:
    """The same gunicorn command as Prakat's, with the vanilla project's application."""
    port = free_port()
    cmd = gunicorn_command(f"127.0.0.1:{port}")
    if PRAKAT_APP not in cmd:
        raise SetupFailed(f"prakat/serving.py no longer names {PRAKAT_APP}; cannot reuse it")
    cmd[cmd.index(PRAKAT_APP)] = "benchsite.wsgi:application"
    return Server.start(
        label, port, cmd, cwd=site.folder, env=site.env, log=site.folder / "server.log"
    )


# --- nginx ---------------------------------------------------------------------------------

NGINX_CONF = """\
# Written by bench/run, removed after the run: {what}.
worker_processes {workers};
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log off;
    client_body_temp_path {folder}/temp/body;
    proxy_temp_path {folder}/temp/proxy;
    fastcgi_temp_path {folder}/temp/fastcgi;
    uwsgi_temp_path {folder}/temp/uwsgi;
    scgi_temp_path {folder}/temp/scgi;
{site}
}}
"""
STATIC_SITE = """\
    server {{
        listen 127.0.0.1:{port};
        root {folder}/www;
        index index.html;
        # Each request written, as nginx in front of the app writes each copy it gives.
        access_log {folder}/access.log;
    }}
"""


def nginx_start(name: str, folder: Path, port: int, what: str, site: str) -> Server:
    """nginx on 127.0.0.1:``port`` with ``site`` (the server blocks), its files in ``folder``."""
    (folder / "temp").mkdir()
    conf = folder / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(what=what, workers=os.cpu_count() or 1, folder=folder, site=site),
        encoding="utf-8",
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return Server.start(
        name,
        port,
        [nginx, "-e", str(folder / "error.log"), "-p", str(folder), "-c", str(conf)],
        cwd=folder,
        env=base_environment(),
        log=folder / "server.log",
    )


def nginx_serve(folder: Path, path: str, html: bytes) -> Server:
    """nginx serving ``html`` at ``path`` (the same URL as on Prakat) from ``folder``."""
    # nginx's workers drop root's rights: the folder and file must be readable by anyone
    # (they hold a public page, nothing else).
    page = folder / "www" / path.strip("/") / "index.html"
    page.parent.mkdir(parents=True)
    step = page.parent
    while step != folder.parent:
        step.chmod(0o755)
        step = step.parent
    page.write_bytes(html)
    page.chmod(0o644)
    port = free_port()
    site = STATIC_SITE.format(port=port, folder=folder)
    return nginx_start("nginx", folder, port, "one static file, loopback only", site)


# --- nginx in front of Prakat, as the deployment guide configures it ------------------------

DEPLOYED_SITE = REPO / "deploy" / "nginx" / "prakat.conf"
DEPLOYED_COPIES = "/var/cache/prakat/page-copies/"


def page_copies_folder(folder: Path) -> Path:
    """Where an install behind nginx writes its page copies: a folder nginx's workers read,
    with the views folder they write (as the guide's group would let them)."""
    copies = folder / "page-copies"
    (copies / "views").mkdir(parents=True)
    folder.chmod(0o755)
    copies.chmod(0o755)
    (copies / "views").chmod(0o777)
    return copies


def front_site(app_port: int, port: int, copies: Path) -> str:
    """The guide's site as written, but for what a machine's install changes: its HTTPS server
    on plain HTTP at ``port`` (TLS is not what is measured: the static copy has none either),
    the app's port, the copies' folder and the error pages' folder; the redirect from port 80
    left out."""
    text = DEPLOYED_SITE.read_text(encoding="utf-8")
    head, _plain, https = text.split("\nserver {", 2)
    lines = []
    for line in ("server {" + https).splitlines():
        stripped = line.strip()
        if stripped.startswith(("listen ", "ssl_")):
            if stripped.startswith("listen 443"):
                lines.append(f"    listen 127.0.0.1:{port};")
            continue
        lines.append(line)
    site = head.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")
    site += "\n" + "\n".join(lines)
    site = site.replace(DEPLOYED_COPIES, f"{copies}/")
    return site.replace("/srv/prakat/deploy/nginx/errors/", f"{REPO}/deploy/nginx/errors/")


def nginx_front(folder: Path, name: str, app_port: int, copies: Path) -> Server:
    """nginx in front of the Prakat server at ``app_port``, as the deployment guide sets it up:
    kept pages given from their copies without the app, everything else passed to it."""
    port = free_port()
    site = front_site(app_port, port, copies)
    what = "the deployment guide's site (deploy/nginx/prakat.conf) on plain HTTP"
    return nginx_start(name, folder, port, what, site)
