"""Private files: kept beside the media folder, never inside it, so no URL leads to them.

Complaint attachments and the archived monthly reports hold personal data; they are handed
out only by views that check who asks. ``PRAKAT_PRIVATE_ROOT`` sets the folder (default
``private/`` beside the media folder); backups include it.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_root() -> Path:
    configured = getattr(settings, "PRAKAT_PRIVATE_ROOT", None)
    return Path(configured or Path(settings.MEDIA_ROOT).parent / "private")


class PrivateStorage(FileSystemStorage):
    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:  # read each time: tests move MEDIA_ROOT per test
        return str(private_root())

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL.")


private_storage = PrivateStorage()


def get_private_storage() -> PrivateStorage:
    return private_storage
