from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from prakat.agency.refusal import RightMenuItem
from prakat.security import views
from prakat.security.admin_views import VIEW, SecurityView
from prakat.security.models import SecuritySettings
from prakat.security.privacy import is_written


@hooks.register("register_admin_urls")
def security_urls():
    return [
        path("two-step/verify/", views.verify, name="security_verify"),
        path("two-step/", views.enrol, name="security_enrol"),
        path("two-step/recovery-codes/", views.recovery_codes, name="security_recovery_codes"),
        path("security/", SecurityView.as_view(), name="security_page"),
    ]


@hooks.register("register_admin_menu_item")
def security_menu_item():
    return RightMenuItem(
        _("Security"), reverse("security_page"), icon_name="lock", order=900, right=VIEW
    )


@hooks.register("register_admin_menu_item")
def two_step_menu_item():
    return MenuItem(_("Two-step sign-in"), reverse("security_enrol"), icon_name="key", order=910)


PRIVACY_KEY = "privacy-policy"


@hooks.register("checklist_entries_shown")
def privacy_notice_shown(site) -> set[str]:
    # Shown once the agency has written it in its security settings.
    return {PRIVACY_KEY} if is_written(SecuritySettings.for_site(site).privacy_notice) else set()


@hooks.register("category_page_blocks")
def privacy_notice_block(page, request):
    if page.checklist_key != PRIVACY_KEY:
        return None
    if not is_written(SecuritySettings.for_site(page.get_site()).privacy_notice):
        return None
    return (
        "content/links_block.html",
        {
            "heading": _("Privacy notice"),
            "text": "",
            "links": [(reverse("privacy_notice"), _("Read the agency's privacy notice"))],
        },
    )
