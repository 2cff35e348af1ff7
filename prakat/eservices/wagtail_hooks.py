from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from prakat.eservices.staff_views import handlers_before_the_split
from prakat.eservices.viewsets import EServicesMenu


@hooks.register("register_admin_viewset")
def eservices_menu() -> EServicesMenu:
    return EServicesMenu()


@hooks.register("register_admin_urls")
def setting_addresses_before_the_split() -> list:
    # Before Wagtail's settings URLs (this app comes first in INSTALLED_APPS), which would
    # answer 404 for an app that is no more.
    old = "settings/engagement/corruptioncomplainthandlers/"
    return [
        path(old, handlers_before_the_split),
        path(f"{old}<int:pk>/", handlers_before_the_split),
    ]


# The checklist categories the e-services answer (ITA's complaint channel, Q&A, and the
# channel for the public's comments): their pages lead to the forms.
CHANNELS = ("complaint-channels", "questions", "feedback")


@hooks.register("checklist_entries_shown")
def channels_shown(site) -> set[str]:
    return set(CHANNELS)


@hooks.register("category_page_blocks")
def channels_block(page, request):
    if page.checklist_key not in CHANNELS:
        return None
    links = {
        "complaint-channels": [
            (reverse("eservices:complaint"), _("File a complaint online")),
            (reverse("eservices:track"), _("Follow a complaint or question")),
        ],
        "questions": [
            (reverse("eservices:question"), _("Ask a question online")),
            (reverse("eservices:questions"), _("Questions and answers")),
        ],
        "feedback": [
            (reverse("eservices:question"), _("Send a comment or a question")),
            (reverse("eservices:complaint"), _("File a complaint online")),
        ],
    }[page.checklist_key]
    return (
        "content/links_block.html",
        {"heading": _("Online services"), "text": "", "links": links},
    )
