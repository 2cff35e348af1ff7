"""Several machines, one site: two web servers and two job workers sharing PostgreSQL, Redis
and an S3 bucket, each with empty local folders of its own.

Everything is real and started here, on 127.0.0.1 at free ports: a database of its own on the
PostgreSQL server of the suite's PostgreSQL pass (or, when the suite runs on SQLite, on a
throw-away server of ``bin/with-postgres``), ``redis-server``, ``rclone serve s3`` with a
bucket, two gunicorn servers started as ``bin/serve`` starts them, behind one round-robin
address, and two ``manage.py run_huey`` workers. Each stands for a machine of its own: its own
``PRAKAT_VAR_DIR``, nothing shared with the others but those servers and the settings. The
requests go to one server or the other by name where the test says "through one, seen by the
other"; the round-robin address shows the two answer as one site. Everything started is
stopped when the module ends, on failure too.
"""

from __future__ import annotations

import contextlib
import datetime
import http.client
import importlib.machinery
import importlib.util
import itertools
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
from base64 import b32decode
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import psycopg
import pytest
import redis
import requests
from bs4 import BeautifulSoup

from prakat import empty_install
from prakat.browser import BASE_DIR, free_port
from prakat.content.tests import helpers
from prakat.serving import gunicorn_command

pytestmark = pytest.mark.scale_out

BUCKET = "prakat-files"
CATEGORY = "ข่าวสารทั่วไป"
CATEGORY_PATH = "/public-relations/pr-news/"
TITLE = "ประกาศรับสมัครอาสาสมัครสาธารณสุขประจำหมู่บ้าน ปี 2569"
FILENAME = "ใบสมัคร อสม.pdf"
ORPHAN_JOB = "remove-orphan-case-files"


def _with_postgres():
    """``bin/with-postgres`` as a module, for its throw-away server."""
    path = BASE_DIR / "bin" / "with-postgres"
    loader = importlib.machinery.SourceFileLoader("prakat_with_postgres", str(path))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


# --- the servers ----------------------------------------------------------------------------


@contextlib.contextmanager
def site_database() -> Iterator[str]:
    """The site's PostgreSQL database, dropped afterwards. The PostgreSQL pass runs this
    module (it is the pass's test of the whole stack served on PostgreSQL), on its own server;
    run on SQLite, the module starts a server of its own."""
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        with _with_postgres().running_postgres() as url:
            yield url
        return
    name = f"prakat_scale_out_{os.getpid()}"
    admin = urlunsplit(urlsplit(server)._replace(path="/postgres"))
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _stop(process: subprocess.Popen, sig_timeout: float = 15) -> None:
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=sig_timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_for(check, what: str, process: subprocess.Popen, log: Path, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped:\n{log.read_text(errors='replace')[-4000:]}")
        with contextlib.suppress(OSError, requests.RequestException):
            if check():
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer in {seconds} s:\n{log.read_text()[-4000:]}")


@contextlib.contextmanager
def started(command: list[str], log: Path, **kwargs) -> Iterator[subprocess.Popen]:
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, **kwargs)
    try:
        yield process
    finally:
        _stop(process)


@contextlib.contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    folder.mkdir()
    port = free_port()
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    command = [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
               "--appendonly", "no", "--dir", str(folder)]  # fmt: skip
    with started(command, folder / "redis.log") as process:
        client = redis.Redis(host="127.0.0.1", port=port)
        _wait_for(client.ping, "redis-server", process, folder / "redis.log")
        yield f"redis://127.0.0.1:{port}"


@contextlib.contextmanager
def s3_server(folder: Path, key: str, secret: str) -> Iterator[str]:
    """``rclone serve s3`` over ``folder``: each folder in it is a bucket."""
    (folder / BUCKET).mkdir(parents=True)
    port = free_port()
    rclone = str(Path(sys.executable).parent / "rclone")
    # Its listings are fresh within a second: a test puts a file straight into its folder.
    command = [rclone, "serve", "s3", str(folder), "--addr", f"127.0.0.1:{port}",
               "--auth-key", f"{key},{secret}", "--dir-cache-time", "1s"]  # fmt: skip
    log = folder.parent / "s3.log"
    with started(command, log) as process:
        url = f"http://127.0.0.1:{port}"
        _wait_for(lambda: requests.get(url, timeout=2).status_code, "the S3 server", process, log)
        yield url


class _Forward(BaseHTTPRequestHandler):
    """One request to the next server in turn, its answer back as it came."""

    def _forward(self) -> None:
        name, address = self.server.next_backend()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        host, port = address.split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
        connection.request(self.command, self.path, body, headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        self.send_response(response.status)
        for header, value in response.getheaders():
            if header.lower() not in ("connection", "content-length", "date", "server"):
                self.send_header(header, value)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Served-By", name)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_HEAD = _forward

    def log_message(self, *args) -> None:
        pass


class RoundRobin(ThreadingHTTPServer):
    """One address in front of the web servers, each request to the next one in turn."""

    daemon_threads = True

    def __init__(self, backends: dict[str, str]):
        super().__init__(("127.0.0.1", 0), _Forward)
        self._turns = itertools.cycle(backends.items())
        self._lock = threading.Lock()

    def next_backend(self) -> tuple[str, str]:
        with self._lock:
            return next(self._turns)


@contextlib.contextmanager
def round_robin(backends: dict[str, str]) -> Iterator[str]:
    server = RoundRobin(backends)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- the site on them -----------------------------------------------------------------------


@dataclass
class Machine:
    """One machine's process: its own folder, the shared servers in its settings."""

    name: str
    var_dir: Path
    env: dict[str, str]
    url: str = ""

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR, env=self.env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-4000:]
        return done.stdout

    def files(self) -> list[str]:
        return sorted(
            p.relative_to(self.var_dir).as_posix() for p in self.var_dir.rglob("*") if p.is_file()
        )

    def folders(self) -> list[str]:
        return sorted(
            p.relative_to(self.var_dir).as_posix() for p in self.var_dir.rglob("*") if p.is_dir()
        )


@dataclass
class Cluster:
    web: dict[str, Machine]
    address: str  # the round-robin address in front of the web servers
    database_url: str
    redis_url: str
    bucket_dir: Path
    accounts: dict[str, list[str]]
    tmp: Path
    shared_env: dict[str, str]

    def machine(self, name: str) -> Machine:
        var_dir = self.tmp / name / "var"
        var_dir.mkdir(parents=True)
        return Machine(name, var_dir, {**self.shared_env, "PRAKAT_VAR_DIR": str(var_dir)})


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[Cluster]:
    tmp = tmp_path_factory.mktemp("scale-out")
    key, secret = "prakat-test", secrets.token_hex(16)
    with contextlib.ExitStack() as stack:
        database_url = stack.enter_context(site_database())
        redis_url = stack.enter_context(redis_server(tmp / "redis"))
        s3_url = stack.enter_context(s3_server(tmp / "s3", key, secret))
        shared_env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        shared_env.pop("PRAKAT_JOBS_IMMEDIATE", None)
        shared_env.update(
            DJANGO_SETTINGS_MODULE="prakat.settings",
            DATABASE_URL=database_url,
            # One key for every machine: sessions and signed values made on one are read
            # on another.
            PRAKAT_SECRET_KEY=secrets.token_urlsafe(50),
            PRAKAT_REDIS_URL=f"{redis_url}/0",
            PRAKAT_CACHE_BACKEND="django.core.cache.backends.redis.RedisCache",
            PRAKAT_CACHE_LOCATION=f"{redis_url}/1",
            PRAKAT_S3_BUCKET=BUCKET,
            PRAKAT_S3_ENDPOINT_URL=s3_url,
            PRAKAT_S3_ACCESS_KEY_ID=key,
            PRAKAT_S3_SECRET_ACCESS_KEY=secret,
            PRAKAT_S3_REGION="us-east-1",
            PRAKAT_S3_ADDRESSING_STYLE="path",
        )
        site = Cluster(
            web={}, address="", database_url=database_url, redis_url=redis_url,
            bucket_dir=tmp / "s3" / BUCKET, accounts={}, tmp=tmp, shared_env=shared_env,
        )  # fmt: skip

        # The operator's machine sets the site up, once, as the deployment guide does.
        setup = site.machine("setup")
        setup.env["PRAKAT_JOBS_IMMEDIATE"] = "1"
        empty_install.migrate(setup.env)  # as `manage.py migrate` leaves an empty database
        accounts_file = tmp / "demo-accounts.txt"
        setup.manage("load_demo", "--accounts-file", str(accounts_file))
        for line in accounts_file.read_text(encoding="utf-8").splitlines():
            username, *rest = line.split("\t")
            site.accounts[username] = rest  # password, role, name, position, two-step key

        for name in ("a", "b"):
            web = site.machine(f"web-{name}")
            port = free_port()
            web.url = f"http://127.0.0.1:{port}"
            log = tmp / f"web-{name}.log"
            # As bin/serve starts it; one worker process each, as the machine has two cores.
            command = gunicorn_command(f"127.0.0.1:{port}", workers=1)
            process = stack.enter_context(started(command, log, cwd=BASE_DIR, env=web.env))
            _wait_for(
                lambda url=web.url: requests.get(url + "/", timeout=10).status_code == 200,
                f"web server {name}", process, log,
            )  # fmt: skip
            site.web[name] = web
        site.address = stack.enter_context(
            round_robin({name: urlsplit(w.url).netloc for name, w in site.web.items()})
        )
        yield site


# --- what a person does, by HTTP ------------------------------------------------------------


def form_data(html: str, form_selector: str) -> dict[str, str]:
    """The fields a browser would send with the form, as the page fills them in."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    assert form is not None, f"no form {form_selector}"
    data = {}
    for field_ in form.select("input[name], textarea[name], select[name]"):
        name = field_["name"]
        if field_.name == "select":
            chosen = field_.select_one("option[selected]") or field_.select_one("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field_.name == "textarea":
            data[name] = field_.text
        elif field_.get("type") in ("checkbox", "radio"):
            if field_.has_attr("checked"):
                data[name] = field_.get("value", "on")
        elif field_.get("type") not in ("submit", "button", "file"):
            data[name] = field_.get("value", "")
    return data


def totp_code(secret: str) -> str:
    from django_otp.oath import totp

    return f"{totp(b32decode(secret)):06d}"


def sign_in(cluster: Cluster, server: str, username: str) -> requests.Session:
    """``username`` signs in to the admin on one web server, by its sign-in form."""
    password, _role, _name, _position, *two_step = cluster.accounts[username]
    base = cluster.web[server].url
    session = requests.Session()
    page = session.get(base + "/admin/login/")
    data = form_data(page.text, "form:has(input[name=password])")
    response = session.post(
        base + "/admin/login/", data={**data, "username": username, "password": password}
    )
    if "/two-step/verify/" in response.url:
        data = form_data(response.text, "form:has(input[name=code])")
        response = session.post(response.url, data={**data, "code": totp_code(two_step[0])})
    assert urlsplit(response.url).path == "/admin/", (response.url, response.status_code)
    return session


def admin_home(session: requests.Session, base: str) -> requests.Response:
    return session.get(base + "/admin/", allow_redirects=False)


def body(response: requests.Response) -> bytes:
    return response.content


def visit(cluster: Cluster, visitor: requests.Session, server: str, path: str):
    """A public page from one server, asked for by the site's one name, as the address in
    front passes every request on (the page cache keys a page by the name it is asked by)."""
    return visitor.get(server + path, headers={"Host": urlsplit(cluster.address).netloc})


# --- the tests ------------------------------------------------------------------------------


def test_a_request_goes_from_one_server_to_the_other_and_the_public_sees_it_fresh(cluster):
    a, b = cluster.web["a"].url, cluster.web["b"].url
    pdf = helpers.pdf_bytes()

    # A session signed in on one server is valid on the other.
    requester = sign_in(cluster, "a", "requester")
    assert admin_home(requester, b).status_code == 200
    stranger = requests.Session()
    assert admin_home(stranger, b).status_code == 302  # to the sign-in page: the check bites
    # Kept in the database too: a Redis emptied (restarted, or short of memory) signs nobody
    # out.
    redis.Redis.from_url(f"{cluster.redis_url}/1").flushdb()
    assert admin_home(requester, b).status_code == 200

    # The requester asks to publish, with a file, through server A.
    form = requester.get(a + "/admin/publishing/new/")
    category = re.search(
        rf'<option value="(\d+)"[^>]*>\s*{re.escape(CATEGORY)}\s*</option>', form.text
    ).group(1)
    data = form_data(form.text, "form:has(#id_files)")
    data.update(category=category, title=TITLE, summary="รับสมัคร 5 คน ถึง 30 ธันวาคม")
    sent = requester.post(
        a + "/admin/publishing/new/",
        data=data,
        files={"files": (FILENAME, pdf, "application/pdf")},
        allow_redirects=False,
    )
    assert sent.status_code == 302, sent.text[-3000:]
    request_url = sent.headers["Location"]
    assert re.fullmatch(r"/admin/publishing/\d+/", request_url)

    # Server B hands the file to the requester, who may see it, and refuses it to the public
    # while the item is not published, whichever server is asked.
    detail = requester.get(b + request_url)
    document_url = re.search(r'href="(/documents/\d+/[^"]+)"', detail.text).group(1)
    download = requester.get(b + document_url, allow_redirects=False)
    assert download.status_code == 200  # streamed by the app, never sent to the bucket
    assert body(download) == pdf
    assert "no-cache" in download.headers["Cache-Control"]
    visitor = requests.Session()
    for server in (a, b):
        refused = visitor.get(server + document_url, allow_redirects=False)
        assert refused.status_code == 404
        assert pdf not in body(refused)

    # Kept in the bucket under a name that says nothing, private like on disk.
    stored = sorted(
        p.relative_to(cluster.bucket_dir).as_posix()
        for p in cluster.bucket_dir.rglob("*.pdf")
        if p.read_bytes() == pdf
    )
    assert len(stored) == 1
    assert re.fullmatch(r"private/documents/[0-9a-f]{32}\.pdf", stored[0]), stored

    # The public category page, kept in the shared cache: built once, then given from it.
    assert visit(cluster, visitor, b, CATEGORY_PATH).headers["X-Cache"] == "MISS"
    before = visit(cluster, visitor, a, CATEGORY_PATH)
    assert before.headers["X-Cache"] == "HIT"  # kept by B, given by A: one cache
    assert TITLE not in before.text

    # The unit head approves on B; a webmaster (password and two-step code) publishes on A.
    head = sign_in(cluster, "b", "unithead")
    page = head.get(b + request_url)
    data = form_data(page.text, "form:has(input[name=action][value=approve])")
    approved = head.post(b + request_url, data={**data, "action": "approve"})
    assert "บันทึกผลการพิจารณาแล้ว" in approved.text
    webmaster = sign_in(cluster, "a", "webmaster")
    page = webmaster.get(a + request_url)
    data = form_data(page.text, "form:has(input[name=action][value=approve])")
    data.update(action="approve", **{"approve-confirm_personal_data": "on"})
    published = webmaster.post(a + request_url, data=data)
    assert "บันทึกผลการพิจารณาแล้ว" in published.text, published.text[-3000:]

    # B shows it at once: the page kept before is old, the new one built and kept.
    after = visit(cluster, visitor, b, CATEGORY_PATH)
    assert after.headers["X-Cache"] == "MISS"
    assert TITLE in after.text
    assert visit(cluster, visitor, b, CATEGORY_PATH).headers["X-Cache"] == "HIT"
    item_path = re.search(r'<a href="([^"]+)">ดูบนเว็บไซต์</a>', webmaster.get(b + request_url).text)
    item_path = urlsplit(item_path.group(1)).path
    first = visit(cluster, visitor, a, item_path)
    second = visit(cluster, visitor, b, item_path)
    assert (first.status_code, first.headers["X-Cache"]) == (200, "MISS")
    assert (second.status_code, second.headers["X-Cache"]) == (200, "HIT")
    assert TITLE in second.text
    # …and the file, now public, to anyone.
    assert body(visitor.get(b + document_url)) == pdf

    # One address, two servers answering as one site, for visitors and staff alike.
    served_by = set()
    for _ in range(4):
        public = visitor.get(cluster.address + item_path)
        staff = webmaster.get(cluster.address + "/admin/", allow_redirects=False)
        assert (public.status_code, staff.status_code) == (200, 200)
        assert TITLE in public.text
        served_by |= {public.headers["X-Served-By"], staff.headers["X-Served-By"]}
    assert served_by == {"a", "b"}


def test_an_avatar_set_on_one_server_is_shown_by_the_other(cluster):
    a, b = cluster.web["a"].url, cluster.web["b"].url
    picture = helpers.png_bytes()
    person = sign_in(cluster, "a", "requester")
    account = person.get(a + "/admin/account/")
    data = form_data(account.text, "form:has(input[name=avatar-avatar])")
    saved = person.post(
        a + "/admin/account/",
        data=data,
        files={"avatar-avatar": ("ฉัน.png", picture, "image/png")},
        allow_redirects=False,
    )
    assert saved.status_code == 302, saved.text[-3000:]

    shown = person.get(b + "/admin/account/").text
    avatar_url = re.search(r'src="(/media/avatar_images/[^"]+)"', shown).group(1)
    response = requests.get(b + avatar_url, allow_redirects=False, timeout=30)
    assert response.status_code == 200
    assert (body(response), response.headers["Content-Type"]) == (picture, "image/png")
    stored = (cluster.bucket_dir / "media" / "avatar_images").iterdir()
    assert [p.read_bytes() for p in stored] == [picture]


def test_an_image_shown_by_one_server_is_served_by_the_other_from_the_bucket(cluster):
    a, b = cluster.web["a"].url, cluster.web["b"].url
    page = requests.get(a + "/general/executives/", timeout=60)
    rendition_url = re.search(r'src="(/images/[^"]+)"', page.text).group(1)
    response = requests.get(b + rendition_url, allow_redirects=False, timeout=60)
    assert response.status_code == 200
    assert response.headers["Content-Type"] in ("image/jpeg", "image/png", "image/webp")
    name = unquote(rendition_url.removeprefix("/images/"))
    assert (cluster.bucket_dir / "private" / "renditions" / name).read_bytes() == body(response)


def _enqueue(machine: Machine, count: int) -> list[str]:
    """``count`` runs of the orphan-file job put on the queue, as the scheduler would."""
    out = machine.manage(
        "shell", "-c",
        "from prakat.eservices.cases import remove_orphan_case_files as job\n"
        f"print(' '.join(job().id for _ in range({count})))",
    )  # fmt: skip
    return out.strip().splitlines()[-1].split()


def _runs(cluster: Cluster, task_ids: list[str], seconds: float = 90) -> list[tuple]:
    """The finished runs of these tasks, once every one has finished."""
    deadline = time.monotonic() + seconds
    with psycopg.connect(cluster.database_url, autocommit=True) as connection:
        while True:
            rows = connection.execute(
                "SELECT task_id, name, status, summary FROM schedule_jobrun "
                "WHERE task_id = ANY(%s) AND finished_at IS NOT NULL ORDER BY task_id",
                [task_ids],
            ).fetchall()
            if {row[0] for row in rows} >= set(task_ids) or time.monotonic() > deadline:
                return rows
            time.sleep(0.3)


def test_a_job_runs_once_with_two_workers_its_lock_holds_across_machines(cluster):
    from huey import RedisHuey

    # A file a crashed submission left in the bucket two hours ago, for the job to remove
    # (put into the S3 server's own folder, which dates it by the file's time).
    orphan = cluster.bucket_dir / "private" / "eservices" / ("f" * 32) / "left.pdf"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"%PDF-1.4 left behind")
    two_hours_ago = (datetime.datetime.now() - datetime.timedelta(hours=2)).timestamp()
    os.utime(orphan, (two_hours_ago, two_hours_ago))
    time.sleep(1.5)  # the server's listing of the folder is renewed

    # A worker killed in the middle of a run left the job's lock behind.
    elsewhere = RedisHuey("prakat", url=f"{cluster.redis_url}/0")
    left_lock = elsewhere.lock_task(f"prakat-job-{ORPHAN_JOB}")
    left_lock.acquire()

    workers: list[Machine] = []
    with contextlib.ExitStack() as stack:
        # The first machine's worker clears locks left behind as it starts (as the
        # deployment's worker service does); the second's must not, as it could clear the lock
        # of a run going on elsewhere.
        for number, flush in ((1, ["--flush-locks"]), (2, [])):
            worker = cluster.machine(f"worker-{number}")
            command = [sys.executable, "manage.py", "run_huey", "--workers", "2",
                       "--no-periodic", "--delay", "0.1", *flush]  # fmt: skip
            process = stack.enter_context(
                started(command, cluster.tmp / f"{worker.name}.log", cwd=BASE_DIR, env=worker.env)
            )
            workers.append(worker)
            if flush:
                _wait_for(
                    lambda: not left_lock.is_locked(), "the worker clearing locks",
                    process, cluster.tmp / f"{worker.name}.log",
                )  # fmt: skip
        enqueuer = cluster.machine("enqueuer")

        task_ids = _enqueue(enqueuer, 8)
        runs = _runs(cluster, task_ids)
        # Each run taken by one worker, once: one record each. Runs that met another still
        # going were skipped by the job's lock; of those that ran, exactly one removed the
        # file.
        assert [row[0] for row in runs] == sorted(task_ids)
        assert {row[1] for row in runs} == {ORPHAN_JOB}
        assert {row[2] for row in runs} <= {"succeeded", "skipped"}
        summaries = sorted(row[3] for row in runs if row[2] == "succeeded")
        assert summaries[-1:] == ["1 file(s) with no case removed"]
        assert set(summaries[:-1]) <= {"0 file(s) with no case removed"}
        assert not orphan.exists()

        # A run going on elsewhere (its lock held in Redis by another machine) makes the
        # workers skip theirs.
        with elsewhere.lock_task(f"prakat-job-{ORPHAN_JOB}"):
            skipped = _enqueue(enqueuer, 1)
            assert [row[2] for row in _runs(cluster, skipped)] == ["skipped"]
        ran = _enqueue(enqueuer, 1)
        assert [row[2] for row in _runs(cluster, ran)] == ["succeeded"]

    # The workers wrote nothing on their machines: not a file, not a folder but the empty
    # one static files are collected into.
    for worker in workers:
        assert (worker.files(), worker.folders()) == ([], ["static"])


def test_a_scheduled_job_is_queued_once_however_many_workers_schedule(cluster):
    from huey import crontab

    from prakat.schedule.queue import RedisQueue

    def worker_on_a_machine() -> RedisQueue:
        queue = RedisQueue("prakat-scheduling", url=f"{cluster.redis_url}/2")

        @queue.periodic_task(crontab(hour="1", minute="0"), name="monthly-publishing-report")
        def job() -> None:
            pass

        return queue

    one, other = worker_on_a_machine(), worker_on_a_machine()
    due = datetime.datetime(2026, 12, 1, 1, 0, 7)
    same_minute_elsewhere = datetime.datetime(2026, 12, 1, 1, 0, 41)
    assert [t.name for t in one.read_periodic(due)] == ["monthly-publishing-report"]
    assert other.read_periodic(same_minute_elsewhere) == []
    assert one.read_periodic(due) == []
    next_day = datetime.datetime(2026, 12, 2, 1, 0, 3)
    assert [t.name for t in other.read_periodic(next_day)] == ["monthly-publishing-report"]


def test_nothing_is_written_on_the_web_machines_but_the_traffic_log(cluster):
    """Runs last: after the others have uploaded, published, signed in and shown images."""
    for web in cluster.web.values():
        written = web.files()
        assert written, "every request is in the machine's traffic log"
        assert all(re.fullmatch(r"traffic/spool/[\d-]+/[^/]+\.jsonl", f) for f in written), written
        # The folders: the traffic log's, and the empty one static files are collected into.
        assert set(web.folders()) - {"static"} <= {"traffic", "traffic/spool"} | {
            str(Path(f).parent) for f in written
        }
