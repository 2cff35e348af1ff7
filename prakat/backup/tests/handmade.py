"""Archives made and edited by hand, as someone holding (or lacking) the key would."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

from prakat.backup.envelope import SealedReader, SealedWriter


def member(name: str, data: bytes = b"", **fields) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(data) if fields.get("type", tarfile.REGTYPE) == tarfile.REGTYPE else 0
    for field, value in fields.items():
        setattr(info, field, value)
    return info, data


def seal(path: Path, key: bytes, members) -> Path:
    """``members`` as a tar stream sealed with ``key``, in the order given."""
    with path.open("wb") as out:
        sealed = SealedWriter(out, key)
        with tarfile.open(fileobj=sealed, mode="w|gz") as tar:
            for info, data in members:
                tar.addfile(info, io.BytesIO(data) if info.isreg() else None)
        sealed.finish()
    return path


def write_archive(path: Path, key: bytes, files: dict[str, dict[str, str]], members=()) -> Path:
    """A manifest listing ``files`` (section → name → SHA-256), no rows, then ``members``."""
    manifest = {
        "format": 2,
        "created_at": "2026-03-10T10:00:00+07:00",
        "rows": {},
        "digests": {},
        **files,
    }
    return seal(
        path,
        key,
        [
            member("manifest.json", json.dumps(manifest).encode()),
            member("data.json", b"[]"),
            *members,
        ],
    )


def unseal(path: Path, key: bytes) -> list[tuple[tarfile.TarInfo, bytes]]:
    """Every member of a sealed archive, in order."""
    with path.open("rb") as file:
        opened = SealedReader(file, key)
        with tarfile.open(fileobj=opened, mode="r|gz") as tar:
            members = [(info, tar.extractfile(info).read()) for info in tar]
        opened.read_to_end()
    return members
