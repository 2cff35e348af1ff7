"""A video, Facebook page or map in a frame, where the page's agency allows its provider."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from prakat.content.embeds import agency_of_request, allowed, frame_sources_for

register = template.Library()


@register.simple_tag(takes_context=True)
def framed(context, url: str, title: str) -> SafeString:
    """The frame of ``url``, titled for screen readers; a plain link where the agency does not
    allow its provider (a frame the browser would refuse shows an empty box)."""
    request = context.get("request")
    frame = allowed(agency_of_request(request), url) if request is not None else None
    if frame is None:
        return format_html(
            '<p><a href="{}">{}</a></p>',
            url,
            gettext("%(title)s (on another site)") % {"title": title},
        )
    return render_to_string("content/includes/frame.html", {"frame": frame, "title": title})


@register.simple_tag(takes_context=True)
def frame_policy(context) -> SafeString:
    """The frames the page may hold, also written in the page itself: a copy of it given by
    the web server (with the one policy it sends for every agency) keeps its agency's."""
    request = context.get("request")
    if request is None:
        return SafeString("")
    return format_html(
        '<meta http-equiv="Content-Security-Policy" content="frame-src {}">',
        frame_sources_for(request),
    )
