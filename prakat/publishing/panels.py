"""The dashboard panel: what waits for this person, and where the guide is."""

from django.template.loader import render_to_string
from wagtail.admin.ui.components import Component

from prakat.publishing.views import waiting_for, written_approvals_owed


class PublishingPanel(Component):
    name = "prakat_publishing"
    order = 10

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None) -> str:
        user = self.request.user
        return render_to_string(
            "publishing/panel.html",
            {"waiting": waiting_for(user), "owed": written_approvals_owed(user)},
            request=self.request,
        )
