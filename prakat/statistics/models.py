"""Page views counted per page per day, without cookies and without knowing who read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageView(models.Model):
    """How many times one page was read on one day (Asia/Bangkok); nothing about who read it."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        # The table keeps the name it had when visitor statistics were part of one
        # "engagement" app: existing installs keep their rows where they are.
        db_table = "engagement_pageview"
        verbose_name = _("page views")
        verbose_name_plural = _("page views")
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="page_view_one_row_a_day")
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.page_id} {self.day}: {self.views}"
