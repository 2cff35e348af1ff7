"""The public's timetables: the event calendar (a page listing the published events month by
month, and the same events as an iCalendar feed a phone's calendar subscribes to), and the
clinics' schedules with their doctors and the changes to come."""

from __future__ import annotations

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.models import Site

from prakat.content.embeds import agency_of_request
from prakat.content.events import shown_events
from prakat.content.schedules import WEEKDAYS, Clinic
from prakat.thai.dates import format_month, to_bangkok


def calendar(request: HttpRequest) -> TemplateResponse:
    now = timezone.now()
    events = list(shown_events())
    coming = [event for event in events if event.ends_at >= now]
    months = [
        (format_month(*month), list(in_month))
        for month, in_month in groupby(
            coming, key=lambda e: (to_bangkok(e.starts_at).year, to_bangkok(e.starts_at).month)
        )
    ]
    past = [event for event in events if event.ends_at < now][::-1]
    return TemplateResponse(
        request,
        "content/calendar.html",
        {"months": months, "past": past},
    )


def calendar_feed(request: HttpRequest) -> HttpResponse:
    """The published events as iCalendar (RFC 5545): each keeps its UID across changes, so a
    subscriber's calendar updates the event rather than adding it again."""
    # Why here: the library takes some 9 MB a process, and only the feed's requests use it.
    from icalendar import Calendar
    from icalendar import Event as CalendarEvent

    agency = agency_of_request(request)
    name = gettext("%(agency)s: events") % {"agency": agency.name if agency else ""}
    feed = Calendar()
    feed.add("prodid", "-//Prakat//Event calendar//TH")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", "Asia/Bangkok")
    # The site's own name, not the one the request came by: a subscriber who reaches the
    # site by two names still has each event once.
    site = Site.find_for_request(request)
    host = site.hostname if site is not None else request.get_host().split(":")[0]
    for event in shown_events():
        entry = CalendarEvent()
        entry.add("uid", f"{event.uid}@{host}")
        entry.add("dtstamp", event.last_published_at or event.starts_at)
        entry.add("dtstart", event.starts_at)
        entry.add("dtend", event.ends_at)
        entry.add("summary", event.title)
        if event.location:
            entry.add("location", event.location)
        if event.description:
            entry.add("description", event.description)
        if event.link:
            entry.add("url", event.link)
        entry.add("categories", [str(event.get_kind_display())])
        feed.add_component(entry)
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response


def clinic_schedules(request: HttpRequest) -> TemplateResponse:
    """Each published clinic with its sessions by day and hour (and who sees patients), the
    changes still to come, and when its schedule was last published."""
    clinics = list(
        Clinic.objects.filter(live=True).prefetch_related("changes", "sessions__doctor__photo")
    )
    days = dict(WEEKDAYS)
    shown = [
        {
            "clinic": clinic,
            "sessions": [
                (days[session.weekday], session)
                for session in sorted(clinic.sessions.all(), key=lambda s: (s.weekday, s.starts))
            ],
            "changes": clinic.shown_changes(),
        }
        for clinic in clinics
    ]
    return TemplateResponse(request, "content/clinic_schedules.html", {"clinics": shown})
