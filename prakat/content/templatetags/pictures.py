"""A picture in several widths for the browser to choose from (``srcset``).

Wagtail's ``srcset_image`` asks for its renditions together, and when two processes draw a
page at once each may make them: the one that loses then names in its page a file no
rendition row holds, which the site (serving a rendition only by its row, ``content.images``)
answers with 404 — a broken picture kept with the page. Asked one at a time, each rendition
is found or made by ``get_or_create``, so every page names the row's own file.
"""

from django import template
from django.utils.html import format_html
from wagtail.images.shortcuts import get_rendition_or_not_found

from prakat.content import images

register = template.Library()


@register.simple_tag
def responsive_image(image, specs: str, sizes: str = "100vw", alt: str = "", css_class: str = ""):
    """``{% responsive_image page.cover_image "width-640 width-960" sizes="…" alt="…" %}``:
    the first spec is the ``src``, every spec a width in ``srcset``. Nothing for a picture
    deleted since, and Wagtail's stand-in for one whose file is gone, as its ``{% image %}``
    tag gives: a missing picture never takes the page down."""
    if image is None:
        return ""
    renditions = [get_rendition_or_not_found(image, spec) for spec in specs.split()]
    first = renditions[0]
    srcset = ", ".join(f"{r.url} {r.width}w" for r in renditions)
    return format_html(
        '<img alt="{}" src="{}" srcset="{}" sizes="{}" width="{}" height="{}"{}>',
        alt,
        first.url,
        srcset,
        sizes,
        first.width,
        first.height,
        format_html(' class="{}"', css_class) if css_class else "",
    )


@register.simple_tag
def inline_picture(image, spec: str) -> str:
    """``{% inline_picture page.cover_image "max-240x180" %}``: a ``data:`` address, for a
    staff screen whose own access check covers the picture (a request's draft)."""
    if image is None:
        return ""
    return images.inline_picture(image, spec)
