"""The backup key: what seals archives, held by the operator.

``PRAKAT_BACKUP_KEY`` names it (64 hexadecimal digits: 32 random bytes); when it is unset, a
key is made once into ``var/backup_key`` (readable by its owner only), as the site's secret
key is. Without the key an archive cannot be opened, so a copy must live somewhere other than
the machine whose loss the backup is meant to survive.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from prakat.backup.errors import BackupError

KEY_BYTES = 32
ENVIRONMENT = "PRAKAT_BACKUP_KEY"


@dataclasses.dataclass(frozen=True)
class BackupKey:
    secret: bytes
    source: str  # where it came from, to tell the operator
    new: bool = False  # made just now: nobody has a copy of it yet


def key_file() -> Path:
    return Path(settings.VAR_DIR) / "backup_key"


def _parse(text: str, source: str) -> bytes:
    try:
        secret = bytes.fromhex(text.strip())
    except ValueError:
        secret = b""
    if len(secret) != KEY_BYTES:
        raise BackupError(
            _(
                "The backup key in %(source)s is not 64 hexadecimal digits (32 random bytes). "
                'Make one with: python -c "import secrets; print(secrets.token_hex(32))"'
            )
            % {"source": source}
        )
    return secret


def backup_key(*, create: bool = False) -> BackupKey:
    """The operator's key: from the environment, else the key file; with ``create``, a key
    file is made when there is none (a backup), never on a restore (a made-up key opens
    nothing)."""
    if configured := settings.BACKUP_KEY:
        return BackupKey(_parse(configured, ENVIRONMENT), ENVIRONMENT)
    path = key_file()
    new = False
    if not path.exists():
        if not create:
            raise BackupError(
                _(
                    "No backup key: set %(variable)s, or put the key file at %(path)s "
                    "(readable by its owner only)."
                )
                % {"variable": ENVIRONMENT, "path": path}
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole, readable by its owner only from the first byte, never over a key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(KEY_BYTES) + "\n")
        new = True
    return BackupKey(_parse(path.read_text(), str(path)), str(path), new)
