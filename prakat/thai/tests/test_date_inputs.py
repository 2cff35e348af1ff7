"""Thai staff type and pick dates in the Buddhist era; Prakat stores them Christian-era."""

import datetime

import pytest
from django import forms
from django.utils import translation
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput


class DateForm(forms.Form):
    day = forms.DateField(widget=AdminDateInput)
    moment = forms.DateTimeField(widget=AdminDateTimeInput, required=False)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("22/11/2569", datetime.date(2026, 11, 22)),
        ("29/02/2567", datetime.date(2024, 2, 29)),  # a leap day: 2567 B.E. is 2024
        ("31/12/2569", datetime.date(2026, 12, 31)),
        ("01/01/2570", datetime.date(2027, 1, 1)),
        ("01/10/2569", datetime.date(2026, 10, 1)),  # the fiscal year 2570 starts
        ("22/11/2026", datetime.date(2026, 11, 22)),  # clearly Christian-era: understood
    ],
)
def test_typed_buddhist_era_dates_are_stored_right(typed, stored):
    with translation.override("th"):
        form = DateForm({"day": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == stored


def test_a_date_that_does_not_exist_is_refused_in_thai():
    with translation.override("th"):
        form = DateForm({"day": "29/02/2569"})  # 2026 is not a leap year
        assert not form.is_valid()
        assert form.errors["day"] == [
            "วันที่ไม่ถูกต้อง โปรดระบุวันที่ที่มีอยู่จริงในรูปแบบ วัน/เดือน/ปี พ.ศ. เช่น 22/11/2569"
        ]


def test_a_refused_form_shows_the_typed_date_back_in_the_buddhist_era():
    with translation.override("th"):
        form = DateForm({"day": "09/03/2569", "moment": "31/02/2569 09:30"})
        assert not form.is_valid()
        assert 'value="09/03/2569"' in str(form["day"])  # not 09/03/2026
        assert 'value="31/02/2569 09:30"' in str(form["moment"])


def test_stored_dates_are_shown_in_the_buddhist_era():
    with translation.override("th"):
        html = str(DateForm(initial={"day": datetime.date(2024, 2, 29)})["day"])
        assert 'value="29/02/2567"' in html
        assert '"yearOffset": 543' in html
        moment = datetime.datetime(2026, 11, 22, 9, 30)
        assert AdminDateTimeInput().format_value(moment) == "22/11/2569 09:30"


def test_date_time_input_reads_the_buddhist_era():
    with translation.override("th"):
        form = DateForm({"day": "22/11/2569", "moment": "22/11/2569 09:30"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["moment"].date() == datetime.date(2026, 11, 22)


def test_other_languages_are_left_alone():
    with translation.override("en"):
        form = DateForm({"day": "2026-11-22"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2026, 11, 22)
        assert "yearOffset" not in str(DateForm()["day"])
