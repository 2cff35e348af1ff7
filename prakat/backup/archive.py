"""One archive holds an install: its database and its files, with a manifest to check both.

``make_archive`` writes a tar stream with ``manifest.json`` (when, versions, the number of rows
of every model and a SHA-256 digest of their content, the SHA-256 of every file), ``data.json``
(every row of every model, primary keys kept, so links between rows survive), ``media/``,
``private/`` (the files no URL leads to: complaint attachments, archived monthly reports) and
``traffic/`` (the computer-traffic log's sealed days and spool, whose seals the database also
keeps), compressed and sealed with the operator's backup key (``envelope``, ``keys``): nobody
without the key can read it, and no byte of it can be changed unnoticed.

``restore_archive`` puts it into an empty install (migrated, nothing added) and checks the
result against the manifest: a restore that does not reproduce every table's row count and
content digest and every file byte for byte is refused and rolled back.

An archive is read as if a stranger had made it: every member must be a plain file its manifest
lists, every name a plain path down into one of the install's folders, every place free and
reached through no link that leads out. All of that is checked, the whole archive
authenticated, and every file unpacked into a temporary folder and compared with its SHA-256,
before the install is touched; a refusal takes back exactly the folders and files the restore
made, and nothing else.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import time
import zlib
from pathlib import Path

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from prakat.backup.envelope import SealedReader, SealedWriter, create_private
from prakat.backup.errors import BackupError
from prakat.backup.keys import backup_key
from prakat.content.storage import private_root

FORMAT = 2
# Set while an archive's rows are loaded: what the load does is the archive's past, not a
# person's action, and listeners (the audit log) leave it alone.
_restoring: contextvars.ContextVar[bool] = contextvars.ContextVar("prakat_restoring", default=False)


def restoring() -> bool:
    return _restoring.get()


# Sign-in sessions are not part of an install's records: a restored site starts signed out.
# The site version only keys cached pages; the restore's own rows give the site a new one.
EXCLUDED = ("sessions", "content.SiteVersion")


def _models():
    for model in apps.get_models():
        excluded = model._meta.app_label in EXCLUDED or model._meta.label in EXCLUDED
        if excluded or not model._meta.managed or model._meta.proxy:
            continue
        yield model


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._base_manager.count() for m in _models()}


EMPTY_TABLE = hashlib.sha256().hexdigest()


class _CanonicalEncoder(DjangoJSONEncoder):
    """``data.json``'s encoder, but with times always written to the millisecond.

    ``data.json`` cuts a time to milliseconds and leaves the fraction out when it is zero, so
    06.000400 is written 06.000 and loads back as 06, which that encoder writes 06. Cutting
    first and always writing three digits gives one text for both."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.replace(microsecond=o.microsecond // 1000 * 1000).isoformat(
                timespec="milliseconds"
            )
        return super().default(o)


def _table_digest(model) -> str:
    """SHA-256 of a table's rows as the archive's ``data.json`` holds them (the same
    serializer, times to the millisecond), one sorted-key line a row in primary-key order, so
    the rows a restore loaded hash to what the rows backed up hashed to."""
    serializer = serializers.get_serializer("python")()
    many = [f.name for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]
    digest = hashlib.sha256()
    for obj in model._base_manager.order_by("pk").iterator(chunk_size=2000):
        (row,) = serializer.serialize([obj])
        for name in many:  # a many-to-many list comes back in whatever order the database likes
            row["fields"][name] = sorted(row["fields"][name], key=str)
        line = json.dumps(row, cls=_CanonicalEncoder, sort_keys=True, ensure_ascii=False)
        digest.update(line.encode() + b"\n")
    return digest.hexdigest()


def row_digests() -> dict[str, str]:
    return {m._meta.label: _table_digest(m) for m in _models()}


def file_states(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``root`` as it is now: its SHA-256 and its size."""
    states = {}
    if root.exists():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest, size = hashlib.sha256(), 0
            with path.open("rb") as source:
                while chunk := source.read(1 << 20):
                    digest.update(chunk)
                    size += len(chunk)
            states[path.relative_to(root).as_posix()] = (digest.hexdigest(), size)
    return states


def file_roots() -> dict[str, Path]:
    """The folders whose files belong to the install, by their name in the archive."""
    return {
        "media": Path(settings.MEDIA_ROOT),
        "private": private_root(),
        # The traffic log's sealed days and spool: without them the sealed days kept in the
        # database point at files a restored install does not have, and verification fails.
        "traffic": Path(settings.TRAFFIC_LOG_DIR),
    }


class _Counted:
    """Reads a file while hashing it, so what went into the archive is what the manifest says."""

    def __init__(self, source):
        self.source = source
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.source.read(size)
        self.digest.update(chunk)
        return chunk


def _add_file(
    tar: tarfile.TarFile, path: Path, arcname: str, sha256: str | None, size: int
) -> None:
    info = tarfile.TarInfo(arcname)
    # The spool of today grows while the site runs; the archive takes the first ``size``
    # bytes, the ones hashed for the manifest (spool files are only ever appended to).
    info.size = size
    info.mode = 0o600
    try:
        with path.open("rb") as source:
            info.mtime = int(os.fstat(source.fileno()).st_mtime)
            counted = _Counted(source)
            tar.addfile(info, counted)
    except OSError as error:
        raise BackupError(
            _("The file %(name)s changed while the backup was made; make the backup again.")
            % {"name": arcname}
        ) from error
    if sha256 is not None and counted.digest.hexdigest() != sha256:
        raise BackupError(
            _("The file %(name)s changed while the backup was made; make the backup again.")
            % {"name": arcname}
        )


def make_archive(target: Path, key: bytes | None = None) -> dict:
    """Write the install's archive to ``target``, sealed with ``key`` (the operator's backup
    key when not given); return its manifest."""
    target = Path(target)
    key = key if key is not None else backup_key(create=True).secret
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.json"
        # One moment for rows, counts and digests. PostgreSQL's default isolation would let
        # each query see later commits; SQLite keeps one snapshot per transaction anyway.
        snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
        with transaction.atomic():
            if snapshot:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            call_command(
                "dumpdata",
                "--all",
                *[f"--exclude={label}" for label in EXCLUDED],
                # Unmanaged models hold no rows of their own (the search's full-text tables
                # are indexes of its entries, rebuilt as the entries are loaded).
                *[f"--exclude={m._meta.label}" for m in apps.get_models() if not m._meta.managed],
                output=str(data),
                verbosity=0,
            )
            counts, digests = row_counts(), row_digests()
        states = {name: file_states(root) for name, root in file_roots().items()}
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "rows": counts,
            "digests": digests,
            **{n: {k: sha for k, (sha, _size) in files.items()} for n, files in states.items()},
        }
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        try:
            with create_private(partial) as out:
                sealed = SealedWriter(out, key)
                with tarfile.open(fileobj=sealed, mode="w|gz") as tar:
                    raw = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
                    info = tarfile.TarInfo("manifest.json")
                    info.size, info.mtime, info.mode = len(raw), int(time.time()), 0o600
                    tar.addfile(info, io.BytesIO(raw))
                    _add_file(tar, data, "data.json", None, data.stat().st_size)
                    for name, root in file_roots().items():
                        for relative, (sha256, size) in states[name].items():
                            _add_file(tar, root / relative, f"{name}/{relative}", sha256, size)
                sealed.finish()
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    os.replace(partial, target)  # never a half-written archive under the real name
    return manifest


def file_count(manifest: dict) -> int:
    return sum(len(manifest.get(name, {})) for name in file_roots())


def is_empty_install() -> bool:
    """Migrated and untouched: no accounts, and only Wagtail's first pages."""
    return not get_user_model().objects.exists() and Page.objects.count() <= 2


def _parts(name: object) -> tuple[str, ...]:
    """The steps of a file name from an archive, refused unless each is a plain step down."""
    parts = tuple(name.split("/")) if isinstance(name, str) else ()
    if (
        not parts
        or any(part in ("", ".", "..") for part in parts)
        or "\\" in name
        or "\x00" in name
    ):
        raise BackupError(
            _("The archive names a file outside the install's folders: %(name)s") % {"name": name}
        )
    return parts


def _destination(root: Path, name: str) -> Path:
    """Where ``name`` goes under ``root``, checked before anything is written anywhere."""
    destination = root.joinpath(*_parts(name))
    # A link already in the install (or planted in it) must not carry a file elsewhere.
    if not destination.resolve().is_relative_to(root.resolve()):
        raise BackupError(
            _(
                "The archive's file %(name)s would be written through a link that leads "
                "outside the install."
            )
            % {"name": name}
        )
    if os.path.lexists(destination):
        raise BackupError(
            _(
                "The archive's file %(name)s already exists in this install; a restore never "
                "replaces files."
            )
            % {"name": name}
        )
    return destination


def _read_manifest(raw: bytes) -> dict:
    try:
        manifest = json.loads(raw)
    except ValueError:
        manifest = None
    sections = file_roots()
    if (
        not isinstance(manifest, dict)
        or not isinstance(manifest.get("rows"), dict)
        or not isinstance(manifest.get("digests"), dict)
        or not all(isinstance(manifest.get(name, {}), dict) for name in sections)
    ):
        raise BackupError(_("The archive's manifest is missing or malformed."))
    if manifest.get("format") != FORMAT:
        raise BackupError(_("This archive was made by a version Prakat cannot read."))
    return manifest


def _unpack(stream: tarfile.TarFile, staging: Path) -> tuple[dict, dict[Path, Path]]:
    """Read the archive once, front to back, into ``staging``; return its manifest and, for
    every file, where it is staged and where it will go. Every name is checked, and every
    file's SHA-256 compared, before the install is touched."""
    manifest = None
    plan: dict[Path, Path] = {}
    staged: set[str] = set()
    for member in stream:
        if not member.isreg():
            raise BackupError(
                _(
                    "The archive holds %(name)s, which is not a plain file: links and devices "
                    "are refused."
                )
                % {"name": member.name}
            )
        parts = _parts(member.name)
        if manifest is None:
            if member.name != "manifest.json":
                raise BackupError(_("The archive's manifest is missing or malformed."))
            manifest = _read_manifest(stream.extractfile(member).read())
            roots = file_roots()
            for section, root in roots.items():
                for name in manifest.get(section, {}):
                    plan[staging / section / Path(*_parts(name))] = _destination(root, name)
            continue
        section, name = parts[0], "/".join(parts[1:])
        if member.name == "data.json":
            target = staging / "data.json"
        elif section in file_roots() and name in manifest.get(section, {}):
            target = staging.joinpath(*parts)
        else:
            target = None
        if target is None or member.name in staged:
            raise BackupError(
                _("The archive holds %(name)s, which its manifest does not list.")
                % {"name": member.name}
            )
        staged.add(member.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with stream.extractfile(member) as source, target.open("xb") as out:
            while chunk := source.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
        if target != staging / "data.json" and digest.hexdigest() != manifest[section][name]:
            raise BackupError(
                _("The archive's file %(name)s differs from its manifest (SHA-256).")
                % {"name": member.name}
            )
    if manifest is None:
        raise BackupError(_("The archive's manifest is missing or malformed."))
    for section in file_roots():
        for name in manifest.get(section, {}):
            if f"{section}/{name}" not in staged:
                raise BackupError(
                    _("The archive lacks %(name)s, which its manifest lists.")
                    % {"name": f"{section}/{name}"}
                )
    if "data.json" not in staged:
        raise BackupError(
            _("The archive lacks %(name)s, which its manifest lists.") % {"name": "data.json"}
        )
    return manifest, plan


def extract(source: Path, staging: Path, key: bytes) -> tuple[dict, dict[Path, Path]]:
    """Open, authenticate, unpack and check an archive into ``staging``, refusing anything but
    plain files whose names its manifest lists and whose places in the install are free and
    inside it."""
    try:
        with Path(source).open("rb") as file:
            opened = SealedReader(file, key)
            with tarfile.open(fileobj=opened, mode="r|gz") as stream:
                found = _unpack(stream, staging)
            opened.read_to_end()  # what was read counts only once the last chunk opens
            return found
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise BackupError(
            _("This file is not a Prakat archive or is damaged: %(error)s") % {"error": error}
        ) from error


def _place(plan: dict[Path, Path], created: list[Path]) -> None:
    """Copy the staged files to their places, recording each folder and file made, so a
    refusal can take away exactly what the restore added and nothing else."""
    for staged, destination in plan.items():
        missing = []
        folder = destination.parent
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for folder in reversed(missing):
            folder.mkdir()
            created.append(folder)
        # "x": never replace a file, even one that appeared since the names were checked.
        with staged.open("rb") as source, destination.open("xb") as out:
            created.append(destination)
            shutil.copyfileobj(source, out, 1 << 20)


def _remove(created: list[Path]) -> None:
    for path in reversed(created):
        with contextlib.suppress(OSError):  # a folder someone else wrote into meanwhile stays
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink()


def _check_rows(manifest: dict) -> None:
    """Every table holds what the archive says it held: as many rows, with the same content.
    A table the archive does not name must be empty."""
    counts, digests = row_counts(), row_digests()
    expected_counts, expected_digests = manifest["rows"], manifest["digests"]
    tables = sorted(set(counts) | set(expected_counts) | set(expected_digests))
    wrong = [t for t in tables if counts.get(t) != expected_counts.get(t, 0)]
    if wrong:
        raise BackupError(
            _("Row count check failed: the restored rows do not match the archive: %(models)s")
            % {"models": ", ".join(wrong)}
        )
    altered = [t for t in tables if digests.get(t) != expected_digests.get(t, EMPTY_TABLE)]
    if altered:
        raise BackupError(
            _(
                "Row content check failed: the content of the restored rows of %(models)s "
                "differs from the digest in the archive's manifest."
            )
            % {"models": ", ".join(altered)}
        )


def restore_archive(source: Path, key: bytes | None = None) -> dict:
    """Load ``source`` into this empty install, opening it with ``key`` (the operator's backup
    key when not given); return its manifest."""
    if not is_empty_install():
        raise BackupError(
            _("Restore only into an empty install: this one already has accounts or pages.")
        )
    key = key if key is not None else backup_key().secret
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp)
        manifest, plan = extract(source, staging, key)
        created: list[Path] = []
        try:
            with transaction.atomic():
                token = _restoring.set(True)
                try:
                    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
                    call_command("loaddata", str(staging / "data.json"), verbosity=0)
                finally:
                    _restoring.reset(token)
                _check_rows(manifest)
                _place(plan, created)
        except Exception:
            _remove(created)  # the rows rolled back; the files and folders added go too
            raise
    return manifest
