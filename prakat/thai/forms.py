"""A range of days asked of staff: typed or picked in the Buddhist era (Wagtail's date input,
made B.E. by ``buddhist_era``), read back as dates."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateInput


class DateRangeForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), widget=AdminDateInput)
    end = forms.DateField(label=gettext_lazy("Until"), widget=AdminDateInput)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The range must end on or after the day it starts."))
        return data
