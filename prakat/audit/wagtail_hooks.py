from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from prakat.agency.refusal import RightMenuItem
from prakat.audit.access import AUDIT_LOG, TRAFFIC_LOG
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


@hooks.register("register_reports_menu_item")
def audit_log_menu_item():
    return RightMenuItem(
        _("Audit log"), reverse("audit_log"), icon_name="history", order=50, right=AUDIT_LOG
    )


@hooks.register("register_reports_menu_item")
def traffic_log_menu_item():
    return RightMenuItem(
        _("Computer traffic log"),
        reverse("traffic_log"),
        icon_name="list-ul",
        order=51,
        right=TRAFFIC_LOG,
        superuser_passes=False,
    )
