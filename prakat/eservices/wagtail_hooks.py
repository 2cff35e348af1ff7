from django.urls import path
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
