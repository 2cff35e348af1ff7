"""The password rule Django lacks: a mix of kinds of character."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _kinds(password: str) -> set[str]:
    kinds = set()
    for char in password:
        if char.isdigit():
            kinds.add("digit")
        elif char.isascii() and char.isupper():
            kinds.add("upper")
        elif char.isascii() and char.islower():
            kinds.add("lower")
        elif not char.isspace():
            # Symbols, and Thai letters (which have no case), count as one kind.
            kinds.add("other")
    return kinds


class CharacterKindsValidator:
    """At least ``min_kinds`` of: capital letters, small letters, digits, symbols or Thai."""

    def __init__(self, min_kinds: int = 3):
        self.min_kinds = min_kinds

    def validate(self, password: str, user=None) -> None:
        if len(_kinds(password)) < self.min_kinds:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _(
            "Your password must mix at least %(count)d of these kinds of character: capital "
            "letters (A–Z), small letters (a–z), digits (0–9), and symbols or Thai letters."
        ) % {"count": self.min_kinds}
