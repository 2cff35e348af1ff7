"""The site's own URLs and error handlers, plus two that fail on purpose, for the error-page
tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from prakat.urls import *  # noqa: F403 (the site's error handlers come with its URLs)
from prakat.urls import urlpatterns as site_urlpatterns


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a fault in a view")


urlpatterns = [
    path("test-forbidden/", forbidden),
    path("test-broken/", broken),
    *site_urlpatterns,
]
