"""Files in an S3-compatible bucket, for a site that several machines share.

With ``PRAKAT_S3_BUCKET`` set, the settings name these storages instead of the folders on
disk, as three places in one bucket: ``media/`` (original images, staff avatars),
``private/`` (documents, complaint attachments, archived monthly reports) and
``private/renditions/``. The bucket is never public and nothing here gives a URL into it:
every file is handed out by the site's own views after their checks (documents through
Wagtail's view and its access hook, renditions through the image view, avatars through the
avatar view), so every download is in the traffic log and none outlives a take-down. Names
are as unguessable as on disk (``storage.unguessable_name``), and a name already taken gets
a suffix, never the old file's place.

Imported only when configured: the S3 client is large, and the embedded install needs none.
"""

from __future__ import annotations

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

from prakat.content.storage import RenditionNames


class BucketStorage(S3Storage):
    # As on disk: a second file of one name is kept beside the first, never over it.
    file_overwrite = False


class MediaBucketStorage(BucketStorage):
    """The media folder: its URLs lead to the site (of which only avatars are served)."""

    location = "media"

    def url(self, name, *args, **kwargs) -> str:
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))


class PrivateBucketStorage(BucketStorage):
    location = "private"

    def url(self, name, *args, **kwargs):
        # As Django storages say "no URL": Wagtail then streams a document through its view.
        raise NotImplementedError("Private files have no public URL.")


class RenditionBucketStorage(RenditionNames, BucketStorage):
    location = "private/renditions"
