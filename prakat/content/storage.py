"""Private files: kept beside the media folder, never inside it, so no URL leads to them.

Documents, image renditions, complaint attachments and the archived monthly reports are
handed out only by views that check who asks (and, for documents and images, whether what
holds them is on the site). ``PRAKAT_PRIVATE_ROOT`` sets the folder (default
``private/`` beside the media folder); backups include it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse


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
        # As Django storages say "no URL": callers such as Wagtail fall back to a view.
        raise NotImplementedError("Private files have no public URL.")


private_storage = PrivateStorage()


def get_private_storage() -> PrivateStorage:
    return private_storage


def unguessable_name(filename: str, folder: str) -> str:
    """``folder/<random>.<ext>``: a stored name that says nothing and cannot be guessed.

    The person's own file name is kept on the row (and used when the file is handed out);
    on disk or in a bucket the name is random, so knowing a title or a file name never
    leads to a file.
    """
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"{folder}/{secrets.token_hex(16)}{extension}"


class RenditionStorage(PrivateStorage):
    """Image renditions, with the private files: the image view hands them out after
    checking that the image is on the site, or that the person may see it."""

    @property
    def base_location(self) -> str:
        return str(private_root() / "renditions")

    def generate_filename(self, filename: str) -> str:
        folder, name = os.path.split(filename)
        return super().generate_filename(os.path.join(folder, secrets.token_hex(8), name))

    def url(self, name):
        return reverse("image_rendition", args=[name])
