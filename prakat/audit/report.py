"""The audit report: Wagtail's site history, for auditors and administrators, with every
entry (not only those of the content types the reader may edit), the client's address and
the message of each entry, exported as CSV or XLSX."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
)
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import PageLogEntry

from prakat.agency.refusal import RightRequiredMixin
from prakat.audit.access import AUDIT_LOG
from prakat.thai.buddhist_era import be_formatted
from prakat.thai.dates import BANGKOK


def _all_entries():
    return [model.objects.all() for model in log_action_registry.get_log_entry_models()]


def _content_types(request):
    ids = set()
    for entries in _all_entries():
        ids.update(entries.get_content_type_ids())
    return ContentType.objects.filter(pk__in=ids).order_by("model")


class AuditLogFilterSet(SiteHistoryReportFilterSet):
    object_type = ContentTypeFilter(
        label=_("Type"), method="filter_object_type", queryset=_content_types
    )

    def get_action_choices(self):
        used = set()
        for entries in _all_entries():
            used.update(entries.get_actions())
        return [c for c in log_action_registry.get_choices() if c[0] in used]

    def get_users_queryset(self):
        ids = set()
        for entries in _all_entries():
            ids.update(entries.get_user_ids())
        user_model = get_user_model()
        return user_model.objects.filter(pk__in=ids).order_by(user_model.USERNAME_FIELD)

    def get_user_choices(self):
        return self.get_users_queryset()

    class Meta:
        model = PageLogEntry
        fields = []


def bangkok_time(value: datetime.datetime) -> str:
    local = value.astimezone(BANGKOK)
    return be_formatted(local, "%d/%m/%Y %H:%M:%S")


class AuditLogView(RightRequiredMixin, LogEntriesView):
    required_right = AUDIT_LOG

    # Failed sign-ins log the name tried, which anyone may type: its export is guarded like
    # every Wagtail export (prakat.spreadsheet.install).
    page_title = _("Audit log")
    header_icon = "history"
    results_template_name = "audit/audit_log_results.html"
    filterset_class = AuditLogFilterSet
    index_url_name = "audit_log"
    index_results_url_name = "audit_log_results"
    export_headings = {
        **LogEntriesView.export_headings,
        "timestamp": _("Date/Time (Bangkok)"),
        "message": _("Details"),
        "address": _("IP address"),
    }
    list_export = [
        "timestamp",
        "user_display_name",
        "action",
        "message",
        "label",
        "content_type",
        "object_id",
        "address",
    ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess["timestamp"] = {
            self.FORMAT_CSV: bangkok_time,
            self.FORMAT_XLSX: lambda v: timezone.make_naive(v, BANGKOK),
        }

    def get_filtered_queryset(self):
        # Wagtail's report shows each reader only the entries of content types they may edit;
        # auditors edit nothing, and must see everything.
        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, log_model in enumerate(self.log_models):
            sub = (
                log_model.objects.all()
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            )
            sub = self.filter_queryset(sub).order_by()
            queryset = sub if queryset is None else queryset.union(sub, all=True)
        return queryset.order_by("-timestamp")

    def decorate_paginated_queryset(self, queryset):
        entries = super().decorate_paginated_queryset(queryset)
        for entry in entries:
            entry.address = (entry.data or {}).get("address", "")
        return entries

    def get_filename(self):
        return f"audit-log-{timezone.localdate().isoformat()}"
