"""The blocks a webmaster composes the home page from: an alert, slides of activities, news
highlights, quick links and banner links to other agencies, each optional, in the order the
webmaster puts them. They are the site's own furniture, published by a webmaster like any
page (and logged by Wagtail as such), not information items: those still come through a
publication request.

Slides and alerts may be shown from and until a time; the page is kept up to five minutes
(``PRAKAT_PAGE_CACHE_SECONDS``), so one comes or goes within that of its time.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from prakat.thai.text import without_invisible_controls

NEWS_KEY = "pr-news"


class PlainCharBlock(blocks.CharBlock):
    """A line of text without the invisible characters that change how it reads (a
    right-to-left override, zero-width characters: ``prakat.thai.text``), as the titles and
    names of the site's models are kept."""

    def clean(self, value):
        return without_invisible_controls(super().clean(value) or "")


def shown_now(value) -> bool:
    """Within its ``show_from`` … ``show_until``, where it has them."""
    now = timezone.now()
    start, end = value.get("show_from"), value.get("show_until")
    return (start is None or start <= now) and (end is None or now < end)


# A link may lead within the site ("/e-services/complaint/") or elsewhere ("https://…").
ADDRESS = RegexValidator(
    # "//elsewhere" and "/\\elsewhere" are other sites to a browser, not this one.
    r"^(/(?![/\\])|https?://)\S*$",
    _("Give an address on this site (starting with /) or a full one (starting with https://)."),
)


def address_block(label, required: bool = False) -> blocks.CharBlock:
    return PlainCharBlock(required=required, max_length=500, validators=[ADDRESS], label=label)


def alt_block(help_text=None, required: bool = True) -> blocks.CharBlock:
    """A picture's text alternative: what it shows, for people who cannot see it."""
    optional = {} if required else {"required": False}  # as the migrations state them
    return PlainCharBlock(
        **optional,
        max_length=250,
        label=_("text alternative"),
        help_text=help_text or _("What the picture shows, for people who cannot see it."),
    )


class ShownBetween(blocks.StructBlock):
    show_from = blocks.DateTimeBlock(required=False, label=_("shown from"))
    show_until = blocks.DateTimeBlock(required=False, label=_("shown until"))

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("show_from"), value.get("show_until")
        if start and end and end <= start:
            raise StructBlockValidationError(
                block_errors={
                    "show_until": ValidationError(_("The end must come after the start."))
                }
            )
        return value


class AlertBlock(ShownBetween):
    level = blocks.ChoiceBlock(
        choices=[
            ("info", _("Announcement")),
            ("warning", _("Watch out")),
            ("danger", _("Urgent")),
        ],
        default="warning",
        label=_("level"),
    )
    text = blocks.TextBlock(label=_("text"), help_text=_("e.g. a dengue outbreak warning."))
    link = address_block(_("link for more"))

    class Meta:
        icon = "warning"
        label = _("Alert banner")
        template = "content/blocks/alert.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["shown"] = shown_now(value)
        context["label"] = dict(self.child_blocks["level"].field.choices)[value["level"]]
        return context


class PopupBlock(ShownBetween):
    """An announcement that opens over the home page (an important day, a campaign), once a
    day for each visitor: the browser remembers it was closed today (a cookie)."""

    title = PlainCharBlock(max_length=200, label=_("title"))
    text = blocks.TextBlock(required=False, label=_("text"))
    image = ImageChooserBlock(required=False, label=_("picture"))
    alt = alt_block(required=False)
    link = address_block(_("link for more"))
    full_screen = blocks.BooleanBlock(
        required=False,
        label=_("as an intro page"),
        help_text=_(
            "Fill the whole screen, as the intro page of an important day, before the "
            "visitor enters the website."
        ),
    )

    class Meta:
        icon = "pick"
        label = _("Announcement that opens over the page")
        template = "content/blocks/popup.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("alt"):
            raise StructBlockValidationError(
                block_errors={"alt": ValidationError(_("Describe the picture."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["shown"] = shown_now(value)
        return context


class SlideBlock(ShownBetween):
    image = ImageChooserBlock(label=_("picture"))
    alt = alt_block()
    caption = PlainCharBlock(required=False, max_length=250, label=_("caption"))
    page = blocks.PageChooserBlock(required=False, label=_("page it leads to"))
    url = address_block(_("or address it leads to"))


class SlidesBlock(blocks.StructBlock):
    slides = blocks.ListBlock(SlideBlock(), min_num=1, label=_("slides"))

    class Meta:
        icon = "image"
        label = _("Slides of activities")
        template = "content/blocks/slides.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["shown"] = [slide for slide in value["slides"] if shown_now(slide)]
        return context


class NewsBlock(blocks.StructBlock):
    heading = PlainCharBlock(default=_("News"), label=_("heading"))
    count = blocks.IntegerBlock(default=4, min_value=1, max_value=12, label=_("how many"))

    class Meta:
        icon = "doc-full"
        label = _("News highlights")
        template = "content/blocks/news.html"

    def get_context(self, value, parent_context=None):
        # Why here: the page models import these blocks.
        from prakat.content.models import CategoryPage, InformationItemPage, public

        context = super().get_context(value, parent_context)
        news = CategoryPage.objects.filter(checklist_key=NEWS_KEY).first()
        items = InformationItemPage.objects.none()
        if news is not None:
            items = public(InformationItemPage.objects.child_of(news).live()).select_related(
                "cover_image"
            )
        context["items"] = list(items.order_by("-first_published_at")[: value["count"]])
        context["news_url"] = news.url if news is not None else ""
        return context


class LinkBlock(blocks.StructBlock):
    title = PlainCharBlock(max_length=120, label=_("title"))
    page = blocks.PageChooserBlock(required=False, label=_("page"))
    url = address_block(_("or address"))

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or give an address: one."))}
            )
        return value


class QuickLinksBlock(blocks.StructBlock):
    heading = PlainCharBlock(default=_("Services"), label=_("heading"))
    links = blocks.ListBlock(LinkBlock(), min_num=1, label=_("links"))

    class Meta:
        icon = "link"
        label = _("Quick links")
        template = "content/blocks/quick_links.html"


class BannerBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("banner"))
    alt = alt_block(_("The name of the agency or campaign the banner leads to."))
    url = address_block(_("address it leads to"), required=True)


class BannersBlock(blocks.StructBlock):
    heading = PlainCharBlock(default=_("Related agencies"), label=_("heading"))
    banners = blocks.ListBlock(BannerBlock(), min_num=1, label=_("banners"))

    class Meta:
        icon = "site"
        label = _("Banner links")
        template = "content/blocks/banners.html"


class FrameBlock(blocks.StructBlock):
    """A YouTube or Facebook video, a Facebook page or a map, from a provider the agency
    allows (``Agency.embed_providers``; the page refuses the others when saved)."""

    title = PlainCharBlock(
        max_length=200,
        label=_("title"),
        help_text=_("Shown above it and read out to people who cannot see it."),
    )
    embed = EmbedBlock(
        label=_("address"),
        help_text=_(
            "The address of a YouTube or Facebook video, a Facebook page, or a map to embed "
            "(Google Maps: Share › Embed a map, the address in src)."
        ),
    )
    caption = PlainCharBlock(required=False, max_length=250, label=_("text shown below it"))

    class Meta:
        icon = "media"
        label = _("Video, Facebook page or map")
        template = "content/blocks/embed.html"


class PhotoBlock(blocks.StructBlock):
    """A photo of an activity in an item's album, with what it shows and whose it is."""

    image = ImageChooserBlock(label=_("photo"))
    alt = alt_block()
    credit = PlainCharBlock(
        required=False, max_length=120, label=_("photo by"), help_text=_("Who took it.")
    )

    class Meta:
        icon = "image"
        label = _("Photo")


ALBUM_BLOCKS = [("photo", PhotoBlock())]

HOME_BLOCKS = [
    ("alert", AlertBlock()),
    ("popup", PopupBlock()),
    ("slides", SlidesBlock()),
    ("news", NewsBlock()),
    ("quick_links", QuickLinksBlock()),
    ("banners", BannersBlock()),
    ("embed", FrameBlock()),
]
