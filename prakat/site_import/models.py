"""One import of an old website: the export file, the webmaster's mapping, the report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from prakat.agency.models import Unit
from prakat.content.storage import get_private_storage, unguessable_name


def export_file_path(instance: SiteImport, filename: str) -> str:
    return unguessable_name(filename, "site_imports")


class Stage(models.TextChoices):
    MAPPING = "mapping", _("Waiting for the mapping")
    QUEUED = "queued", _("Waiting for the job worker")
    RUNNING = "running", _("Being brought in")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Outcome(models.TextChoices):
    IMPORTED = "imported", _("Brought in")
    SKIPPED = "skipped", _("Left out")
    REFUSED = "refused", _("Refused")


class Kind(models.TextChoices):
    POST = "post", _("Post")
    PAGE = "page", _("Page")
    FILE = "file", _("File")
    OTHER = "other", _("Other entry")


class SiteImport(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    export_file = models.FileField(
        _("WordPress export file"),
        upload_to=export_file_path,
        storage=get_private_storage,
        max_length=255,
    )
    file_name = models.CharField(_("file name"), max_length=255)
    source_title = models.CharField(_("old website"), max_length=255, blank=True)
    source_url = models.CharField(_("old website's address"), max_length=500, blank=True)
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.MAPPING
    )
    # The webmaster's answers: each old category's new category (page id, or None: left
    # out), whether the old pages become general pages, the items' owner unit, and where
    # the old site's files can be fetched now.
    category_map = models.JSONField(default=dict, blank=True)
    import_pages = models.BooleanField(_("bring the old pages as general pages"), default=True)
    owner_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner unit of the items brought in"),
    )
    # What the mapping screen shows of the export, read once when it was uploaded: the old
    # site's categories with their published posts, and how many posts, pages and files.
    summary = models.JSONField(default=dict, blank=True)
    files_url = models.CharField(
        _("address to fetch the old files from"), max_length=500, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    failure = models.TextField(blank=True)

    class Meta:
        verbose_name = _("old website import")
        verbose_name_plural = _("old website imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


class ReportRow(models.Model):
    """What became of one post, page or file of the old site."""

    site_import = models.ForeignKey(SiteImport, on_delete=models.CASCADE, related_name="rows")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=500)
    old_url = models.CharField(_("old address"), max_length=1000, blank=True)
    new_url = models.CharField(_("new address"), max_length=1000, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("import report row")
        verbose_name_plural = _("import report rows")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title
