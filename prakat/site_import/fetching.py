"""Fetching an old site's files: from the one address the webmaster gave, under its uploads
folder only, each file checked by the upload policy as any upload is.

The address is the webmaster's to type, so it is held to the public internet: http or https
on their own ports, a host whose every address is public. An old site on the agency's own
network (often the case) is named by the install's administrator in
``PRAKAT_OLD_SITE_PRIVATE_HOSTS``; then any port is allowed for it. Redirects are not
followed, the other side's answers are not repeated to the webmaster, and each file has a
deadline, so an address cannot be used to look around the network or hold the job worker.
"""

from __future__ import annotations

import ipaddress
import os
import posixpath
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _
from PIL import Image as Picture

from prakat.content.upload_policy import IMAGE_EXTENSIONS, UploadPolicy, extension_of

UPLOADS = "/wp-content/uploads/"
CONNECT_AND_READ_TIMEOUT = 30
FILE_DEADLINE = 120  # seconds for one file, however slowly the other side sends it
# Files one import fetches at most: a hospital's site holds a few thousand; an export naming
# more cannot keep the job worker for days.
MAX_FILES = 5_000
PUBLIC_PORTS = {None, 80, 443}


@dataclass
class Fetched:
    url: str
    name: str
    path: Path | None = None
    refusal: str = ""
    made: object = None  # the document or picture, once written


def address_refusal(address: str) -> str:
    """Why files may not be fetched from ``address`` (in Thai), or "" when they may."""
    parts = urlsplit(address)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return _("Give the old website's address starting with http:// or https://.")
    if host in getattr(settings, "OLD_SITE_PRIVATE_HOSTS", ()):
        return ""
    try:
        port = parts.port
        found = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError):
        return _("The old website's address could not be found (%(host)s).") % {"host": host}
    if port not in PUBLIC_PORTS or not all(
        ipaddress.ip_address(info[4][0]).is_global for info in found
    ):
        return _(
            "Files are fetched only from addresses on the internet (%(host)s is not one). "
            "An old website on the agency's own network is allowed by the system "
            "administrator (PRAKAT_OLD_SITE_PRIVATE_HOSTS)."
        ) % {"host": host}
    return ""


class Fetcher:
    """Fetches the old site's uploaded files from where the site answers now."""

    def __init__(
        self,
        old_base: str,
        files_base: str,
        policy: UploadPolicy,
        folder: Path,
        max_files: int = MAX_FILES,
    ):
        self.max_files = max_files
        self.asked = 0
        self.old = urlsplit(old_base)
        self.now = urlsplit(files_base or old_base)
        self.refusal = address_refusal(urlunsplit(self.now))
        self.policy = policy
        self.folder = folder
        self.session = requests.Session()
        self.session.trust_env = False  # no proxy from the worker's environment

    def uploads_path(self, url: str) -> str:
        """The path of ``url`` on the old site when it is one of its uploaded files, else ""."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https", "") or parts.netloc not in ("", self.old.netloc):
            return ""
        decoded = unquote(parts.path)
        if "\\" in decoded or ".." in decoded.split("/") or "\x00" in decoded:
            return ""
        if not posixpath.normpath(decoded).startswith(UPLOADS):
            return ""
        return parts.path

    def is_old_file(self, url: str) -> bool:
        return bool(self.uploads_path(url))

    def name_of(self, url: str) -> str:
        return os.path.basename(unquote(urlsplit(url).path).replace("\\", "/"))

    def fetch(self, url: str) -> Fetched:
        name = self.name_of(url)
        found = Fetched(url=url, name=name)
        path = self.uploads_path(url)
        if not path or self.refusal:
            found.refusal = self.refusal or _("Only the old website's uploaded files are fetched.")
            return found
        self.asked += 1
        if self.asked > self.max_files:
            found.refusal = _(
                "Not fetched: one import fetches at most %(count)d files. Bring the rest in "
                "with a second export."
            ) % {"count": self.max_files}
            return found
        address = urlunsplit((self.now.scheme, self.now.netloc, path, "", ""))
        stored = self.folder / f"{len(os.listdir(self.folder))}{Path(name).suffix.lower()}"
        try:
            size = self._download(address, stored)
        except (requests.RequestException, TimeoutError):
            found.refusal = _("The file could not be fetched from the old website.")
            return found
        try:
            with stored.open("rb") as handle:
                checked = File(handle, name=name)
                checked.size = size
                picture = extension_of(name) in IMAGE_EXTENSIONS
                self.policy.check(checked, images_only=picture)
            if picture:
                _check_picture(stored, name)
        except ValidationError as refusal:
            found.refusal = " ".join(refusal.messages)
            return found
        found.path = stored
        return found

    def _download(self, address: str, stored: Path) -> int:
        """The file at ``address`` written to ``stored`` up to the policy's limit; its size
        (the size the other side declares, when that is over the limit)."""
        started = time.monotonic()
        with self.session.get(
            address, timeout=CONNECT_AND_READ_TIMEOUT, stream=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                raise requests.RequestException
            size = int(response.headers.get("Content-Length") or 0)
            with stored.open("wb") as out:
                if size > self.policy.max_bytes:
                    return size  # not read at all: the policy names the rule and the size
                size = 0
                for chunk in response.iter_content(64 * 1024):
                    if time.monotonic() - started > FILE_DEADLINE:
                        raise TimeoutError
                    size += len(chunk)
                    if size > self.policy.max_bytes:
                        break
                    out.write(chunk)
        return size


def _check_picture(path: Path, name: str) -> None:
    """Refuse a picture larger in pixels than the site draws (Wagtail's own limit)."""
    limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000)
    try:
        with Picture.open(path) as picture:
            width, height = picture.size
    except (OSError, Picture.DecompressionBombError) as error:
        raise ValidationError(
            _("The picture “%(name)s” could not be read.") % {"name": name}
        ) from error
    if width * height > limit:
        raise ValidationError(
            _(
                "The picture “%(name)s” was not accepted: it is %(width)d × %(height)d pixels, "
                "more than the %(limit)d million pixels a picture may have."
            )
            % {"name": name, "width": width, "height": height, "limit": limit // 1_000_000}
        )
