"""The admin's own API, narrowed to the access policy.

Wagtail's admin reads pages through this API (the explorer menu); it also offers actions
(copy, alias, move, publish…) that the admin's screens do not use and that would go around
the publication request, and a document listing that names every file to any staff member.
Here pages and documents are listed by the same rules as everywhere else, and the page
actions are closed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import PermissionDenied
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet

from prakat.content.access import documents_user_may_choose, hide_other_units_drafts


class PagesAPIViewSet(PagesAdminAPIViewSet):
    actions = {}

    def get_base_queryset(self):
        return hide_other_units_drafts(super().get_base_queryset(), self.request.user)

    def action_view(self, request, pk, action_name):
        raise PermissionDenied(
            _(
                "Pages are not changed through the admin's API: information items go on the "
                "website only through a publication request."
            )
        )


class DocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return documents_user_may_choose(super().get_queryset(), self.request.user)
