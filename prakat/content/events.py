"""The agency's event calendar: mobile clinics, campaigns and meetings open to the public.

Events are Wagtail snippets with drafts and publishing, so a webmaster prepares one and puts
it up when it is ready, and Wagtail logs who did; the public sees the published ones on the
calendar page and subscribes to them as an iCalendar feed (``/calendar.ics``), which phones'
calendars follow.
"""

from __future__ import annotations

import datetime
import uuid

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import DraftStateMixin, RevisionMixin

from prakat.thai.dates import format_date, to_bangkok

# Past events the calendar and the feed still carry: a subscriber's calendar keeps what it
# was given, and a visitor may look back at last month's mobile clinic.
KEPT_AFTER = datetime.timedelta(days=90)


class EventKind(models.TextChoices):
    MOBILE_CLINIC = "mobile_clinic", _("Mobile clinic")
    CAMPAIGN = "campaign", _("Campaign")
    MEETING = "meeting", _("Meeting open to the public")
    OTHER = "other", _("Other activity")


class Event(DraftStateMixin, RevisionMixin, models.Model):
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.MOBILE_CLINIC
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=255, blank=True)
    description = models.TextField(_("details"), blank=True)
    link = models.URLField(_("link for more"), blank=True)
    # The event's name in subscribers' calendars: the same across every change of it.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="event")

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("location"),
        FieldPanel("description"),
        FieldPanel("link"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["live", "ends_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def revisions(self):
        return self._revisions

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("An event ends after it starts.")})

    @property
    def when(self) -> str:
        """``5 ธันวาคม 2569 เวลา 08.30–12.00 น.``, or its first and last day when it spans
        several, in Bangkok time."""
        start, end = to_bangkok(self.starts_at), to_bangkok(self.ends_at)
        if start.date() == end.date():
            return gettext("%(date)s, %(start)s–%(end)s") % {
                "date": format_date(start),
                "start": f"{start:%H.%M}",
                "end": f"{end:%H.%M}",
            }
        return gettext("%(start)s – %(end)s") % {
            "start": f"{format_date(start)} {start:%H.%M}",
            "end": f"{format_date(end)} {end:%H.%M}",
        }


def shown_events() -> models.QuerySet[Event]:
    """The published events the public sees: those not yet over, and those over for less
    than ``KEPT_AFTER``, soonest first."""
    return Event.objects.filter(live=True, ends_at__gte=timezone.now() - KEPT_AFTER)
