from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from prakat.audit.access import may_export_traffic, may_see_audit_log
from prakat.audit.report import AuditLogView
from prakat.audit.views import TrafficLogView


@hooks.register("register_admin_urls")
def audit_urls():
    return [
        path("audit-log/", AuditLogView.as_view(), name="audit_log"),
        path(
            "audit-log/results/",
            AuditLogView.as_view(results_only=True),
            name="audit_log_results",
        ),
        path("traffic-log/", TrafficLogView.as_view(), name="traffic_log"),
    ]


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_see_audit_log(request.user)


class TrafficLogMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_export_traffic(request.user)


@hooks.register("register_reports_menu_item")
def audit_log_menu_item():
    return AuditLogMenuItem(_("Audit log"), reverse("audit_log"), icon_name="history", order=50)


@hooks.register("register_reports_menu_item")
def traffic_log_menu_item():
    return TrafficLogMenuItem(
        _("Computer traffic log"), reverse("traffic_log"), icon_name="list-ul", order=51
    )
