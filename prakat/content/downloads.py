"""The downloads centre: the forms, manuals and guides the public takes away, by kind and
year, found by their titles and by the words inside their files, with how often each was
downloaded.

A download is a Wagtail snippet with drafts and publishing, kept by those who run the site;
its file becomes the public's only while the download is published (``document_is_public``).
The file's text is read once, when the download is saved, for the search.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import DraftStateMixin, RevisionMixin

from prakat.content.document_text import plain_text
from prakat.content.download_form import DownloadForm
from prakat.thai.text import normal_form


class DownloadKind(models.TextChoices):
    FORM = "form", _("Form")
    MANUAL = "manual", _("Manual")
    GUIDE = "guide", _("Guide or practice")
    OTHER = "other", _("Other document")


class Download(DraftStateMixin, RevisionMixin, models.Model):
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=10, choices=DownloadKind.choices, default=DownloadKind.FORM
    )
    year = models.PositiveSmallIntegerField(
        _("year (B.E.)"), help_text=_("The Buddhist-era year of the document, e.g. 2569.")
    )
    document = models.ForeignKey(
        "content.AgencyDocument",
        on_delete=models.PROTECT,
        related_name="downloads",
        verbose_name=_("file"),
    )
    description = models.TextField(_("description"), blank=True)
    # The file's text in the search's normal form, read when the download is saved with a
    # new file: what the search looks in beside the title and the description.
    file_text = models.TextField(editable=False, blank=True)
    # The document that text was read from: a version published again may carry another's.
    file_text_of = models.PositiveIntegerField(null=True, editable=False)
    # Counted by the download's own address, without saving the row (which would move the
    # site version on every download).
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="download")

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldPanel("document"),
        FieldPanel("description"),
        FieldPanel("confirm_personal_data"),
    ]
    base_form_class = DownloadForm

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads centre")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.document_id is not None and self.file_text_of != self.document_id:
            self.file_text = normal_form(read_text(self.document))
            self.file_text_of = self.document_id
        super().save(*args, **kwargs)

    @property
    def revisions(self):
        return self._revisions

    def clean(self) -> None:
        if self.year is not None and not 2500 <= self.year <= 2700:
            raise ValidationError(
                {"year": _("Give the year in the Buddhist era, e.g. 2569 (not 2026).")}
            )


def read_text(document) -> str:
    """The document's text, for the search (empty if it cannot be read: a scan, a picture)."""
    try:
        with document.file.open("rb") as file:
            data = file.read()
    except OSError:
        return ""
    try:
        return plain_text(data, document.file_extension)
    except Exception:
        # A damaged file is not searched inside; the upload policy let it through, and its
        # download is still offered.
        return ""
