from django.http import Http404
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from prakat.content import page_cache
from prakat.content.access import (
    documents_user_may_choose,
    hide_other_units_drafts,
    images_user_may_choose,
    may_read_document,
)
from prakat.content.admin_api import DocumentsAPIViewSet, PagesAPIViewSet
from prakat.content.checklist import load_checklist
from prakat.content.timetable_viewsets import PublicServicesMenu


@hooks.register("insert_global_admin_css")
def thai_admin_font() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("before_serve_document")
def serve_only_what_the_person_may_read(document, request):
    """A document is public only while the site shows it (an item on the site holds it, or a
    live page links to it); before, after and beside that, only the people who may see the
    item holding it get it (``content.access``). Everyone else is told it is not there."""
    if not may_read_document(request.user, document):
        raise Http404(_("This file belongs to an item that is not on the website."))
    return None


@hooks.register("construct_document_chooser_queryset")
def choose_only_documents_the_person_may_read(documents, request):
    return documents_user_may_choose(documents, request.user)


@hooks.register("construct_image_chooser_queryset")
def choose_only_pictures_of_one_s_units(images, request):
    return images_user_may_choose(images, request.user)


# After Wagtail's own apps have registered their endpoints, which these replace.
@hooks.register("construct_admin_api", order=100)
def admin_api_under_the_access_policy(router):
    router.register_endpoint("pages", PagesAPIViewSet)
    router.register_endpoint("documents", DocumentsAPIViewSet)


@hooks.register("construct_explorer_page_queryset")
def explore_without_other_units_drafts(parent_page, pages, request):
    return hide_other_units_drafts(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def choose_without_other_units_drafts(pages, request):
    return hide_other_units_drafts(pages, request.user)


@hooks.register("category_title")
def checklist_category_title(key: str) -> str | None:
    """Names a category by its checklist entry, for the parts of the site below content."""
    entry = load_checklist().by_key.get(key)
    return entry.title_th if entry else None


@hooks.register("before_serve_page")
def remember_the_served_page(page, request, serve_args, serve_kwargs) -> None:
    page_cache.remember_the_page(page, request)


register_snippet(PublicServicesMenu)
