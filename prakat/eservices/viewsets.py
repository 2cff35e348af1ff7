"""E-services in Wagtail's admin: one menu group, "E-services", holding the cases' listing
(Wagtail's own index: filters, search, sorting, pagination), the complaint statistics and the
corruption complaint handlers.

Who may do what is the access policy's (:mod:`prakat.agency.refusal`, the matrix in
:mod:`prakat.agency.rights`) and the per-object rule beside the cases
(:func:`cases.visible_cases`). Wagtail asks its questions through
:class:`CasePermissionPolicy`, which answers from them: staff are never asked for the model
permissions (add, change, delete) that rule nothing here, since a case changes only through
its steps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from prakat.agency.models import Unit
from prakat.agency.refusal import RightMenuItem, require
from prakat.eservices import cases, staff_views
from prakat.eservices.models import Case, CaseKind, CaseStatus, CorruptionComplaintHandlers
from prakat.thai.dates import format_datetime


class CasePermissionPolicy(BasePermissionPolicy):
    """Wagtail's questions about cases, answered by the access policy.

    "view" (list cases, open one) is held by whoever the e-services are any use to: the
    holders of the right ``handle_cases``, members of a unit, the named handlers of
    corruption complaints; which cases each of them sees is :func:`cases.visible_cases`.
    Nobody adds, changes or deletes a case through Wagtail's generic views.
    """

    def __init__(self):
        super().__init__(Case)

    def user_has_permission(self, user, action: str) -> bool:
        return action == "view" and cases.may_use_cases(user)

    def user_has_any_permission(self, user, actions: Iterable[str]) -> bool:
        return "view" in actions and cases.may_use_cases(user)

    def user_has_permission_for_instance(self, user, action: str, instance: Case) -> bool:
        return action == "view" and cases.visible_cases(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions: Iterable[str]) -> QuerySet:
        return cases.visible_cases(user) if "view" in actions else Case.objects.none()

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet:
        users = get_user_model().objects.filter(is_active=True)
        if "view" not in actions:
            return users.none()
        app_label, codename = cases.HANDLE_CASES.split(".", 1)
        right = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        return users.filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=right)
            | Q(user_permissions__in=right)
            | Q(memberships__isnull=False)
            | Q(pk__in=CorruptionComplaintHandlers.people.through.objects.values("user_id"))
        ).distinct()


def _units(request: HttpRequest | None) -> QuerySet:
    return Unit.objects.order_by("name")


class CaseFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Type"),
        choices=CaseKind.choices,
        empty_label=_("All types"),
        widget=forms.RadioSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=CaseStatus.choices,
        empty_label=_("All statuses"),
        widget=forms.RadioSelect,
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=_units, empty_label=_("All units")
    )
    # Bangkok days, picked and shown in the Buddhist era (prakat.thai.buddhist_era).
    received_at = django_filters.DateFromToRangeFilter(
        label=_("Date received"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Case
        fields = ["kind", "status", "unit", "received_at"]


class CaseIndexView(IndexView):
    """The cases a person may see, and only those: ``visible_cases`` is the listing's base.

    Someone the e-services are no use to meets the one Thai refusal naming the right that
    opens every general complaint and question.
    """

    any_permission_required = ["view"]

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Before Wagtail's own check, whose refusal is a redirect that names no rule.
        if not cases.may_use_cases(request.user):
            require(request.user, cases.HANDLE_CASES)
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self) -> QuerySet:
        return cases.visible_cases(self.request.user).select_related("unit")

    def search_queryset(self, queryset: QuerySet) -> QuerySet:
        """Words of the subject, or a tracking code as people write it (any case, dashes)."""
        if not self.is_searching:
            return queryset
        match = Q(subject__icontains=self.search_query)
        if code := re.sub(r"[\s\-–]", "", self.search_query).upper():
            match |= Q(tracking_code__contains=code)
        return queryset.filter(match)

    def get_list_more_buttons(self, instance: Case) -> list:
        return []  # the tracking code opens the case; nothing else is done from the list

    def setup(self, request: HttpRequest, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        # No spreadsheet of cases: contact details stay on a case's page, whose opening of a
        # corruption complaint is logged.
        self.is_export = False


class CaseViewSet(ModelViewSet):
    """Complaints and questions: the listing, each case's page, its steps and its files."""

    model = Case
    name = staff_views.NAMESPACE
    url_prefix = "e-services"
    icon = "mail"
    menu_label = _("Complaints and questions")
    index_view_class = CaseIndexView
    inspect_view_class = staff_views.CaseView
    filterset_class = CaseFilterSet
    search_fields = ["subject", "tracking_code"]
    list_per_page = 50
    ordering = "-received_at"
    list_display = [
        TitleColumn(
            "display_code",
            label=_("Tracking code"),
            sort_key="tracking_code",
            get_url=staff_views.case_url,
        ),
        Column("subject", label=_("Subject"), sort_key="subject"),
        Column("get_kind_display", label=_("Type"), sort_key="kind"),
        Column("get_status_display", label=_("Status"), sort_key="status"),
        Column(
            "unit",
            label=_("Unit"),
            sort_key="unit__name",
            accessor=lambda case: case.unit.name if case.unit else "—",
        ),
        Column(
            "received_at",
            label=_("Date received"),
            sort_key="received_at",
            accessor=lambda case: format_datetime(case.received_at),
        ),
    ]
    copy_view_enabled = False
    # Cases link to no pages or documents: nothing for Wagtail's reference index.
    add_to_reference_index = False

    @cached_property
    def permission_policy(self) -> CasePermissionPolicy:
        return CasePermissionPolicy()

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(page_title=self.menu_label, **kwargs)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="case"),
            path(
                "<int:pk>/attachments/<int:attachment_pk>/",
                staff_views.download_attachment,
                name="attachment",
            ),
            *(
                path(f"<int:pk>/{step.name}/", self.case_step_view(step), name=step.name)
                for step in staff_views.STEPS
            ),
        ]

    def case_step_view(self, step: type[staff_views.CaseStep]):
        return self.construct_view(step, **self.get_inspect_view_kwargs())

    def get_permissions_to_register(self):
        # The group editor shows the right handle_cases (agency's matrix); the model's own
        # add, change and delete permissions rule nothing here and would only mislead.
        return Permission.objects.none()

    def register_admin_url_finder(self) -> None:
        # Wagtail's finder links an object to its edit view, which a case does not have.
        return None


class ComplaintStatisticsViewSet(ViewSet):
    """The complaint statistics, for the holders of ``handle_cases``."""

    name = "complaint_statistics"
    url_prefix = "e-services/statistics"
    icon = "table"
    menu_label = _("Complaint statistics")

    def get_urlpatterns(self):
        return [path("", staff_views.ReportView.as_view(), name="index")]

    def get_menu_item(self, order: int | None = None) -> MenuItem:
        return RightMenuItem(
            self.menu_label,
            self.menu_url,
            icon_name=self.menu_icon,
            order=order if order is not None else self.menu_order,
            right=cases.HANDLE_CASES,
        )


class _NamingHandlers(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return cases.may_name_handlers(request.user)


class HandlersViewSet(ViewSet):
    """The corruption complaint handlers: a site setting, edited on Wagtail's settings
    screen (which checks who may change it, and every change is logged); its earlier
    address, under e-services, leads there."""

    name = "corruption_handlers"
    url_prefix = "e-services/handlers"
    icon = "lock"
    menu_label = _("Corruption complaint handlers")
    menu_item_class = _NamingHandlers

    def get_urlpatterns(self):
        return [path("", staff_views.handlers, name="index")]

    @cached_property
    def menu_url(self) -> str:
        return staff_views.handlers_setting_url()


class EServicesMenu(ViewSetGroup):
    """บริการออนไลน์ (E-Service): shown when one of its items is."""

    menu_label = _("E-services")
    menu_icon = "mail"
    menu_order = 790
    items = (CaseViewSet, ComplaintStatisticsViewSet, HandlersViewSet)
