"""Private files: kept beside the media folder, never inside it, so no URL leads to them.

Documents, image renditions, complaint attachments and the archived monthly reports are
handed out only by views that check who asks (and, for documents and images, whether what
holds them is on the site). ``PRAKAT_PRIVATE_ROOT`` sets the folder (default
``private/`` beside the media folder); backups include it.

Which storage holds them is the setting ``STORAGES``: the folders here by default, an
S3-compatible bucket when several machines share one site (``prakat.content.bucket``). Code
reaches them through ``private_storage`` and the ``renditions`` storage, never a class.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.urls import reverse
from django.utils.functional import LazyObject, empty


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


class ConfiguredPrivateStorage(LazyObject):
    """The storage ``STORAGES["private"]`` names, looked up when first used: model fields
    and callers hold this one object, whichever storage the install configures."""

    def _setup(self) -> None:
        self._wrapped = storages["private"]


private_storage = ConfiguredPrivateStorage()


def get_private_storage() -> ConfiguredPrivateStorage:
    return private_storage


def _storages_changed(*, setting: str, **kwargs) -> None:
    if setting == "STORAGES":
        private_storage._wrapped = empty


setting_changed.connect(_storages_changed, dispatch_uid="prakat_private_storage")


def unguessable_name(filename: str, folder: str) -> str:
    """``folder/<random>.<ext>``: a stored name that says nothing and cannot be guessed.

    The person's own file name is kept on the row (and used when the file is handed out);
    on disk or in a bucket the name is random, so knowing a title or a file name never
    leads to a file.
    """
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"{folder}/{secrets.token_hex(16)}{extension}"


class RenditionNames:
    """Renditions' names and URLs, wherever they are stored: a random folder each (a
    rendition's name says which image it shows), and a URL to the image view."""

    def generate_filename(self, filename: str) -> str:
        folder, name = os.path.split(filename)
        return super().generate_filename(os.path.join(folder, secrets.token_hex(8), name))

    def url(self, name, *args, **kwargs) -> str:
        return reverse("image_rendition", args=[name])


class RenditionStorage(RenditionNames, PrivateStorage):
    """Image renditions, with the private files: the image view hands them out after
    checking that the image is on the site, or that the person may see it."""

    @property
    def base_location(self) -> str:
        return str(private_root() / "renditions")
