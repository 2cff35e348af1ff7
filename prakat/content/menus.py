"""The footer's menu, which the webmaster edits: links to pages of the site (a clinic's hours,
how to get here) or to other agencies, shown after the links every page must carry (the
sitemap, the publishing guideline, the information centre, complaints, the survey, the news
feed, the privacy notice), which no one can take out. The main menu is the checklist's
categories and the general pages shown in menus (``prakat.content.outline``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from prakat.content.home_blocks import LinkBlock


@register_setting(icon="list-ul")
class FooterMenu(BaseSiteSetting):
    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_(
            "Shown at the foot of every page after the links every page carries, in this order."
        ),
    )

    panels = [FieldPanel("links")]

    class Meta:
        verbose_name = _("footer menu")
