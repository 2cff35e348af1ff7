"""Uploads larger than the agency's limit are cut off as they arrive.

Django writes every uploaded file to memory or a temporary file in full before any form sees
it, so a 2 GB upload would fill the disk before the upload policy could refuse it. This
handler keeps at most the limit plus one byte of each file and drops the rest as it streams
in, while still counting it: the form then sees the file's real size and refuses it with the
policy's Thai message, and nothing beyond the limit ever reaches memory or disk.
"""

from __future__ import annotations

from django.core.files.uploadhandler import TemporaryFileUploadHandler

from prakat.agency.models import DEFAULT_MAX_UPLOAD_SIZE_MB, Agency


def upload_limit_bytes() -> int:
    agency = Agency.current()
    megabytes = agency.max_upload_size_mb if agency else DEFAULT_MAX_UPLOAD_SIZE_MB
    return megabytes * 1024 * 1024


class BoundedUploadHandler(TemporaryFileUploadHandler):
    """Keeps at most ``limit + 1`` bytes of each file, but reports its full size."""

    def __init__(self, request=None, limit: int | None = None) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.kept = 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        if self.limit is None:
            self.limit = upload_limit_bytes()
        self.received = self.kept = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        room = self.limit + 1 - self.kept
        if room > 0:
            part = raw_data[:room]
            self.file.write(part)
            self.kept += len(part)

    def file_complete(self, file_size: int):
        self.file.seek(0)
        self.file.size = self.received  # the policy judges the size that was sent
        return self.file
