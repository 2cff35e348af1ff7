"""Staff listings as Wagtail ViewSets, ruled by the access policy.

A listing is Wagtail's own ``ModelViewSet`` index (filters, search, sorting, pagination and
its menu item) with three differences:

- who may open it is a right of the matrix (:mod:`prakat.agency.rights`), asked through
  :func:`prakat.agency.refusal.require`, so a person without it meets the one Thai refusal
  that names the right instead of Wagtail's redirect home;
- what it lists is the per-object rule's queryset: the index view overrides
  ``get_base_queryset`` with the rule beside the objects (a person's own notifications, the
  requests ``visible_requests`` allows);
- Wagtail's questions about the model ("may this person add, change, delete?") are answered
  by :class:`RightPermissionPolicy` from the same rights, so staff are never asked for
  model permissions they do not have, and a listing adds, changes and deletes nothing unless
  it names the right (or the screen) that does.

To add a listing: subclass :class:`ListingViewSet` with ``model``, ``name``,
``required_right``, ``list_display``, filters and ``search_fields``, give its index view a
``get_base_queryset`` with the per-object rule, and register it with Wagtail's
``register_admin_viewset`` hook.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from prakat.agency.refusal import holds, require
from prakat.thai.segmentation import query_terms

# A right of "" is held by every signed-in staff member (the admin itself asks for
# ``wagtailadmin.access_admin`` before any listing is reached).
EVERY_STAFF_MEMBER = ""


class RightPermissionPolicy(BasePermissionPolicy):
    """Wagtail's permission questions about ``model``, answered from the rights.

    ``rights`` maps an action ("view", "add", …) to the right it needs, or to
    :data:`EVERY_STAFF_MEMBER`; an action it does not name is nobody's.
    """

    def __init__(self, model, rights: Mapping[str, str]):
        super().__init__(model)
        self.rights = dict(rights)

    def user_has_permission(self, user, action: str) -> bool:
        if action not in self.rights:
            return False
        needed = self.rights[action]
        if needed == EVERY_STAFF_MEMBER:
            return bool(getattr(user, "is_authenticated", False) and user.is_active)
        return holds(user, needed)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions) -> QuerySet:
        users = get_user_model().objects.filter(is_active=True)
        needed = {self.rights[action] for action in actions if action in self.rights}
        if not needed:
            return users.none()
        if EVERY_STAFF_MEMBER in needed:
            return users
        holders = Q(is_superuser=True)
        for natural in needed:
            app_label, codename = natural.split(".", 1)
            granted = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
            holders |= Q(groups__permissions__in=granted) | Q(user_permissions__in=granted)
        return users.filter(holders).distinct()


class ListingView(IndexView):
    """Wagtail's index view, opened by the holders of ``required_right`` only.

    Search matches substrings: a Thai word is found inside a compound without segmentation,
    and every word typed must appear in one of ``search_fields``.
    """

    required_right = EVERY_STAFF_MEMBER
    any_permission_required = ["view"]
    #: What an empty listing says before anything is searched or filtered.
    empty_message = ""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Before Wagtail's own check, whose refusal is a redirect that names no rule.
        if self.required_right != EVERY_STAFF_MEMBER:
            require(request.user, self.required_right)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def no_results_message(self) -> str:
        if self.empty_message and not (self.is_searching or self.is_filtering):
            return str(self.empty_message)
        return super().no_results_message

    def paginate_queryset(self, queryset, page_size):
        """The page's rows chosen on the listing's own table, then read with what they show:
        choosing them on the joined rows made the database join every row it skipped (the
        last page of ten thousand requests)."""
        if not isinstance(queryset, QuerySet) or queryset.query.distinct:
            return super().paginate_queryset(queryset, page_size)
        paginator, page, chosen, is_paginated = super().paginate_queryset(
            queryset.values_list("pk", flat=True), page_size
        )
        chosen = list(chosen)
        rows = queryset.in_bulk(chosen)
        page.object_list = [rows[pk] for pk in chosen if pk in rows]
        return paginator, page, page.object_list, is_paginated

    def search_queryset(self, queryset: QuerySet) -> QuerySet:
        if not self.is_searching:
            return queryset
        for word in query_terms(self.search_query).split():
            match = Q()
            for field in self.search_fields or ():
                match |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(match)
        return queryset


class ListingViewSet(ModelViewSet):
    """A staff listing: Wagtail's index and its menu item, ruled by the rights.

    Only the listing's own URLs are registered (the index and its results for Wagtail's
    live filtering); the screens that open, add or act on an object stay the app's own.
    """

    index_view_class = ListingView
    #: The right needed to open the listing and see its menu item.
    required_right = EVERY_STAFF_MEMBER
    list_per_page = 30
    copy_view_enabled = False
    # Nothing here links to pages or documents: nothing to add to Wagtail's reference index.
    add_to_reference_index = False

    def get_rights(self) -> dict[str, str]:
        """Action → right, for Wagtail's questions; subclasses add "add" where a form exists."""
        return {"view": self.required_right}

    @property
    def permission_policy(self) -> RightPermissionPolicy:
        return RightPermissionPolicy(self.model, self.get_rights())

    def get_index_view_kwargs(self, **kwargs):
        # The listing is titled as its menu item names it.
        return super().get_index_view_kwargs(
            required_right=self.required_right, page_title=self.menu_label, **kwargs
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def get_permissions_to_register(self):
        # The group editor shows the rights of the matrix; the model's own add/change/delete
        # permissions rule nothing here and would only mislead.
        return Permission.objects.none()

    def register_admin_url_finder(self) -> None:
        # Wagtail's finder links an object to its edit view, which a listing does not have.
        return None
