"""Titles, names and subjects without the invisible characters that change how they read.

A right-to-left override makes ``\\u202efdp.exe`` show as "exe.pdf" in the admin, on the site
and in the PDFs; zero-width characters make two titles that look the same differ, or hide a
word from search. Such characters have no place in a one-line title or a name, so they are
taken out before the row is saved, whichever form, view, import or job saves it.

U+200B (zero-width space) is sometimes typed into Thai as a hint where a line may break; a
title is short, and the site cuts Thai into words itself, so nothing is lost. U+200D
(zero-width joiner) joins emoji into one picture and Indic letters into one form; Thai uses
neither, and in a title it serves only to make look-alikes, so it goes too.
"""

from __future__ import annotations

import html
import re

from pythainlp.util import normalize as thai_normalize

# Marks, embeddings, overrides and isolates of the Unicode bidirectional algorithm: each
# changes the order in which what follows is shown.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Zero width space, non-joiner, joiner, word joiner, and the byte-order mark used as a
# zero-width no-break space.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

_INVISIBLE = re.compile(f"[{BIDI_CONTROLS}{ZERO_WIDTH}]")


def without_invisible_controls(text: str) -> str:
    """``text`` without bidirectional controls and zero-width characters."""
    return _INVISIBLE.sub("", text)


_registered: list[tuple[type, tuple[str, ...]]] = []
_fields_by_class: dict[type, tuple[str, ...]] = {}


def keep_plain(model: type, *fields: str) -> None:
    """Take invisible controls out of ``fields`` of ``model`` (and its subclasses) whenever
    one is saved. Each app names its own models' titles, names and subjects when it is ready.
    """
    from django.db.models.signals import pre_save

    _registered.append((model, fields))
    _fields_by_class.clear()
    pre_save.connect(_before_save, dispatch_uid="prakat_plain_text")


def plain_fields(model: type) -> tuple[str, ...]:
    """The fields of ``model`` kept free of invisible controls."""
    if model not in _fields_by_class:
        names: list[str] = []
        for base, fields in _registered:
            if issubclass(model, base):
                names += [f for f in fields if f not in names]
        _fields_by_class[model] = tuple(names)
    return _fields_by_class[model]


def clean_fields(target, fields: tuple[str, ...]) -> None:
    """Clean ``fields`` of an object, or keys of a dict (a revision's stored content)."""
    is_mapping = isinstance(target, dict)
    for field in fields:
        value = target.get(field) if is_mapping else getattr(target, field, None)
        if isinstance(value, str):
            cleaned = without_invisible_controls(value)
            if cleaned != value:
                if is_mapping:
                    target[field] = cleaned
                else:
                    setattr(target, field, cleaned)


def _before_save(sender, instance, raw: bool = False, **kwargs) -> None:
    # A restore or fixture load (raw) writes back rows exactly as they were kept.
    if raw:
        return
    fields = plain_fields(type(instance))
    if fields:
        clean_fields(instance, fields)


def normal_form(text: str) -> str:
    """``text`` as the search keeps it and compares queries with it: Thai spelling variants
    made one (เเ → แ, marks in their standard order, no zero-width characters), HTML
    entities read, case folded, spaces single."""
    return " ".join(thai_normalize(html.unescape(text)).casefold().split())
