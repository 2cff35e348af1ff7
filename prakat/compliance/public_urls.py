"""Compliance's public pages, included by the project's URLconf before Wagtail's pages."""

from django.urls import path

from prakat.compliance.information_centre import information_centre

urlpatterns = [path("", information_centre, name="information_centre")]
