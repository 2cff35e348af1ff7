"""The sealed envelope around an archive: encrypted at rest, and any change to it detected.

An archive holds personal data and password hashes, and a restore loads whatever it holds, so
the file is sealed with a key only the operator holds (see ``keys``). It is written and read as
a stream, so archives larger than memory (the media) are fine::

    header   "PRKTBKUP" · version (1 byte) · chunk size (4 bytes) · salt (32) · key check (32)
    chunks   AES-256-GCM of each CHUNK bytes of the archive (the last one may be shorter),
             each followed by its 16-byte tag

Each archive has its own random salt; HKDF-SHA256 turns the operator's key and the salt into
this archive's encryption key and its key check. The key check tells a wrong key apart from
altered bytes. Chunk ``i`` is sealed under the nonce ``i`` (11 bytes) · ``last`` (1 byte) with
the whole header as associated data, so a chunk changed, dropped, moved, taken from another
archive or cut off at the end (the last chunk must carry ``last = 1``) fails to open. The
archive's key is used for this one archive only, so a nonce never repeats under a key.
"""

from __future__ import annotations

import hmac
import io
import os
import secrets
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.utils.translation import gettext as _

from prakat.backup.errors import BackupError

MAGIC = b"PRKTBKUP"
VERSION = 1
CHUNK = 1 << 16
MAX_CHUNK = 1 << 24  # what a reader accepts: memory for one chunk stays small
TAG = 16
SALT = 32
CHECK = 32
HEADER = len(MAGIC) + 1 + 4 + SALT + CHECK


def _derive(key: bytes, salt: bytes) -> tuple[AESGCM, bytes]:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32 + CHECK, salt=salt, info=b"prakat backup archive"
    ).derive(key)
    return AESGCM(derived[:32]), derived[32:]


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class SealedWriter(io.RawIOBase):
    """A write-only stream that seals what is written to it into ``out``, chunk by chunk."""

    def __init__(self, out: BinaryIO, key: bytes):
        super().__init__()
        salt = secrets.token_bytes(SALT)
        self._aead, check = _derive(key, salt)
        self._header = MAGIC + bytes([VERSION]) + CHUNK.to_bytes(4, "big") + salt + check
        self._out = out
        self._out.write(self._header)
        self._buffer = bytearray()
        self._index = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        # A full chunk is sealed only once more follows, so the last one is always known.
        while len(self._buffer) > CHUNK:
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _seal(self, plain: bytes, *, last: bool) -> None:
        self._out.write(self._aead.encrypt(_nonce(self._index, last), plain, self._header))
        self._index += 1

    def finish(self) -> None:
        """Seal what is left as the last chunk; an archive never finished never opens."""
        self._seal(bytes(self._buffer), last=True)
        self._buffer.clear()
        self.close()


class SealedReader(io.RawIOBase):
    """A read-only stream of what ``source`` seals, each chunk checked before it is given out.

    Only a read to the end proves the archive whole (the last chunk is checked last): call
    ``read_to_end`` before acting on anything read."""

    def __init__(self, source: BinaryIO, key: bytes):
        super().__init__()
        self._source = source
        header = _read_exactly(source, HEADER)
        if len(header) < HEADER or not header.startswith(MAGIC):
            raise BackupError(_("This file is not a Prakat backup archive."))
        if header[len(MAGIC)] != VERSION:
            raise BackupError(_("This archive was made by a version Prakat cannot read."))
        chunk = int.from_bytes(header[len(MAGIC) + 1 : len(MAGIC) + 5], "big")
        if not 0 < chunk <= MAX_CHUNK:
            raise BackupError(_("This file is not a Prakat backup archive."))
        salt = header[len(MAGIC) + 5 : len(MAGIC) + 5 + SALT]
        self._aead, check = _derive(key, salt)
        if not hmac.compare_digest(check, header[-CHECK:]):
            raise BackupError(
                _(
                    "Key check failed: the backup key does not open this archive (it was made "
                    "with another key, or its header was altered)."
                )
            )
        self._header = header
        self._size = chunk + TAG
        self._next = _read_exactly(source, self._size)
        self._index = 0
        self._done = False
        self._plain = b""

    def readable(self) -> bool:
        return True

    def _open_next(self) -> bytes:
        sealed, self._next = self._next, _read_exactly(self._source, self._size)
        last = not self._next
        try:
            plain = self._aead.decrypt(_nonce(self._index, last), sealed, self._header)
        except InvalidTag:
            raise BackupError(
                _(
                    "Authentication failed at part %(part)s of the archive: its bytes were "
                    "altered, cut short, reordered or taken from another archive."
                )
                % {"part": self._index + 1}
            ) from None
        self._index += 1
        self._done = last
        return plain

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._plain) < size):
            self._plain += self._open_next()
        if size < 0:
            size = len(self._plain)
        taken, self._plain = self._plain[:size], self._plain[size:]
        return taken

    def readinto(self, buffer) -> int:
        taken = self.read(len(buffer))
        buffer[: len(taken)] = taken
        return len(taken)

    def read_to_end(self) -> None:
        """Check every chunk left, up to and including the last."""
        while not self._done:
            self._open_next()
        self._plain = b""


def _read_exactly(source: BinaryIO, size: int) -> bytes:
    parts, missing = [], size
    while missing:
        part = source.read(missing)
        if not part:
            break
        parts.append(part)
        missing -= len(part)
    return b"".join(parts)


def create_private(path: Path) -> BinaryIO:
    """A new file only its owner can read, from the first byte written (it holds personal
    data): an existing file of that name is replaced."""
    path.unlink(missing_ok=True)
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
