"""Doctors' and clinics' schedules: which clinic is open on which day and hours, and which
doctor sees patients there, with the changes patients must know before they come (a doctor
away, a clinic closed on a day) shown with their dates.

A clinic is a Wagtail snippet with drafts and publishing: a webmaster prepares a new schedule
and puts it up when it starts, and Wagtail keeps each version and who published it. Doctors
are snippets too, with their photo and specialty, shown beside their sessions.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
# A change is shown from when it is put up until this long after its day.
CHANGE_SHOWN_AFTER = datetime.timedelta(days=1)


class Doctor(models.Model):
    """A doctor who sees patients in the clinics; the photo is the public's once the doctor
    is in a published clinic's sessions (``prakat.content.access.shown_on_the_site``)."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("With the title, e.g. นพ. or พญ.")
    )
    specialty = models.CharField(_("specialty"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )

    panels = [FieldPanel("name"), FieldPanel("specialty"), FieldPanel("photo")]

    class Meta:
        verbose_name = _("doctor")
        verbose_name_plural = _("doctors")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.specialty})" if self.specialty else self.name


class Clinic(DraftStateMixin, RevisionMixin, ClusterableModel):
    name = models.CharField(_("clinic"), max_length=200)
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("e.g. building 2, first floor")
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("e.g. how to book a visit."))
    sort_order = models.PositiveSmallIntegerField(_("order on the page"), default=100)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="clinic")

    panels = [
        FieldPanel("name"),
        FieldPanel("place"),
        FieldPanel("notes"),
        FieldPanel("sort_order"),
        InlinePanel("sessions", heading=_("Days and hours"), label=_("session"), min_num=1),
        InlinePanel("changes", heading=_("Changes patients must know"), label=_("change")),
    ]

    class Meta:
        verbose_name = _("clinic")
        verbose_name_plural = _("clinic schedules")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def shown_changes(self) -> list[ClinicChange]:
        """The changes still to come (or today's), soonest first."""
        today = timezone.localdate()
        return sorted(
            (change for change in self.changes.all() if change.day >= today),
            key=lambda change: change.day,
        )


class ClinicSession(Orderable):
    clinic = ParentalKey(Clinic, on_delete=models.CASCADE, related_name="sessions")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    doctor = models.ForeignKey(
        Doctor,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("doctor"),
    )

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("starts"), FieldPanel("ends")]),
        FieldPanel("doctor"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")

    def clean(self) -> None:
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": _("A session ends after it starts.")})


class ClinicChange(Orderable):
    clinic = ParentalKey(Clinic, on_delete=models.CASCADE, related_name="changes")
    day = models.DateField(_("day"))
    text = models.CharField(
        _("what changes"),
        max_length=300,
        help_text=_("e.g. the clinic is closed; another doctor sees patients."),
    )

    panels = [FieldRowPanel([FieldPanel("day"), FieldPanel("text")])]

    class Meta(Orderable.Meta):
        verbose_name = _("change")
