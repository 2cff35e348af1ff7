"""Keeping a name, position or address whole on its line in the official PDFs.

Lines of Thai break between words by a dictionary, which does not know people's names or
villages: "สมพงษ์ บัวงาม" broke as "บัว/งาม" and "ตำบลกุดป่อง" as "กุด/ป่อง". Each word a
space separates is kept whole (a line may break only at the spaces); a long run without
spaces, which could not fit a narrow cell, still breaks as the dictionary says.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# A word longer than this is a run of several (a sentence without spaces): let it break.
LONGEST_KEPT = 24


@register.filter(needs_autoescape=True)
def keep_words(value, autoescape: bool = True) -> SafeString:
    """``value`` with each space-separated word kept on one line (``.keep``)."""
    escape = conditional_escape if autoescape else str
    words = []
    for word in str(value).split(" "):
        if word and len(word) <= LONGEST_KEPT:
            words.append(format_html('<span class="keep">{}</span>', word))
        else:
            words.append(escape(word))
    return mark_safe(" ".join(str(word) for word in words))  # noqa: S308 - each part escaped
