import datetime

from django.template import Context, Template
from django.utils import dateformat, translation
from django.utils.formats import date_format


def test_django_dates_print_the_buddhist_era_in_thai():
    day = datetime.date(2026, 11, 22)
    with translation.override("th"):
        assert date_format(day, "DATE_FORMAT") == "22 พฤศจิกายน 2569"
        assert dateformat.format(day, "d/m/Y") == "22/11/2569"
        assert dateformat.format(day, "y") == "69"
        rendered = Template("{{ day|date:'j M Y' }}").render(Context({"day": day}))
        assert rendered == "22 พ.ย. 2569"


def test_other_languages_and_machine_formats_keep_the_christian_era():
    day = datetime.date(2026, 11, 22)
    with translation.override("en"):
        assert dateformat.format(day, "Y") == "2026"
    with translation.override("th"):
        assert day.isoformat() == "2026-11-22"
        assert dateformat.format(day, "c") == "2026-11-22"


def test_new_year_in_bangkok_is_a_new_buddhist_year():
    from django.utils import timezone

    # 18:00 UTC on 31 December is 01:00 on New Year's Day in Bangkok.
    moment = datetime.datetime(2026, 12, 31, 18, 0, tzinfo=datetime.UTC)
    with translation.override("th"):
        assert dateformat.format(timezone.localtime(moment), "j F Y") == "1 มกราคม 2570"
