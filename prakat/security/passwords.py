"""The password rules Django lacks: a mix of kinds of character, and no name of the person
inside the password."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


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


def _letters(text: str) -> str:
    """``text`` without digits, punctuation, symbols or spaces: the name people read in it."""
    return "".join(
        char for char in text if unicodedata.category(char)[0] not in ("N", "P", "S", "Z")
    )


class PersonalNameValidator:
    """No password holding the person's user name, first or last name or e-mail name.

    Django's similarity check compares the whole password with the whole name, so adding a
    year and a symbol (``newstaff2026!A`` for ``newstaff5``) slips under its threshold. This
    looks for the name inside the password instead: the user name and e-mail name with
    digits and punctuation taken out, and each part of the first and last name, wherever at
    least ``min_length`` letters long, in any mix of capitals and small letters.
    """

    def __init__(self, min_length: int = 4):
        self.min_length = min_length

    def _names(self, user) -> list[tuple[str, str]]:
        username = str(getattr(user, "get_username", lambda: "")() or "")
        email = str(getattr(user, "email", "") or "")
        first = str(getattr(user, "first_name", "") or "")
        last = str(getattr(user, "last_name", "") or "")
        found = [
            (pgettext("password rule", "user name"), _letters(username)),
            (
                pgettext("password rule", "e-mail name"),
                _letters(email.rsplit("@", 1)[0]) if "@" in email else "",
            ),
        ]
        found += [
            (pgettext("password rule", "first name"), part) for part in (first, *first.split())
        ]
        found += [(pgettext("password rule", "last name"), part) for part in (last, *last.split())]
        return [(what, name) for what, name in found if len(name.strip()) >= self.min_length]

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        folded = password.casefold()
        for what, name in self._names(user):
            if name.strip().casefold() in folded:
                raise ValidationError(
                    _(
                        "Your password must not contain your %(what)s (“%(name)s”), in capitals "
                        "or small letters: others can guess it."
                    )
                    % {"what": what, "name": name.strip()},
                    code="password_contains_name",
                )

    def get_help_text(self) -> str:
        return _(
            "Your password must not contain your user name, first or last name, or the name "
            "of your e-mail address."
        )
