"""The staff listings of publishing: publication requests, notifications, monthly reports.

Each is a :class:`prakat.agency.viewsets.ListingViewSet`: Wagtail's listing with filters,
search, sorting and pagination, limited to what the per-object rule lets the person see.
Opening a request, deciding on it and printing it stay the screens of ``views.py``.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import F, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, StatusFlagColumn, Table, TitleColumn
from wagtail.admin.widgets import BooleanRadioSelect, HeaderButton
from wagtail.models import WorkflowState

from prakat.agency.models import Agency, Unit
from prakat.agency.refusal import holds, require
from prakat.agency.rights import right
from prakat.agency.viewsets import EVERY_STAFF_MEMBER, ListingView, ListingViewSet
from prakat.publishing import monitoring
from prakat.publishing.models import (
    MonitoringAcknowledgement,
    MonthlyReport,
    Notification,
    PublicationRequest,
)
from prakat.publishing.monthly_report import generate_monthly_report
from prakat.publishing.report_views import (
    GENERATE,
    READ,
    FiscalYearForm,
    MonthForm,
    agency_for,
)
from prakat.publishing.views import visible_requests, waiting_for, written_approvals_owed
from prakat.thai.calendar import fiscal_year
from prakat.thai.dates import BE_OFFSET, format_month

# --- publication requests ---------------------------------------------------------------

# The memo form sits under the listing; each row's box joins it through HTML's ``form``
# attribute, so Wagtail's live filtering, which replaces the rows, leaves the form alone.
MEMO_FORM = "prakat-memo"


def request_url(publication_request: PublicationRequest) -> str:
    return reverse("publishing:request_detail", args=[publication_request.pk])


class MemoChoiceColumn(Column):
    """A box to tick a request for one memo covering several."""

    def __init__(self):
        super().__init__("memo", label=gettext_lazy("Choose for one memo"))

    def render_header_html(self, parent_context) -> str:
        return format_html('<th scope="col"><span class="w-sr-only">{}</span></th>', self.label)

    def get_value(self, instance: PublicationRequest) -> str:
        return format_html(
            '<input type="checkbox" form="{}" name="ids" value="{}" aria-label="{}">',
            MEMO_FORM,
            instance.pk,
            _("Include “%(title)s” in one memo") % {"title": instance},
        )


def topic_column(*, sortable: bool) -> TitleColumn:
    return TitleColumn(
        "topic",
        label=gettext_lazy("Topic"),
        accessor=str,
        get_url=request_url,
        sort_key="page__draft_title" if sortable else None,
    )


# A request's status, as ``PublicationRequest.status_label`` names it, as a query.
STATUSES: dict[str, tuple[str, Q]] = {
    "waiting": (
        gettext_lazy("Waiting for a decision"),
        Q(published_at__isnull=True, workflow_state__status=WorkflowState.STATUS_IN_PROGRESS),
    ),
    "needs_changes": (
        gettext_lazy("Sent back for changes"),
        Q(published_at__isnull=True, workflow_state__status=WorkflowState.STATUS_NEEDS_CHANGES),
    ),
    "approved": (
        gettext_lazy("Approved, waiting for its publication time"),
        Q(published_at__isnull=True, workflow_state__status=WorkflowState.STATUS_APPROVED),
    ),
    "published": (
        pgettext_lazy("request status", "Published"),
        Q(published_at__isnull=False, page__live=True),
    ),
    "taken_down": (
        pgettext_lazy("request status", "Taken down"),
        Q(published_at__isnull=False, page__live=False),
    ),
    "withdrawn": (
        gettext_lazy("Withdrawn"),
        Q(published_at__isnull=True, workflow_state__status=WorkflowState.STATUS_CANCELLED),
    ),
}


def units_with_visible_requests(request: HttpRequest | None) -> QuerySet:
    if request is None:
        return Unit.objects.none()
    visible = visible_requests(request.user).values("unit")
    return Unit.objects.filter(pk__in=visible).order_by("name")


class RequestFilterSet(WagtailFilterSet):
    show = django_filters.ChoiceFilter(
        label=gettext_lazy("Requests"),
        choices=[("mine", gettext_lazy("My requests"))],
        empty_label=gettext_lazy("All I may see"),
        widget=forms.RadioSelect,
        method="filter_show",
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[(key, label) for key, (label, _query) in STATUSES.items()],
        empty_label=gettext_lazy("All"),
        widget=forms.RadioSelect,
        method="filter_status",
    )
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Unit"),
        queryset=units_with_visible_requests,
        empty_label=gettext_lazy("All"),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Requested"), widget=DateRangePickerWidget
    )
    urgent = django_filters.BooleanFilter(label=gettext_lazy("urgent"), widget=BooleanRadioSelect)

    class Meta:
        model = PublicationRequest
        fields = []

    def filter_show(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(requester=self.request.user) if value == "mine" else queryset

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(STATUSES[value][1]) if value in STATUSES else queryset


class RequestIndexView(ListingView):
    """The requests the person may open, and above them what waits for the person."""

    template_name = "publishing/request_index.html"

    def get_base_queryset(self) -> QuerySet:
        # The status column reads whether the item is on the site now.
        return visible_requests(self.request.user).select_related("page")

    @cached_property
    def add_item_label(self) -> str:
        return _("Ask to publish")

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm(right("record_requests")):
            buttons.append(
                HeaderButton(
                    _("Record a request that came on paper or by e-mail"),
                    url=reverse("publishing:request_record"),
                    icon_name="doc-full",
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only:
            user = self.request.user
            waiting = waiting_for(user)
            owed = list(written_approvals_owed(user))
            context["waiting_table"] = Table(
                [
                    topic_column(sortable=False),
                    Column("requester_name", label=gettext_lazy("Requester")),
                    Column("unit", label=gettext_lazy("Unit")),
                    Column("created_at", label=gettext_lazy("Requested")),
                ],
                waiting,
            )
            context["owed_table"] = Table(
                [
                    topic_column(sortable=False),
                    Column(
                        "verbal_approver",
                        label=gettext_lazy("approved verbally by"),
                        accessor=lambda publication_request: (
                            publication_request.verbal_approver.get_full_name()
                        ),
                    ),
                    Column(
                        "owed_steps",
                        label=gettext_lazy("Written approval owed"),
                        accessor=lambda publication_request: ", ".join(
                            w.step_name
                            for w in publication_request.written_approvals.all()
                            if w.given_at is None
                        ),
                    ),
                    Column("verbal_approved_at", label=gettext_lazy("verbal approval given at")),
                ],
                owed,
            )
            context["waiting"], context["owed"] = waiting, owed
            context["memo_form"] = MEMO_FORM
        return context


class PublicationRequestViewSet(ListingViewSet):
    model = PublicationRequest
    name = "publication_requests"
    url_prefix = "publishing"
    icon = "tasks"
    menu_label = gettext_lazy("Publication requests")
    menu_order = 51
    add_to_admin_menu = True
    index_view_class = RequestIndexView
    list_display = [
        MemoChoiceColumn(),
        topic_column(sortable=True),
        StatusFlagColumn(
            "urgent",
            label=gettext_lazy("urgent"),
            true_label=gettext_lazy("urgent"),
            sort_key="urgent",
        ),
        Column("requester_name", label=gettext_lazy("Requester"), sort_key="requester_name"),
        Column("unit", label=gettext_lazy("Unit"), sort_key="unit__name"),
        Column("created_at", label=gettext_lazy("Requested"), sort_key="created_at"),
        Column("status_label", label=gettext_lazy("Status")),
    ]
    filterset_class = RequestFilterSet
    # What the old list searched: the topic, the requester's name, the unit.
    search_fields = ["page__title", "page__draft_title", "requester_name", "unit__name"]
    ordering = "-created_at"

    def get_rights(self) -> dict[str, str]:
        # Every staff member may ask to publish: the listing's "add" is the request form.
        return {"view": EVERY_STAFF_MEMBER, "add": EVERY_STAFF_MEMBER}

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name="publishing:request_new", **kwargs)


# --- notifications ----------------------------------------------------------------------


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


class NotificationsMenuItem(MenuItem):
    """Shows the person's unread count in the menu label."""

    def render_component(self, request):
        component = super().render_component(request)
        count = unread_count(request.user)
        if count:
            component.label = _("Notifications (%(count)d unread)") % {"count": count}
        return component


def open_link(notification: Notification) -> str:
    if not notification.url:
        return ""
    return format_html('<a href="{}">{}</a>', notification.url, _("Open"))


class NotificationFilterSet(WagtailFilterSet):
    read = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[("unread", gettext_lazy("Unread")), ("read", gettext_lazy("Read"))],
        empty_label=gettext_lazy("All"),
        widget=forms.RadioSelect,
        method="filter_read",
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("sent at"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Notification
        fields = []

    def filter_read(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value not in ("unread", "read"):
            return queryset
        return queryset.filter(read_at__isnull=value == "unread")


class NotificationIndexView(ListingView):
    """The person's own notifications, newest first; all of them marked read in one step."""

    template_name = "publishing/notification_index.html"
    empty_message = gettext_lazy("You have no notifications.")

    def get_base_queryset(self) -> QuerySet:
        return Notification.objects.filter(recipient=self.request.user)

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        return redirect(self.index_url)


class NotificationViewSet(ListingViewSet):
    model = Notification
    name = "notifications"
    url_prefix = "publishing/notifications"
    icon = "mail"
    menu_label = gettext_lazy("Notifications")
    menu_order = 52
    add_to_admin_menu = True
    menu_item_class = NotificationsMenuItem
    index_view_class = NotificationIndexView
    list_display = [
        StatusFlagColumn(
            "unread",
            label=gettext_lazy("Unread"),
            accessor=lambda notification: notification.read_at is None,
            true_label=gettext_lazy("New"),
        ),
        Column("created_at", label=gettext_lazy("sent at"), sort_key="created_at"),
        Column("message", label=gettext_lazy("Message")),
        Column("open", label=gettext_lazy("Link"), accessor=open_link),
    ]
    filterset_class = NotificationFilterSet
    search_fields = ["message"]
    ordering = "-created_at"
    list_per_page = 50


# --- monthly publishing reports ---------------------------------------------------------


def generator_name(report: MonthlyReport) -> str:
    person = report.generated_by
    if person is None:
        return _("Scheduled job")
    return person.get_full_name() or person.get_username()


def download_links(report: MonthlyReport) -> str:
    return format_html(
        '<a href="{}">PDF</a> · <a href="{}">Excel</a>',
        reverse("publishing:monthly_report_file", args=[report.pk, "pdf"]),
        reverse("publishing:monthly_report_file", args=[report.pk, "xlsx"]),
    )


def report_years() -> list[tuple[int, int]]:
    """The Buddhist-era years that have an archived report, newest first."""
    years = MonthlyReport.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(year + BE_OFFSET, year + BE_OFFSET) for year in years]


class MonthlyReportFilterSet(WagtailFilterSet):
    year_be = django_filters.ChoiceFilter(
        label=gettext_lazy("Year (B.E.)"),
        choices=report_years,
        empty_label=gettext_lazy("All"),
        method="filter_year",
    )

    class Meta:
        model = MonthlyReport
        fields = []

    def filter_year(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(year=int(value) - BE_OFFSET) if value.isdigit() else queryset


class MonthlyReportIndexView(ListingView):
    """รายงานผลการเผยแพร่ข้อมูลรายเดือน: the agency's archive, and a month to generate now."""

    template_name = "publishing/monthly_report_index.html"
    empty_message = gettext_lazy("No report has been archived yet.")
    month_form: MonthForm | None = None

    @cached_property
    def agency(self) -> Agency:
        return agency_for(self.request)

    def get_base_queryset(self) -> QuerySet:
        return (
            MonthlyReport.objects.filter(agency=self.agency)
            .select_related("generated_by")
            .annotate(period=F("year") * 100 + F("month"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only:
            today = timezone.localdate()
            context.update(
                month_form=self.month_form or MonthForm(today=today),
                fiscal_year_form=FiscalYearForm(today=today),
                may_generate=holds(self.request.user, GENERATE),
                last_year=fiscal_year(today) - 1,
                last_year_acknowledgement=MonitoringAcknowledgement.objects.filter(
                    agency=self.agency, fiscal_year=fiscal_year(today) - 1
                ).first(),
                may_acknowledge=monitoring.may_acknowledge(self.request.user),
            )
        return context

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        require(request.user, GENERATE)
        form = MonthForm(request.POST, today=timezone.localdate())
        if not form.is_valid():
            self.month_form = form
            return self.get(request, *args, **kwargs)
        year, month = form.cleaned_data["year_ce"], form.cleaned_data["month"]
        generate_monthly_report(self.agency, year, month, user=request.user)
        messages.success(
            request,
            _("The report of %(month)s was generated.") % {"month": format_month(year, month)},
        )
        return redirect(self.index_url)


class MonthlyReportViewSet(ListingViewSet):
    model = MonthlyReport
    name = "monthly_reports"
    url_prefix = "publishing/reports"
    icon = "table"
    menu_label = gettext_lazy("Monthly publishing reports")
    menu_order = 53
    add_to_admin_menu = True
    required_right = READ
    index_view_class = MonthlyReportIndexView
    list_display = [
        Column(
            "period",
            label=gettext_lazy("Month"),
            accessor=lambda report: format_month(report.year, report.month),
            sort_key="period",
        ),
        Column("generated_at", label=gettext_lazy("Generated at"), sort_key="generated_at"),
        Column("generated_by", label=gettext_lazy("Generated by"), accessor=generator_name),
        Column("download", label=gettext_lazy("Download"), accessor=download_links),
    ]
    filterset_class = MonthlyReportFilterSet
    ordering = "-period"
