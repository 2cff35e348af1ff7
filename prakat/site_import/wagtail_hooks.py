from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import LogFormatter

from prakat.agency.refusal import RightMenuItem
from prakat.content.models import HomePage
from prakat.site_import import urls, views
from prakat.site_import.importer import IMPORTED_ACTION


@hooks.register("register_admin_urls")
def site_import_urls():
    return [path("old-website/", include(urls, namespace="site_import"))]


@hooks.register("register_settings_menu_item")
def site_import_menu_item():
    return RightMenuItem(
        _("Old website import"),
        reverse("site_import:imports"),
        icon_name="download",
        order=710,
        right=views.RIGHT,
    )


@hooks.register("register_log_actions")
def register_import_action(actions) -> None:
    @actions.register_action(IMPORTED_ACTION)
    class ImportedFromOldSite(LogFormatter):
        label = _("Brought in from the old website")

        def format_message(self, log_entry) -> str:
            old = (log_entry.data or {}).get("old_url", "")
            return _("Brought in from the old website (%(address)s)") % {"address": old}


# WordPress's short addresses of posts and pages: the home page with a query.
SHORT_ADDRESS_QUERIES = {"p", "page_id"}


@hooks.register("before_serve_page")
def old_short_addresses(page, request, serve_args, serve_kwargs):
    """``/?p=12`` is the home page's address to Wagtail, so its redirect (made by the import)
    is never asked for; asked here, before the home page is served."""
    if not isinstance(page, HomePage) or not SHORT_ADDRESS_QUERIES & request.GET.keys():
        return None
    found = get_redirect(
        request, Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
    )
    if found is None or found.link is None:
        return None
    response = HttpResponsePermanentRedirect if found.is_permanent else HttpResponseRedirect
    return response(found.link)
