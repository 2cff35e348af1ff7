"""The nginx configuration of the deployment guide (deploy/nginx/prakat.conf): `nginx -t` finds
it sound, and, served for real on 127.0.0.1 in front of the app as the prakat-web service
starts it (``bin/serve --web``, with the example environment file), it does what the guide
says: TLS with HTTP/2, HTTP sent to HTTPS, static files from the app with the app's headers
once each, the visitor's address reaching the traffic log and the sign-in lock-out, bodies
over the limit refused at the edge with a Thai page, private files never served, and a Thai
page while the app is down.

The configuration is used as written; only what a machine's own install changes is rewritten
(the ports, the certificate's paths, the app's port, the error pages' folder), and each
rewrite must find its line exactly once, so a changed file cannot slip past the test.
"""

from __future__ import annotations

import contextlib
import datetime
import http.client
import ipaddress
import json
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import ssl
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from prakat import empty_install
from prakat.browser import free_port
from prakat.tests.deployment import (
    BASE_DIR,
    DEPLOY,
    NGINX_SITE,
    SITE_NAME,
    example_environment,
    read_env_file,
)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
EDGE_LIMIT = 16 * 1024 * 1024  # client_max_body_size of the site, as the 413 page states
STAFF_LIMIT = 64 * 1024 * 1024  # …and of /admin/publishing/
THAI_413 = "ข้อมูลที่ส่งมีขนาดใหญ่เกินไป"
THAI_502 = "เว็บไซต์ยังไม่พร้อมให้บริการชั่วคราว"
# What the app sends on every response (prakat.security); nginx must not send them again.
APP_HEADERS = [
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
]

# What Debian's /etc/nginx/nginx.conf puts around a site of sites-enabled/ at the http level
# (so a directive the site repeats at that level fails here as it would there), with every
# path in the test's folder.
MAIN_CONF = """\
pid {folder}/nginx.pid;
error_log {folder}/error.log;
worker_processes 1;
events {{ worker_connections 256; }}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers on;
    access_log {folder}/access.log;
    gzip on;
    client_body_temp_path {folder}/temp/body;
    proxy_temp_path {folder}/temp/proxy;
    fastcgi_temp_path {folder}/temp/fastcgi;
    uwsgi_temp_path {folder}/temp/uwsgi;
    scgi_temp_path {folder}/temp/scgi;
    include {folder}/prakat.conf;
}}
"""


@dataclass
class Edge:
    folder: Path
    conf: Path
    certificate: Path
    https_port: int
    http_port: int


@contextlib.contextmanager
def public_folder() -> Iterator[Path]:
    """A folder nginx's workers can read: they drop root's rights, and pytest's own folders
    are private. It holds only the test's certificate and copies of the repository's files."""
    folder = Path(tempfile.mkdtemp(prefix="prakat-test-nginx-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A throw-away self-signed certificate for the site's name and 127.0.0.1."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, SITE_NAME)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(SITE_NAME), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return cert_path, key_path


def rewrite(text: str, old: str, new: str, count: int = 1) -> str:
    assert text.count(old) == count, f"deploy/nginx/prakat.conf no longer has {old!r} {count}×"
    return text.replace(old, new)


def write_edge(folder: Path, app_port: int) -> Edge:
    """The site's configuration, rewritten for this machine, inside Debian's main one."""
    cert, key = make_certificate(folder)
    errors = folder / "errors"
    shutil.copytree(DEPLOY / "nginx" / "errors", errors)
    for path in [errors, *errors.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (folder / "temp").mkdir()
    https_port, http_port = free_port(), free_port()
    site = NGINX_SITE.read_text(encoding="utf-8")
    site = rewrite(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    site = rewrite(site, "listen [::]:443 ssl http2;", "")
    site = rewrite(site, "listen 80;", f"listen 127.0.0.1:{http_port};")
    site = rewrite(site, "listen [::]:80;", "")
    site = rewrite(site, f"/etc/letsencrypt/live/{SITE_NAME}/fullchain.pem", str(cert))
    site = rewrite(site, f"/etc/letsencrypt/live/{SITE_NAME}/privkey.pem", str(key))
    site = rewrite(site, "server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")
    site = rewrite(site, "alias /srv/prakat/deploy/nginx/errors/;", f"alias {errors}/;")
    site = rewrite(site, "root /var/www/letsencrypt;", f"root {folder}/acme;")
    copies = folder / "page-copies"
    site = rewrite(site, "/var/cache/prakat/page-copies/", f"{copies}/", count=2)
    # nginx's workers write the views as nobody here, as www-data by the guide's group.
    (copies / "views").mkdir(parents=True)
    copies.chmod(0o755)
    (copies / "views").chmod(0o777)
    (folder / "prakat.conf").write_text(site, encoding="utf-8")
    conf = folder / "nginx.conf"
    conf.write_text(MAIN_CONF.format(folder=folder), encoding="utf-8")
    return Edge(folder, conf, cert, https_port, http_port)


def nginx_command(edge: Edge, *args: str) -> list[str]:
    return [NGINX, "-p", str(edge.folder), "-e", str(edge.folder / "error.log"),
            "-c", str(edge.conf), *args]  # fmt: skip


def complaints(output: str) -> list[str]:
    """nginx's warnings and errors, but the one newer versions give for `listen … http2`,
    which the configuration keeps for Debian 12's nginx 1.22 (and explains)."""
    return [
        line
        for line in output.splitlines()
        if ("[warn]" in line or "[emerg]" in line or "[alert]" in line)
        and 'the "listen ... http2" directive is deprecated' not in line
    ]


@contextlib.contextmanager
def running(command: list[str], log: Path, **kwargs) -> Iterator[subprocess.Popen]:
    """A server process in a process group of its own, stopped when the block ends whatever
    happens: asked to stop, then anything of its group still there (its workers) killed."""
    with log.open("w") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


@contextlib.contextmanager
def nginx_serving(edge: Edge) -> Iterator[subprocess.Popen]:
    with running(nginx_command(edge, "-g", "daemon off;"), edge.folder / "nginx.out") as nginx:
        deadline = time.monotonic() + 20
        while True:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", edge.https_port), timeout=1),
            ):
                break
            assert nginx.poll() is None, (edge.folder / "error.log").read_text()
            assert time.monotonic() < deadline, "nginx did not listen within 20 s"
            time.sleep(0.1)
        yield nginx


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def tls_context(edge: Edge) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(edge.certificate))


def fetch(
    edge: Edge,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    announce: int | None = None,
    source: str = "127.0.0.1",
    https: bool = True,
) -> tuple[Response, int]:
    """One request to nginx, and the client's own port. With ``announce``, only the headers
    go out, saying a body of that many bytes follows: a refusal must come before it."""
    if https:
        conn = http.client.HTTPSConnection(
            "127.0.0.1", edge.https_port, context=tls_context(edge),
            source_address=(source, 0), timeout=60,
        )  # fmt: skip
    else:
        conn = http.client.HTTPConnection(
            "127.0.0.1", edge.http_port, source_address=(source, 0), timeout=60
        )
    try:
        conn.connect()
        port = conn.sock.getsockname()[1]
        all_headers = {"Host": SITE_NAME, **(headers or {})}
        if announce is None:
            conn.request(method, path, body=body, headers=all_headers)
        else:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for name, value in {**all_headers, "Content-Length": str(announce)}.items():
                conn.putheader(name, value)
            conn.endheaders()
        response = conn.getresponse()
        return Response(response.status, response.headers, response.read()), port
    finally:
        conn.close()


def get(edge: Edge, path: str, **kwargs) -> Response:
    return fetch(edge, "GET", path, **kwargs)[0]


# --- nginx -t ------------------------------------------------------------------------------


def test_nginx_finds_the_configuration_sound():
    with public_folder() as folder:
        edge = write_edge(folder, app_port=free_port())
        done = subprocess.run(
            nginx_command(edge, "-t"), capture_output=True, text=True, timeout=60, check=False
        )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "syntax is ok" in output and "test is successful" in output, output
    assert complaints(output) == [], output


def test_nginx_t_fails_on_a_broken_site():
    """The check above can fail: the same configuration with a directive repeated at the
    level Debian's main file already sets it is refused."""
    with public_folder() as folder:
        edge = write_edge(folder, app_port=free_port())
        site = folder / "prakat.conf"
        site.write_text("gzip on;\n" + site.read_text(encoding="utf-8"), encoding="utf-8")
        done = subprocess.run(
            nginx_command(edge, "-t"), capture_output=True, text=True, timeout=60, check=False
        )
    assert done.returncode != 0
    assert '"gzip" directive is duplicate' in done.stderr


# --- served in front of the app ------------------------------------------------------------


@dataclass
class Stack:
    edge: Edge
    var_dir: Path
    env: dict[str, str]
    # The process started as the prakat-web unit starts it, and what it told the service
    # manager's notification socket, with the sender's process id.
    app_pid: int
    notified: tuple[str, int]

    def traffic(self) -> list[dict]:
        entries = []
        for path in sorted((self.var_dir / "traffic" / "spool").glob("*/*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    entries.append(json.loads(line))
        return entries

    def traffic_entry(self, token: str, timeout: float = 10) -> dict:
        """The traffic log's line of the request whose address holds ``token``."""
        deadline = time.monotonic() + timeout
        while True:
            found = [e for e in self.traffic() if token in e["url"]]
            if found:
                assert len(found) == 1, found
                return found[0]
            assert time.monotonic() < deadline, f"no traffic-log line for {token}"
            time.sleep(0.1)


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    """nginx on 127.0.0.1 in front of the app, served as the prakat-web service serves it
    (``bin/serve --web``) with the example environment file (its database in SQLite here)."""
    var_dir = tmp_path_factory.mktemp("deploy") / "var"
    env = example_environment(var_dir)
    empty_install.migrate(env)  # as `manage.py migrate` leaves an empty database
    app_port = free_port()
    with public_folder() as folder, notification_socket(folder / "notify") as notify:
        edge = write_edge(folder, app_port)
        env["PRAKAT_PAGE_COPIES_DIR"] = str(folder / "page-copies")  # where nginx reads them
        app = [sys.executable, "bin/serve", "--web", f"127.0.0.1:{app_port}"]
        app_env = {**env, "NOTIFY_SOCKET": str(folder / "notify")}
        with (
            running(app, var_dir / "server.log", cwd=BASE_DIR, env=app_env) as server,
            nginx_serving(edge),
        ):
            deadline = time.monotonic() + 60
            while get(edge, "/static/css/site.css").status != 200:
                assert server.poll() is None, (var_dir / "server.log").read_text()
                assert time.monotonic() < deadline, "the app did not answer within 60 s"
                time.sleep(0.3)
            yield Stack(edge, var_dir, env, server.pid, received(notify))


@contextlib.contextmanager
def notification_socket(path: Path) -> Iterator[socket.socket]:
    """A socket like the one systemd gives a ``Type=notify`` service, telling who wrote."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify:
        notify.bind(str(path))
        notify.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        notify.settimeout(10)
        yield notify


def received(notify: socket.socket) -> tuple[str, int]:
    """The first message on ``notify`` and the process id of its sender."""
    size = struct.calcsize("3i")
    message, ancillary, _flags, _address = notify.recvmsg(4096, socket.CMSG_SPACE(size))
    pids = [
        struct.unpack("3i", data[:size])[0]
        for level, kind, data in ancillary
        if (level, kind) == (socket.SOL_SOCKET, socket.SCM_CREDENTIALS)
    ]
    return message.decode(), pids[0]


def test_the_web_service_tells_systemd_it_is_ready_from_its_main_process(stack):
    """prakat-web.service is ``Type=notify`` with ``NotifyAccess=main``: gunicorn itself must
    say READY=1, from the process systemd started (``bin/serve --web`` becomes gunicorn)."""
    message, sender = stack.notified
    assert "READY=1" in message.split("\n")
    assert sender == stack.app_pid


def test_the_app_gets_the_proxy_headers_the_example_environment_names(stack):
    """The two headers nginx sets are the two the example environment tells the app to read."""
    env = read_env_file()
    site = NGINX_SITE.read_text(encoding="utf-8")
    assert f"proxy_set_header {env['PRAKAT_TRAFFIC_PROXY_HEADER']} $remote_addr;" in site
    assert f"proxy_set_header {env['PRAKAT_TRAFFIC_PROXY_PORT_HEADER']} $remote_port;" in site


def test_http_2_is_offered():
    with public_folder() as folder:
        edge = write_edge(folder, app_port=free_port())
        with nginx_serving(edge):
            context = tls_context(edge)
            context.set_alpn_protocols(["h2", "http/1.1"])
            address = ("127.0.0.1", edge.https_port)
            with (
                socket.create_connection(address, timeout=10) as raw,
                context.wrap_socket(raw, server_hostname=SITE_NAME) as tls,
            ):
                assert tls.selected_alpn_protocol() == "h2"
                assert tls.version() in {"TLSv1.2", "TLSv1.3"}


def test_plain_http_is_sent_to_https(stack):
    response = get(stack.edge, "/survey/?from=poster", https=False)
    assert response.status == 301
    assert response.headers["Location"] == f"https://{SITE_NAME}/survey/?from=poster"


def test_a_static_file_comes_from_the_app_with_its_headers_once(stack):
    token = secrets.token_hex(4)
    response = get(stack.edge, f"/static/css/site.css?probe={token}")
    assert response.status == 200
    assert response.body == (BASE_DIR / "prakat" / "static" / "css" / "site.css").read_bytes()
    # The app's cache header, untouched; the app's security headers, each exactly once.
    assert response.headers.get_all("Cache-Control") == ["max-age=60, public"]
    for name in APP_HEADERS:
        assert len(response.headers.get_all(name) or []) == 1, name
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response.headers["Server"] == "nginx"  # no version
    # Through the app: the traffic log has it.
    assert stack.traffic_entry(token)["status"] == 200


def test_the_visitors_address_reaches_the_traffic_log_and_the_lock_out(stack):
    """A visitor on 127.0.0.2 (nginx reaches the app from 127.0.0.1) who forges the headers:
    the app records the visitor's real address and port, and the proxy's address beside it."""
    token = secrets.token_hex(4)
    forged = {"X-Real-IP": "203.0.113.9", "X-Real-Port": "1", "X-Forwarded-For": "203.0.113.9"}
    response, port = fetch(
        stack.edge, "GET", f"/static/css/site.css?probe={token}", headers=forged,
        source="127.0.0.2",
    )  # fmt: skip
    assert response.status == 200
    entry = stack.traffic_entry(token)
    assert entry["address"] == "127.0.0.2" and entry["port"] == str(port)
    assert entry["proxy"] == "127.0.0.1"

    # A wrong password from that visitor is counted against 127.0.0.2, not against the proxy.
    login = f"/admin/login/?probe={token}"
    page, _port = fetch(stack.edge, "GET", login, source="127.0.0.2")
    assert page.status == 200
    cookie = page.headers["Set-Cookie"].split(";")[0]
    csrf = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    form = f"csrfmiddlewaretoken={csrf}&username=nobody-{token}&password=wrong".encode()
    refused, _port = fetch(
        stack.edge, "POST", login, body=form, source="127.0.0.2",
        headers={**forged, "Cookie": cookie, "Origin": f"https://{SITE_NAME}",
                 "Referer": f"https://{SITE_NAME}{login}",
                 "Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    assert refused.status == 200, refused.text  # the form again, with its Thai refusal
    with contextlib.closing(sqlite3.connect(stack.var_dir / "prakat.sqlite3")) as db:
        attempts = db.execute(
            "SELECT ip_address, failures_since_start FROM axes_accessattempt WHERE username = ?",
            (f"nobody-{token}",),
        ).fetchall()
    assert attempts == [("127.0.0.2", 1)]


def test_a_body_over_the_limit_is_refused_at_the_edge_with_a_thai_page(stack):
    token = secrets.token_hex(4)
    path = f"/e-services/?probe={token}"
    response, _port = fetch(stack.edge, "POST", path, announce=EDGE_LIMIT + 1)
    assert response.status == 413
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert THAI_413 in response.text
    assert "16 MB" in response.text and "64 MB" in response.text  # the limits it names
    assert response.headers["Cache-Control"] == "no-store"
    for name in APP_HEADERS:
        assert len(response.headers.get_all(name) or []) == 1, name
    # nginx answered alone: the app never saw the request.
    time.sleep(1.5)
    assert [e for e in stack.traffic() if token in e["url"]] == []


def test_a_body_within_the_limit_reaches_the_app(stack):
    """Just under the limit the app answers (a form sent without its protection token: the
    app's own Thai refusal), so the edge refuses only what no form of the site can send."""
    token = secrets.token_hex(4)
    body = b"x" * (EDGE_LIMIT - 1024)
    response, _port = fetch(
        stack.edge, "POST", f"/e-services/complaint/?probe={token}", body=body,
        headers={"Content-Type": "application/octet-stream"},
    )  # fmt: skip
    assert response.status == 403
    assert stack.traffic_entry(token)["status"] == 403


def test_the_staff_request_form_has_a_higher_limit(stack):
    token = secrets.token_hex(4)
    path = f"/admin/publishing/new/?probe={token}"
    within, _port = fetch(
        stack.edge, "POST", path, body=b"x" * (EDGE_LIMIT + 1024),
        headers={"Content-Type": "application/octet-stream"},
    )  # fmt: skip
    assert within.status != 413
    assert stack.traffic_entry(token)["url"] == path
    over, _port = fetch(stack.edge, "POST", path + "&over", announce=STAFF_LIMIT + 1)
    assert over.status == 413 and THAI_413 in over.text


def test_private_files_are_never_served(stack):
    secret = b"%PDF-1.7 personal data " + secrets.token_hex(8).encode()
    for folder in ["media/documents", "media/original_images", "private/documents"]:
        target = stack.var_dir / folder
        target.mkdir(parents=True, exist_ok=True)
        (target / "secret.pdf").write_bytes(secret)
    for path in [
        "/media/documents/secret.pdf",
        "/media/original_images/secret.pdf",
        "/private/documents/secret.pdf",
        "/media/../private/documents/secret.pdf",
        "/static/../private/documents/secret.pdf",
        "/media/avatar_images/../documents/secret.pdf",
    ]:
        response = get(stack.edge, path)
        assert response.status == 404, path
        assert secret not in response.body, path


def test_while_the_app_is_down_a_thai_page_says_so():
    with public_folder() as folder:
        edge = write_edge(folder, app_port=free_port())  # nothing listens there
        with nginx_serving(edge):
            response = get(edge, "/")
    assert response.status == 502
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert THAI_502 in response.text
    assert response.headers["Cache-Control"] == "no-store"


# --- page copies -----------------------------------------------------------------------------

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
# The headers a public page carries, from the app or as a copy from nginx: the same values.
PAGE_HEADERS = [
    *APP_HEADERS,
    "Content-Type",
    "Cross-Origin-Opener-Policy",
    "Content-Language",
    "Vary",
]


def manage(stack: Stack, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR, env=stack.env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


HOME_VIEWS = (
    "from wagtail.models import Site; from django.db.models import Sum;"
    "from prakat.statistics.models import PageView;"
    "home = Site.objects.get(is_default_site=True).root_page;"
    "print(PageView.objects.filter(page=home).aggregate(n=Sum('views'))['n'] or 0)"
)


def test_a_public_page_is_given_by_nginx_from_its_copy_with_the_app_s_headers(stack):
    token = secrets.token_hex(4)
    visitor = {"User-Agent": f"{FIREFOX} probe/{token}"}
    from_app = get(stack.edge, "/", headers=visitor)
    assert from_app.status == 200 and from_app.headers["X-Cache"] in ("MISS", "HIT")
    copy, port = fetch(stack.edge, "GET", "/", headers=visitor)
    assert copy.headers["X-Cache"] == "COPY"
    assert copy.body == from_app.body
    for name in PAGE_HEADERS:
        assert copy.headers.get_all(name) == from_app.headers.get_all(name), name
    # nginx sends one policy for every agency, framing every provider the site knows (a new
    # agency allows them all); each page names its agency's own again (test_embeds.py).
    assert (
        "frame-src https://www.facebook.com https://www.google.com "
        "https://www.openstreetmap.org https://www.youtube-nocookie.com;"
    ) in copy.headers["Content-Security-Policy"]

    # Someone with a session, a query, or another method: the app answers, never a copy.
    signed_in = get(stack.edge, "/", headers={"Cookie": "sessionid=abc123"})
    assert signed_in.headers["X-Cache"] != "COPY"
    assert get(stack.edge, "/?page=1").headers.get("X-Cache") != "COPY"
    assert fetch(stack.edge, "POST", "/", body=b"")[0].headers.get("X-Cache") != "COPY"
    # The copy's view is not in the app's log yet: nginx gave it.
    assert not [e for e in stack.traffic() if token in e["user_agent"] and e["port"] == str(port)]

    # The views read in (as the worker's job does once their file's 100 seconds have passed):
    # the copy's view is in the traffic log with the visitor's address and port, and counted.
    before = int(manage(stack, HOME_VIEWS))
    counted = manage(
        stack,
        "import datetime; from django.utils import timezone;"
        "from prakat.content.page_copies import count_views;"
        "print(count_views(now=timezone.now() + datetime.timedelta(seconds=200)))",
    )
    assert int(counted) >= 1
    (line,) = [e for e in stack.traffic() if token in e["user_agent"] and e["port"] == str(port)]
    assert (line["address"], line["method"], line["url"], line["status"]) == (
        "127.0.0.1", "GET", "/", 200,
    )  # fmt: skip
    assert line["bytes"] == len(copy.body)
    assert int(manage(stack, HOME_VIEWS)) == before + 1


def test_a_change_to_the_site_is_seen_at_once_past_the_copies(stack):
    visitor = {"User-Agent": FIREFOX}
    get(stack.edge, "/", headers=visitor)
    assert get(stack.edge, "/", headers=visitor).headers["X-Cache"] == "COPY"
    title = f"หน้าแรก {secrets.token_hex(3)}"
    manage(
        stack,
        "from wagtail.models import Site;"
        "home = Site.objects.get(is_default_site=True).root_page.specific;"
        f"home.title = {title!r}; home.save_revision().publish()",
    )
    fresh = get(stack.edge, "/", headers=visitor)
    assert fresh.headers["X-Cache"] != "COPY"
    assert title in fresh.text
    again = get(stack.edge, "/", headers=visitor)
    assert again.headers["X-Cache"] == "COPY" and title in again.text
