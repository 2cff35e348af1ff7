"""How the agency looks: its logo, the emblem on its official documents, the header picture,
the colour of its site and the picture shared with its pages.

Set by the agency in the admin (Settings → เอกลักษณ์ของเว็บไซต์); the public pages, their
share cards and the official PDFs read it. A colour that white text cannot be read on is
refused, with the ratio WCAG 2.1 asks for and the one it has.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_THEME_COLOUR = "#0b5a3c"
# WCAG 2.1 AA for text of normal size (1.4.3); the header's white text sits on the colour.
MIN_CONTRAST = 4.5
WHITE = "#ffffff"


def _luminance(colour: str) -> float:
    """Relative luminance of ``#rrggbb`` as WCAG 2.1 defines it."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darker(colour: str, factor: float = 0.75) -> str:
    """The colour a quarter darker: the menu bar and headings, more contrast still."""
    r, g, b = (round(int(colour[i : i + 2], 16) * factor) for i in (1, 3, 5))
    return f"#{r:02x}{g:02x}{b:02x}"


def _image(verbose_name, help_text) -> models.ForeignKey:
    return models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
        help_text=help_text,
    )


@register_setting(icon="image")
class Identity(BaseSiteSetting):
    """The agency's look, one per site."""

    # What it holds is shown on every public page, so its images are public
    # (``content.access``).
    shows_files_to_the_public = True

    logo = _image(
        _("logo or emblem"),
        _("Shown beside the agency's name on every page, as the site's icon, and on reports."),
    )
    document_emblem = _image(
        _("emblem for official memoranda"),
        _(
            "The Garuda emblem at the head of a memorandum (บันทึกข้อความ), as the rules on "
            "official correspondence ask."
        ),
    )
    header_image = _image(
        _("header picture"), _("A wide picture under the site's header, e.g. the building.")
    )
    share_image = _image(
        _("picture shared with the pages"),
        _("Shown when a page is shared on social media, unless the page has its own."),
    )
    theme_colour = models.CharField(
        _("site colour"),
        max_length=7,
        default=DEFAULT_THEME_COLOUR,
        validators=[
            RegexValidator(
                r"^#[0-9a-fA-F]{6}$", _("Give the colour as #RRGGBB, for example #0b5a3c.")
            )
        ],
        help_text=_(
            "The header's colour; its white text must be readable on it (a contrast of at "
            "least 4.5:1, WCAG 2.1 AA)."
        ),
    )

    mourning_from = models.DateTimeField(
        _("in mourning from"),
        null=True,
        blank=True,
        help_text=_(
            "From this time the whole public site is shown in grey with a black ribbon, as "
            "government sites do in a period of mourning."
        ),
    )
    mourning_until = models.DateTimeField(
        _("in mourning until"), null=True, blank=True, help_text=_("Empty: until changed.")
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("document_emblem"), FieldPanel("header_image")],
            heading=_("Logo and pictures"),
        ),
        FieldPanel("theme_colour", widget=forms.TextInput(attrs={"type": "color"})),
        FieldPanel("share_image"),
        MultiFieldPanel(
            [FieldPanel("mourning_from"), FieldPanel("mourning_until")],
            heading=_("Mourning"),
        ),
    ]

    class Meta:
        verbose_name = _("site identity")
        verbose_name_plural = _("site identities")

    def clean(self) -> None:
        if self.mourning_until and not self.mourning_from:
            raise ValidationError(
                {"mourning_from": _("Give the time the mourning begins as well.")}
            )
        if self.mourning_from and self.mourning_until and self.mourning_until <= self.mourning_from:
            raise ValidationError({"mourning_until": _("The mourning must end after it begins.")})
        colour = (self.theme_colour or "").lower()
        if len(colour) != 7:
            return  # the field's own validator names the format
        ratio = contrast_ratio(colour, WHITE)
        if ratio < MIN_CONTRAST:
            raise ValidationError(
                {
                    "theme_colour": _(
                        "White text on %(colour)s has a contrast of %(ratio).2f:1, below the "
                        "4.5:1 WCAG 2.1 AA asks for text: choose a darker colour."
                    )
                    % {"colour": colour, "ratio": ratio}
                }
            )
        self.theme_colour = colour

    def in_mourning(self, now: datetime.datetime) -> bool:
        return (
            self.mourning_from is not None
            and self.mourning_from <= now
            and (self.mourning_until is None or now < self.mourning_until)
        )

    @property
    def themed(self) -> bool:
        return self.theme_colour.lower() != DEFAULT_THEME_COLOUR

    @property
    def theme_colour_dark(self) -> str:
        return darker(self.theme_colour.lower())


def identity_of(site) -> Identity:
    """The site's identity as set, or the default look if nobody has set one yet. Unlike
    ``Identity.for_site`` it never writes a row: a public page that wrote one would change
    the site version it is kept under."""
    return Identity.objects.filter(site=site).first() or Identity(site=site)
