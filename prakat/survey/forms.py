"""The survey's forms: the public's answer, and the month and year whose results to show."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prakat.survey.answers import COMMENT_MAX_LENGTH, Aspect, Level
from prakat.thai.dates import BE_OFFSET

HONEYPOT = "website"
YEARS_BACK = 5


class SurveyForm(forms.Form):
    """One field a question (five levels, highest first), an optional comment, and a field
    people never see: whatever fills it is a program."""

    comment = forms.CharField(
        label=gettext_lazy("Comments or suggestions (optional)"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 5, "maxlength": COMMENT_MAX_LENGTH, "aria-describedby": "comment-hint"}
        ),
    )
    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        aspect_fields = {}
        for aspect in Aspect:
            aspect_fields[aspect.value] = forms.TypedChoiceField(
                label=aspect.label,
                choices=Level.choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _(
                        "Choose a level for “%(aspect)s”: every question needs an answer."
                    )
                    % {"aspect": aspect.label},
                    "invalid_choice": _(
                        "The level for “%(aspect)s” must be one of the five levels, 1 to 5."
                    )
                    % {"aspect": aspect.label},
                },
            )
        # The questions come first, in the order of Aspect.
        self.fields = {**aspect_fields, **self.fields}

    def aspect_fields(self) -> list[forms.BoundField]:
        return [self[aspect.value] for aspect in Aspect]

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean_comment(self) -> str:
        comment = self.cleaned_data["comment"].strip()
        if len(comment) > COMMENT_MAX_LENGTH:
            raise forms.ValidationError(
                _("A comment may be at most %(limit)s characters long; this one has %(length)s.")
                % {"limit": f"{COMMENT_MAX_LENGTH:,}", "length": f"{len(comment):,}"}
            )
        return comment

    def ratings(self) -> dict[str, int]:
        return {aspect.value: self.cleaned_data[aspect.value] for aspect in Aspect}


class PeriodForm(forms.Form):
    """A month (or the whole year) and a Buddhist-era year."""

    month = forms.TypedChoiceField(
        label=gettext_lazy("Month"), coerce=int, required=False, empty_value=None, choices=()
    )
    year = forms.TypedChoiceField(label=gettext_lazy("Year (B.E.)"), coerce=int, choices=())

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        this_year = today.year + BE_OFFSET
        self.fields["month"].choices = [("", _("Whole year")), *MONTHS.items()]
        self.fields["year"].choices = [(y, y) for y in range(this_year, this_year - YEARS_BACK, -1)]
        self.initial.setdefault("month", today.month)
        self.initial.setdefault("year", this_year)

    def period(self) -> tuple[int | None, int]:
        """The chosen month (None for the whole year) and the year A.D.; this month by default."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["month"], self.cleaned_data["year"] - BE_OFFSET
        return self.today.month, self.today.year
