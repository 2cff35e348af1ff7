"""The staff guide (docs/guide/th.html) shown in the admin, with its pictures."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from prakat.publishing.views import PublishingAdminMixin

GUIDE_DIR = settings.BASE_DIR / "docs" / "guide"


class GuideView(PublishingAdminMixin, TemplateView):
    template_name = "publishing/guide.html"
    page_title = gettext_lazy("Staff guide: publishing information")
    header_icon = "help"

    def get_context_data(self, **kwargs):
        html = (GUIDE_DIR / "th.html").read_text(encoding="utf-8")
        images = reverse("publishing:guide_image", args=["x.png"]).removesuffix("x.png")
        # The file is the project's own, reviewed like code; its pictures come from the tests.
        guide = mark_safe(html.replace('src="images/', f'src="{images}'))  # noqa: S308
        return {**super().get_context_data(**kwargs), "guide": guide}


def guide_image(request: HttpRequest, name: str) -> HttpResponse:
    path = (GUIDE_DIR / "images" / name).resolve()
    if path.parent != (GUIDE_DIR / "images").resolve() or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), content_type="image/png")
