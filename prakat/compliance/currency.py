"""Currency rules: is each checklist entry's information on the site, and up to date?

The rules are plain functions of the data and of ``today``, which callers pass in; nothing
here reads the clock, so a test can stand on 30 September or 1 October at will.

Quarterly, half-yearly and yearly periods are those of the Thai fiscal year, monthly ones
calendar months, all from ``prakat.thai.calendar``.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field

import holidays
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pythainlp.util import thai_strftime
from wagtail import hooks
from wagtail.models import Page, Site

from prakat.agency.models import Agency, Unit
from prakat.agency.roles import Role
from prakat.content.checklist import Checklist, ChecklistEntry, Renewal, load_checklist
from prakat.content.models import (
    CIO_KEY,
    CONTACT_PARTS,
    EXECUTIVES_KEY,
    CategoryPage,
    InformationItemPage,
    contact_shown,
)
from prakat.thai.calendar import Period, fiscal_period_containing, fiscal_year, fiscal_year_period
from prakat.thai.dates import format_month, format_period

PROCUREMENT_PLAN_KEY = "procurement-plan"
# MOIT 4: the procurement plan is announced within 30 working days of the budget allocation.
PROCUREMENT_PLAN_WORKING_DAYS = 30
# MOIT 2.1.8 asks for a channel for the public's comments; the complaint channel serves too.
COMMENT_CHANNEL_KEYS = ("feedback", "complaint-channels")
# The seeds ask for two webmasters so that publishing never waits on one person's leave.
MIN_WEBMASTERS = 2


class Status(enum.Enum):
    CURRENT = "current"
    DUE = "due"
    EXPIRED = "expired"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])

    @property
    def severity(self) -> int:
        """Higher is worse; a section takes the worst status of its parts."""
        return SEVERITY[self]


STATUS_LABELS = {
    Status.CURRENT: _("Current"),
    Status.DUE: _("Due for renewal"),
    Status.EXPIRED: _("Expired"),
    Status.MISSING: _("Missing"),
}
SEVERITY = {Status.CURRENT: 0, Status.DUE: 1, Status.EXPIRED: 2, Status.MISSING: 3}


# --- renewal periods -----------------------------------------------------------------------

PERIOD_MONTHS = {
    Renewal.MONTHLY: 1,
    Renewal.QUARTERLY: 3,
    Renewal.HALF_YEARLY: 6,
    Renewal.YEARLY: 12,
}


def period_containing(renewal: Renewal, day: datetime.date) -> Period | None:
    """The renewal period ``day`` falls in; None for items renewed only when they change."""
    months = PERIOD_MONTHS.get(renewal)
    if months is None:
        return None
    return fiscal_period_containing(day, months)


def previous_period(renewal: Renewal, day: datetime.date) -> Period | None:
    current = period_containing(renewal, day)
    if current is None:
        return None
    return period_containing(renewal, current.start - datetime.timedelta(days=1))


@dataclass(frozen=True)
class DueOn:
    """A day of the year an entry falls due on, where an event sets it (9 December)."""

    month: int
    day: int


def due_rule(entry: ChecklistEntry, agency: Agency) -> int | DueOn:
    """When ``entry`` falls due: an event's day where one sets it (the anti-corruption day,
    9 December); the agency's day for reports on the fiscal year that has ended; else the
    agency's due day of each period's first month."""
    if entry.due_on:
        return DueOn(*entry.due_on)
    if entry.renewal is Renewal.YEARLY and entry.reports_on_previous_period:
        return DueOn(agency.previous_year_reports_due_month, agency.previous_year_reports_due_day)
    return agency.renewal_due_day


def due_rule_label(entry: ChecklistEntry, agency: Agency) -> str:
    """When the entry falls due, as the dashboard states it beside its status."""
    if entry.key == PROCUREMENT_PLAN_KEY:
        return gettext("Within %(days)d working days of the budget allocation") % {
            "days": PROCUREMENT_PLAN_WORKING_DAYS
        }
    if entry.renewal is Renewal.ON_CHANGE:
        return gettext("When it changes")
    rule = due_rule(entry, agency)
    if isinstance(rule, DueOn) and entry.due_on:
        return gettext("After %(date)s each year, the day of the event") % {
            "date": _day_of_year(rule.month, rule.day)
        }
    if isinstance(rule, DueOn):
        return gettext("By %(date)s, reporting on the fiscal year that has ended") % {
            "date": _day_of_year(rule.month, rule.day)
        }
    if entry.renewal is Renewal.YEARLY:
        return gettext("By %(date)s, covering the fiscal year under way") % {
            "date": _day_of_year(10, rule)
        }
    if entry.reports_on_previous_period:
        return gettext("By day %(day)d of the month after each period") % {"day": rule}
    return gettext("By day %(day)d of each period's first month") % {"day": rule}


def _day_of_year(month: int, day: int) -> str:
    """``31 ธันวาคม``: a day of the year without a year."""
    return thai_strftime(datetime.date(2001, month, day), "%-d %B")


def _due_day(period: Period, due_day: int | DueOn) -> datetime.date:
    """The last day of grace: day D of the period's first month, or the entry's own day of
    the year within the period."""
    if isinstance(due_day, DueOn):
        for year in (period.start.year, period.start.year + 1):
            day = datetime.date(year, due_day.month, due_day.day)
            if period.start <= day <= period.end:
                return day
        return period.end
    return period.start.replace(day=due_day)


# --- working days --------------------------------------------------------------------------


def _thai_holidays(first_year: int, last_year: int) -> holidays.HolidayBase:
    return holidays.Thailand(years=range(first_year, last_year + 1))


def is_working_day(day: datetime.date, calendar: holidays.HolidayBase | None = None) -> bool:
    calendar = calendar if calendar is not None else _thai_holidays(day.year, day.year)
    return day.weekday() < 5 and day not in calendar


def working_days_after(start: datetime.date, n: int) -> datetime.date:
    """The ``n``-th working day after ``start`` (``start`` itself not counted), skipping
    weekends and Thai public holidays."""
    # Sixty working days never span more than a year and a half; extend the calendar as needed.
    calendar = _thai_holidays(start.year, start.year + 1 + n // 200)
    day = start
    counted = 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if is_working_day(day, calendar):
            counted += 1
    return day


# --- the rules -----------------------------------------------------------------------------


def renewal_status(
    renewal: Renewal,
    published: list[datetime.date],
    today: datetime.date,
    due_day: int | DueOn,
) -> tuple[Status, datetime.date | None]:
    """Whether an entry with at least one live item is current or due, and due since when.

    ``published`` holds the Bangkok dates its live items were (last) published. A periodic
    entry is current once an item of this period is up. Until day ``due_day`` of the
    period's first month the previous period's item still counts (grace); after it, the
    entry is due: ``coverage_status`` with each item standing for its publication's period.
    """
    spans = [published_span(renewal, day) for day in published]
    return coverage_status(renewal, [span for span in spans if span is not None], today, due_day)


@dataclass(frozen=True)
class Span:
    """The days an item's data covers (its data period), first and last included."""

    start: datetime.date
    end: datetime.date

    def covers(self, period: Period) -> bool:
        """Covers at least half of ``period``: a summary of 1–31 October covers October, one
        of 2 October – 30 September the fiscal year, and September's covers no day of it."""
        first, last = max(self.start, period.start), min(self.end, period.end)
        overlap = (last - first).days + 1
        return overlap * 2 >= (period.end - period.start).days + 1


def period_before(renewal: Renewal, period: Period) -> Period:
    return previous_period(renewal, period.start)


def coverage_status(
    renewal: Renewal,
    spans: list[Span],
    today: datetime.date,
    due_day: int | DueOn,
    reports_on_previous_period: bool = False,
) -> tuple[Status, datetime.date | None]:
    """Whether an entry whose items cover periods is current or due, and due since when.

    The period now due is the one ``today`` falls in, or the one before it for an entry whose
    items report on the period before (a month's procurement summary is October's in
    November). The entry is current once a live item's data covers that period. Until day
    ``due_day`` of the current period's first month the period before that still counts
    (grace); after it, the entry is due. What was published when does not matter: September's
    summary published again in November to fix a typo does not make October's.
    """
    current = period_containing(renewal, today)
    if current is None:
        return Status.CURRENT, None
    due = period_before(renewal, current) if reports_on_previous_period else current
    if any(span.covers(due) for span in spans):
        return Status.CURRENT, None
    deadline = _due_day(current, due_day)
    if today > deadline:
        return Status.DUE, deadline + datetime.timedelta(days=1)
    if any(span.covers(period_before(renewal, due)) for span in spans):
        return Status.CURRENT, None
    return Status.DUE, _due_day(period_before(renewal, current), due_day) + datetime.timedelta(
        days=1
    )


def periods_missing_this_year(
    renewal: Renewal,
    spans: list[Span],
    today: datetime.date,
    due_day: int | DueOn,
    reports_on_previous_period: bool = False,
) -> list[Period]:
    """The periods of the fiscal year so far that are due and no item covers: from the
    year's first period to the last one whose due day has passed (MOIT 5 asks for the
    procurement summary of every month since October, not only the latest)."""
    current = period_containing(renewal, today)
    if current is None:
        return []
    latest = period_before(renewal, current) if reports_on_previous_period else current
    if today <= _due_day(current, due_day):
        latest = period_before(renewal, latest)  # not due yet: still in its grace
    year_start = fiscal_year_period(fiscal_year(latest.start)).start
    periods, period = [], latest
    while period.start >= year_start:
        periods.insert(0, period)
        period = period_before(renewal, period)
    return [p for p in periods if not any(span.covers(p) for span in spans)]


def published_span(
    renewal: Renewal, day: datetime.date, reports_on_previous_period: bool = False
) -> Span | None:
    """The period an item published on ``day`` stands for: the one it was published in, or
    the one before for an entry whose items report on the period before."""
    period = period_containing(renewal, day)
    if period is None:
        return None
    if reports_on_previous_period:
        period = period_before(renewal, period)
    return Span(period.start, period.end)


def item_span(
    item: InformationItemPage, renewal: Renewal, reports_on_previous_period: bool
) -> Span | None:
    """What an item's data covers: its data period, or, for an item without one (published
    before the period was asked for, imported), the period its publication date stands for."""
    if item.data_period_start and item.data_period_end:
        return Span(item.data_period_start, item.data_period_end)
    moment = item.last_published_at or item.first_published_at
    if moment is None:
        return None
    return published_span(renewal, timezone.localdate(moment), reports_on_previous_period)


def procurement_plan_status(
    published: list[datetime.date],
    today: datetime.date,
    due_day: int | DueOn,
    allocation: datetime.date | None,
) -> tuple[Status, datetime.date | None]:
    """MOIT 4: the year's plan is due 30 working days after the budget is allocated.

    Without an allocation date in this fiscal year, the plan follows the yearly rule.
    """
    if allocation is None or fiscal_year(allocation) != fiscal_year(today):
        return renewal_status(Renewal.YEARLY, published, today, due_day)
    if any(day >= allocation for day in published):
        return Status.CURRENT, None
    deadline = working_days_after(allocation, PROCUREMENT_PLAN_WORKING_DAYS)
    if today > deadline:
        return Status.DUE, deadline + datetime.timedelta(days=1)
    return Status.CURRENT, None


# --- statuses from the site ----------------------------------------------------------------


@dataclass
class EntryStatus:
    """What the dashboard, the reminders and the ITA export know about one checklist entry."""

    entry: ChecklistEntry
    status: Status
    items: list[InformationItemPage] = field(default_factory=list)
    last_updated: datetime.datetime | None = None
    public_url: str = ""
    units: list[Unit] = field(default_factory=list)
    due_since: datetime.date | None = None
    category: CategoryPage | None = None
    # For an entry that needs every period of the year: those still without their item.
    missing_periods: list[Period] = field(default_factory=list)
    # When it falls due, in the dashboard's words (``due_rule_label``).
    due_rule: str = ""
    # Current because the site shows it by itself (settings, records, forms), not by items.
    shown_by_site: bool = False

    @property
    def key(self) -> str:
        return self.entry.key

    @property
    def missing_periods_label(self) -> str:
        """``ตุลาคม 2569, พฤศจิกายน 2569``: the periods still without their item."""
        return ", ".join(
            format_month(p.start.year, p.start.month)
            if self.entry.renewal is Renewal.MONTHLY
            else format_period(p.start, p.end)
            for p in self.missing_periods
        )


def is_live(item: InformationItemPage, today: datetime.date) -> bool:
    """On the site on ``today``: published by then, not taken down, not past its end.

    An item past its end counts as gone even before the take-down job has run; one first
    published after ``today`` was not there yet (a past fiscal year read as it stood).
    """
    return (
        item.live
        and item.archived_at is None
        and (item.publication_end is None or item.publication_end >= today)
        and (
            item.first_published_at is None or timezone.localdate(item.first_published_at) <= today
        )
    )


def is_expired(item: InformationItemPage, today: datetime.date) -> bool:
    return item.archived_at is not None or (
        item.publication_end is not None and item.publication_end < today
    )


def _ancestor_keys(checklist: Checklist, entry: ChecklistEntry) -> list[str]:
    """The entry's key and its parents', from the top down (as ``responsibility_for`` takes)."""
    keys = [entry.key]
    while checklist[keys[0]].parent:
        keys.insert(0, checklist[keys[0]].parent)
    return keys


class _SiteSnapshot:
    """Every category and item of one agency's site, read in a few queries."""

    def __init__(self, agency: Agency, checklist: Checklist) -> None:
        self.agency = agency
        self.checklist = checklist
        home = agency.site.root_page
        categories = CategoryPage.objects.descendant_of(home).exclude(checklist_key="")
        self.categories: dict[str, CategoryPage] = {}
        for category in categories.order_by("path"):
            self.categories.setdefault(category.checklist_key, category)
        by_path = {c.path: c.checklist_key for c in self.categories.values()}
        self.items: dict[str, list[InformationItemPage]] = {key: [] for key in by_path.values()}
        items = (
            InformationItemPage.objects.descendant_of(home)
            .select_related("owner_unit")
            .order_by("-last_published_at", "-pk")
        )
        for item in items:
            key = by_path.get(item.path[: -Page.steplen])
            if key is not None:
                self.items[key].append(item)
        self.responsibilities = {
            r.category_key: r for r in agency.responsibilities.prefetch_related("responsible_units")
        }
        self.shown = shown_by_the_site(agency.site)

    def units_for(self, entry: ChecklistEntry) -> list[Unit]:
        for key in reversed(_ancestor_keys(self.checklist, entry)):
            if key in self.responsibilities:
                return self.responsibilities[key].units()
        return []


def shown_by_the_site(site: Site) -> set[str]:
    """The checklist entries another part of the site shows on the entry's own page (visitor
    statistics, the survey, the e-services, the privacy notice, the information centre).

    Each part announces its entries through the ``checklist_entries_shown`` hook, called with
    the agency's site, and shows them there through ``category_page_blocks``.
    """
    keys: set[str] = set()
    for hook in hooks.get_hooks("checklist_entries_shown"):
        keys.update(hook(site))
    return keys


def shown_from_settings(agency: Agency, category: CategoryPage | None) -> bool:
    """An entry whose page shows what it asks for from the agency's own records: a contact
    entry every detail it asks for from the settings; the executives entry its executives,
    and the CIO entry its CIO, each with the photo, name, position and phone ITA asks for."""
    if category is None or not category.live:
        return False
    if category.checklist_key in (EXECUTIVES_KEY, CIO_KEY):
        shown = list(agency.executives.all())
        if category.checklist_key == CIO_KEY:
            shown = [executive for executive in shown if executive.is_cio]
        return bool(shown) and not any(executive.missing_fields() for executive in shown)
    if category.checklist_key not in CONTACT_PARTS:
        return False
    shown = contact_shown(agency, category.checklist_key)
    return all(part in shown for part in CONTACT_PARTS[category.checklist_key])


def _own_status(
    snapshot: _SiteSnapshot, entry: ChecklistEntry, today: datetime.date
) -> EntryStatus:
    agency = snapshot.agency
    category = snapshot.categories.get(entry.key)
    all_items = snapshot.items.get(entry.key, [])
    live = [item for item in all_items if is_live(item, today)]
    result = EntryStatus(
        entry=entry,
        status=Status.MISSING,
        items=live,
        units=snapshot.units_for(entry),
        category=category,
        due_rule=due_rule_label(entry, agency),
    )
    if category is not None and category.live:
        result.public_url = category.get_full_url() or ""
    elif live:
        result.public_url = live[0].get_full_url() or ""
    if live:
        result.last_updated = max(
            item.last_published_at or item.first_published_at for item in live
        )
    if not live and shown_from_settings(agency, category):
        # Kept once in the agency's settings and shown on the entry's own page.
        result.status, result.shown_by_site = Status.CURRENT, True
        return result
    if not live and category is not None and category.live and entry.key in snapshot.shown:
        # Shown on the entry's own page by another part of the site, always up to date.
        result.status, result.shown_by_site = Status.CURRENT, True
        return result
    if not live:
        expired = any(is_expired(item, today) for item in all_items)
        result.status = Status.EXPIRED if expired else Status.MISSING
        return result
    moments = [item.last_published_at or item.first_published_at for item in live]
    published = [timezone.localdate(moment) for moment in moments if moment is not None]
    due_day = due_rule(entry, agency)
    if entry.key == PROCUREMENT_PLAN_KEY:
        status, since = procurement_plan_status(
            published, today, due_day, agency.budget_allocation_date
        )
    elif entry.covers_period:
        back = entry.reports_on_previous_period
        spans = [item_span(item, entry.renewal, back) for item in live]
        spans = [span for span in spans if span is not None]
        status, since = coverage_status(entry.renewal, spans, today, due_day, back)
        if entry.every_period:
            result.missing_periods = periods_missing_this_year(
                entry.renewal, spans, today, due_day, back
            )
            if result.missing_periods:
                first = result.missing_periods[0]
                # Late since the day after the first missing period's due day.
                following = period_containing(entry.renewal, first.end + datetime.timedelta(days=1))
                first_due = _due_day(following if back else first, due_day)
                # The earliest missing period was the first to be late.
                status, since = Status.DUE, first_due + datetime.timedelta(days=1)
    else:
        status, since = renewal_status(entry.renewal, published, today, due_day)
    result.status, result.due_since = status, since
    return result


def checklist_status(
    agency: Agency, today: datetime.date, checklist: Checklist | None = None
) -> list[EntryStatus]:
    """The status of every checklist entry for ``agency`` on ``today``, in checklist order.

    A section (an entry with sub-entries) is judged by its required sub-entries: it takes the
    worst of their statuses, and of its own items' where it holds some, so a section reads
    current only when everything it requires is, whatever stands under the section itself.
    A section that requires none of its sub-entries is judged by its own items, or else by
    the worst of all its sub-entries.
    """
    checklist = checklist or load_checklist()
    snapshot = _SiteSnapshot(agency, checklist)
    results = {entry.key: _own_status(snapshot, entry, today) for entry in checklist}
    # Deepest first, so a section sees its sub-sections already judged.
    for entry in sorted(checklist, key=lambda e: -e.depth):
        children = checklist.children(entry.key)
        if not children:
            continue
        own = bool(snapshot.items.get(entry.key))
        parts = [results[c.key] for c in children if c.required]
        if not parts and own:
            continue
        if not parts:
            parts = [results[c.key] for c in children]
        if own:
            # The section's own items, judged as an entry's, count as one part.
            parts = [results[entry.key], *parts]
        worst = max(parts, key=lambda r: r.status.severity)
        section = results[entry.key]
        section.status = worst.status
        section.due_since = min(
            (p.due_since for p in parts if p.due_since and p.status is worst.status),
            default=None,
        )
        section.last_updated = max((p.last_updated for p in parts if p.last_updated), default=None)
    return [results[entry.key] for entry in checklist]


def entry_status(agency: Agency, key: str, today: datetime.date) -> EntryStatus:
    """The status of one entry; reads the whole site, so prefer ``checklist_status`` in loops."""
    for result in checklist_status(agency, today):
        if result.key == key:
            return result
    raise KeyError(key)


def status_counts(results: list[EntryStatus]) -> dict[Status, int]:
    counts = dict.fromkeys(Status, 0)
    for result in results:
        counts[result.status] += 1
    return counts


# --- field-level checks (MOIT 2) -----------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    title: str
    detail: str = ""


def contact_missing(agency: Agency) -> list[str]:
    """MOIT 2.1.7's five contact items the agency has not filled in, by their labels."""
    labels = {
        "address": gettext("address"),
        "phone": gettext("phone"),
        "fax": gettext("fax"),
        "email": gettext("e-mail"),
        "map": gettext("map (latitude and longitude)"),
    }
    details = agency.contact_details()
    return [labels[part] for part, value in details.items() if not str(value or "").strip()]


def has_comment_channel(agency: Agency, today: datetime.date) -> bool:
    """The feedback or complaint-channel category shows the e-services' forms, or a live
    page stands under it."""
    home = agency.site.root_page
    categories = CategoryPage.objects.descendant_of(home).filter(
        checklist_key__in=COMMENT_CHANNEL_KEYS
    )
    shown = shown_by_the_site(agency.site)
    for category in categories.live():
        if category.checklist_key in shown:
            return True
        for page in Page.objects.child_of(category).live().specific():
            if not isinstance(page, InformationItemPage) or is_live(page, today):
                return True
    return False


def active_webmasters(agency: Agency) -> int:
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.WEBMASTER.group_name)
        .distinct()
        .count()
    )


def field_problems(agency: Agency, today: datetime.date) -> list[Problem]:
    """What MOIT 2 checks field by field, and the two-webmaster rule, that is not met."""
    problems: list[Problem] = []
    executives = list(agency.executives.all())
    if not executives:
        problems.append(
            Problem(
                gettext("No executives are listed"),
                gettext("ITA asks for each executive's photo, name, position and phone."),
            )
        )
    for executive in executives:
        missing = executive.missing_fields()
        if missing:
            problems.append(
                Problem(
                    gettext("Executive %(name)s lacks details")
                    % {"name": executive.name or gettext("(no name)")},
                    gettext("Missing: %(fields)s") % {"fields": ", ".join(missing)},
                )
            )
    missing_contact = contact_missing(agency)
    if missing_contact:
        problems.append(
            Problem(
                gettext("The agency's contact details are incomplete"),
                gettext("Missing: %(fields)s") % {"fields": ", ".join(missing_contact)},
            )
        )
    if not has_comment_channel(agency, today):
        problems.append(
            Problem(
                gettext("No channel for the public's comments"),
                gettext(
                    "Publish a page under the feedback or complaint-channel category "
                    "telling people how to send comments."
                ),
            )
        )
    count = active_webmasters(agency)
    if count < MIN_WEBMASTERS:
        problems.append(
            Problem(
                gettext("Fewer than two webmasters"),
                gettext(
                    "%(count)d active user(s) in the webmaster group; at least two are needed "
                    "so that publishing never waits on one person."
                )
                % {"count": count},
            )
        )
    return problems
