"""One archive holds an install: its database and its media, with a manifest to check both.

``make_archive`` writes a ``.tar.gz`` with ``manifest.json`` (when, versions, the number of rows
of every model, the SHA-256 of every file), ``data.json`` (every row of every model, primary
keys kept, so links between rows survive), ``media/`` and ``private/`` (the files no URL leads
to: complaint attachments, archived monthly reports). ``restore_archive`` puts it
into an empty install (migrated, nothing added) and checks the result against the manifest: a
restore that does not reproduce every row count and every file byte for byte is refused and
rolled back.
"""

from __future__ import annotations

import contextvars
import hashlib
import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

FORMAT = 1
# Set while an archive's rows are loaded: what the load does is the archive's past, not a
# person's action, and listeners (the audit log) leave it alone.
_restoring: contextvars.ContextVar[bool] = contextvars.ContextVar("prakat_restoring", default=False)


def restoring() -> bool:
    return _restoring.get()


# Sign-in sessions are not part of an install's records: a restored site starts signed out.
EXCLUDED = ("sessions",)


class BackupError(Exception):
    """The archive cannot be made or restored; the message says why, in Thai."""


def _models():
    for model in apps.get_models():
        if model._meta.app_label in EXCLUDED or not model._meta.managed or model._meta.proxy:
            continue
        yield model


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._base_manager.count() for m in _models()}


def media_hashes(root: Path | None = None) -> dict[str, str]:
    root = Path(root or settings.MEDIA_ROOT)
    hashes = {}
    if root.exists():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            hashes[path.relative_to(root).as_posix()] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return hashes


def file_roots() -> dict[str, Path]:
    """The folders whose files belong to the install, by their name in the archive."""
    from prakat.content.storage import private_root

    return {"media": Path(settings.MEDIA_ROOT), "private": private_root()}


def make_archive(target: Path) -> dict:
    """Write the install's archive to ``target``; return its manifest."""
    target = Path(target)
    data = io.StringIO()
    with transaction.atomic():  # one consistent moment for rows and counts
        call_command(
            "dumpdata",
            "--all",
            *[f"--exclude={label}" for label in EXCLUDED],
            stdout=data,
        )
        counts = row_counts()
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "rows": counts,
        **{name: media_hashes(root) for name, root in file_roots().items()},
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with tarfile.open(partial, "w:gz") as tar:
        for name, text in (
            ("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1)),
            ("data.json", data.getvalue()),
        ):
            raw = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(raw))
        for name, root in file_roots().items():
            for relative in manifest[name]:
                tar.add(root / relative, arcname=f"{name}/{relative}")
    os.replace(partial, target)  # never a half-written archive under the real name
    target.chmod(0o600)  # it holds personal data and password hashes
    return manifest


def is_empty_install() -> bool:
    """Migrated and untouched: no accounts, and only Wagtail's first pages."""
    return not get_user_model().objects.exists() and Page.objects.count() <= 2


def extract(source: Path, folder: Path) -> Path:
    """Unpack an archive into ``folder``, refusing any member that would land outside it."""
    try:
        with tarfile.open(source, "r:gz") as tar:
            # The "data" filter refuses absolute paths, "..", links out of the folder, devices.
            tar.extractall(folder, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(
            _("This file is not a Prakat archive or is damaged: %(error)s") % {"error": error}
        ) from error
    return folder


def restore_archive(source: Path) -> dict:
    """Load ``source`` into this empty install; return its manifest."""
    if not is_empty_install():
        raise BackupError(
            _("Restore only into an empty install: this one already has accounts or pages.")
        )
    with tempfile.TemporaryDirectory() as tmp:
        folder = extract(source, Path(tmp))
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise BackupError(_("This archive was made by a version Prakat cannot read."))
        written: list[Path] = []
        try:
            with transaction.atomic():
                token = _restoring.set(True)
                try:
                    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
                    call_command("loaddata", str(folder / "data.json"), verbosity=0)
                finally:
                    _restoring.reset(token)
                counts = row_counts()
                wrong = sorted(k for k, v in manifest["rows"].items() if counts.get(k) != v)
                if wrong:
                    raise BackupError(
                        _("The restored rows do not match the archive: %(models)s")
                        % {"models": ", ".join(wrong)}
                    )
                for name, root in file_roots().items():
                    for relative in manifest.get(name, {}):
                        destination = root / relative
                        destination.parent.mkdir(parents=True, exist_ok=True)
                        destination.write_bytes((folder / name / relative).read_bytes())
                        written.append(destination)
                    expected = manifest.get(name, {})
                    restored = {k: v for k, v in media_hashes(root).items() if k in expected}
                    if restored != expected:
                        raise BackupError(_("A restored file differs from the archive."))
        except Exception:
            for path in written:  # nothing half-done: the rows rolled back, the files go too
                path.unlink(missing_ok=True)
            raise
    return manifest
