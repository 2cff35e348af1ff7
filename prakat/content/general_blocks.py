"""What a general page is written with: headings, text, pictures, links and embedded videos or
maps, in the order the webmaster gives (the services, clinics and opening hours a hospital
tells the public about, which are not the evidence the checklist asks for)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from prakat.content.home_blocks import FrameBlock, LinkBlock, PlainCharBlock, alt_block

# Headings inside the text start below the page's own sections (h2).
TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class PictureBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("picture"))
    alt = alt_block()
    caption = PlainCharBlock(required=False, max_length=250, label=_("caption"))
    credit = PlainCharBlock(
        required=False, max_length=120, label=_("photo by"), help_text=_("Who took it.")
    )

    class Meta:
        icon = "image"
        label = _("Picture")
        template = "content/blocks/picture.html"


class LinksBlock(blocks.StructBlock):
    heading = PlainCharBlock(required=False, max_length=120, label=_("heading"))
    links = blocks.ListBlock(LinkBlock(), min_num=1, label=_("links"))

    class Meta:
        icon = "link"
        label = _("Links")
        template = "content/blocks/page_links.html"


class HeadingBlock(PlainCharBlock):
    class Meta:
        icon = "title"
        label = _("Section heading")
        template = "content/blocks/heading.html"


class TextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Text")


class FrameOnPageBlock(FrameBlock):
    class Meta:
        template = "content/blocks/embed_on_page.html"


GENERAL_BLOCKS = [
    ("heading", HeadingBlock(max_length=200)),
    ("text", TextBlock(features=TEXT_FEATURES)),
    ("picture", PictureBlock()),
    ("links", LinksBlock()),
    ("embed", FrameOnPageBlock()),
]
