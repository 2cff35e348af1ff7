"""The completeness dashboard agrees with a hand audit, entry by entry, date by date.

``audits/<agency>.yaml`` holds what an assessor wrote for every checklist entry at five dates
of fiscal year 2570 (1 and 11 October, 10 December, 1 April, 30 September): its status and
why, from the written rules and the agency's own data, without the code that computes the
statuses and without running it (each file's header says how it was made). The screens are
read at each of those dates as a webmaster sees them.
"""

import datetime
import io
import re
from pathlib import Path

import pytest
import time_machine
import yaml
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.images import get_image_model

from prakat.agency.models import Agency, Executive, Unit
from prakat.agency.roles import Role
from prakat.compliance.tests.support import at
from prakat.content.going_live import publication_authorised
from prakat.content.models import CategoryPage, InformationItemPage
from prakat.content.tests import helpers
from prakat.content.tests.pdf_text import pdf_skeleton, skeleton
from prakat.demo.loader import load_demo
from prakat.thai.dates import BANGKOK

pytestmark = pytest.mark.database_neutral

AUDITS = Path(__file__).parent / "audits"
ROW = re.compile(
    r'<tr class="compliance-entry" data-key="([^"]+)">.*?data-status="([a-z]+)"', re.DOTALL
)


def audit(name: str) -> dict:
    # libyaml's loader: the audits are some thousand lines each, read several times.
    return yaml.load((AUDITS / f"{name}.yaml").read_text(encoding="utf-8"), yaml.CSafeLoader)


def on(day: str):
    """The clock at noon in Bangkok on ``day``."""
    moment = datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(12, 0), tzinfo=BANGKOK
    )
    return time_machine.travel(moment, tick=False)


ENTRY = re.compile(r'data-key="([^"]+)">[^<]*<span data-status="([a-z]+)"')


def dashboard(client) -> dict[str, str]:
    response = client.get(reverse("compliance:dashboard"))
    assert response.status_code == 200
    return dict(ROW.findall(response.content.decode()))


def ita_view(client) -> list[tuple[str, str]]:
    """Each entry the ITA view lists under an indicator, with its status, in order."""
    response = client.get(reverse("compliance:ita"))
    assert response.status_code == 200
    return ENTRY.findall(response.content.decode())


def differences_from(expected: dict, webmaster) -> list[str]:
    """Where the dashboard and the ITA view, read at each of the audit's dates, say other
    than the audit: one line each, with the audit's reason."""
    differences = []
    for day, entries in expected["dates"].items():
        with on(day):
            client = Client()  # signed in that day: a session of another day is idle
            client.force_login(webmaster)
            shown = dashboard(client)
            listed = ita_view(client)
        assert set(shown) == set(entries), day
        differences += [
            f"{day} {key}: the dashboard says {shown[key]}, the audit {audited['status']}"
            f" ({audited['why']})"
            for key, audited in entries.items()
            if shown[key] != audited["status"]
        ]
        # The ITA view names the entries each indicator asks for, each with its status.
        assert len(listed) > 20, day
        differences += [
            f"{day} {key}: the ITA view says {status}, the audit {entries[key]['status']}"
            for key, status in listed
            if status != entries[key]["status"]
        ]
    return differences


def test_the_demo_agency_agrees_with_the_hand_audit(built_site, make_user):
    """The demo's dashboard and ITA view at the audit's five dates; and its ITA exports of the
    year under way (one demo load for both: it costs seconds)."""
    expected = audit("kamphaeng-phet")
    # As `make run` loads it: into a new install, whose agency nobody has named yet.
    Agency.objects.update(name="")
    load_demo("kamphaeng-phet")
    # A webmaster of the agency's own (the demo's have their second step enrolled).
    webmaster = make_user("auditing-webmaster", Role.WEBMASTER)
    differences = differences_from(expected, webmaster)
    assert not differences, "\n".join(differences)
    the_year_under_way_is_exported_with_its_own_items(webmaster)


def test_a_neglected_agencys_screens_agree_with_the_hand_audit(built_site, make_user):
    """A new install whose agency did nothing: no item, no executive, no contact detail."""
    webmaster = make_user("auditing-webmaster", Role.WEBMASTER)
    differences = differences_from(audit("neglected"), webmaster)
    assert not differences, "\n".join(differences)


def keep_well(agency: Agency, data: dict) -> None:
    """The well-kept agency's settings, executives and items, as its data file says."""
    filled = {
        "address": {"address": "ถนนพหลโยธิน ตำบลในเมือง อำเภอเมือง จังหวัดตัวอย่าง 10000"},
        "phone": {"phone": "0 2590 1000"},
        "fax": {"fax": "0 2590 1001"},
        "email": {"email": "webmaster@example.go.th"},
        "map": {"latitude": "13.850000", "longitude": "100.530000"},
    }
    for part, state in data["settings"].items():
        if state == "filled":
            for field, value in filled[part].items():
                setattr(agency, field, value)
    agency.save()
    for order, person in enumerate(data["executives"]):
        photo = None
        if person.get("photo"):
            photo = get_image_model()(title=person["name"])
            photo.file = ContentFile(helpers.png_bytes(), name="portrait.png")
            photo.save()
        Executive.objects.create(
            agency=agency,
            name=person["name"],
            position=person["position"],
            phone=person.get("phone", ""),
            photo=photo,
            is_cio=person.get("cio", False),
            sort_order=order,
        )
    unit = Unit.objects.create(agency=agency, name="ศูนย์เทคโนโลยีสารสนเทศ")
    categories = {c.checklist_key: c for c in CategoryPage.objects.exclude(checklist_key="")}
    # Added live as an import adds them (no revision each): two hundred items published one
    # by one through Wagtail's revisions would cost this test half a minute.
    with publication_authorised():
        for number, item in enumerate(data["items"]):
            published = item["published"]
            moment = at(published.year, published.month, published.day, 9, 30)
            start, end = item.get("period") or (None, None)
            categories[item["key"]].add_child(
                instance=InformationItemPage(
                    title=item["title"],
                    slug=f"item-{number}",
                    owner_unit=unit,
                    live=True,
                    first_published_at=moment,
                    last_published_at=moment,
                    data_period_start=start,
                    data_period_end=end,
                    publication_end=item.get("ends"),
                )
            )


def test_a_well_kept_agency_agrees_with_the_hand_audit(built_site, make_user):
    """An agency that publishes what the rules ask within each grace period, all year: its
    screens at the five dates, and its exports on two of them (one load of its items)."""
    data = audit("well-kept-data")
    keep_well(built_site.agency, data)
    webmaster = make_user("auditing-webmaster", Role.WEBMASTER)
    differences = differences_from(audit("well-kept"), webmaster)
    assert not differences, "\n".join(differences)
    for day in ("2026-10-11", "2027-04-01"):
        exports_list_what_was_up_that_day(data, webmaster, day)


def the_year_under_way_is_exported_with_its_own_items(webmaster) -> None:
    """On 10 December 2569 fiscal year 2570 has no indicator file of its own: the ITA view
    and both exports still judge and list 2570's items (2569's indicators standing in), not
    fiscal year 2569 as it stood on 30 September."""
    with on("2026-12-10"):
        client = Client()
        client.force_login(webmaster)
        html = client.get(reverse("compliance:ita")).content.decode()
        assert '<option value="2570" selected>' in html
        assert "ยังไม่มีไฟล์ตัวชี้วัด ITA ของปีงบประมาณ 2570" in html
        xlsx = client.get(reverse("compliance:ita_xlsx", args=[2570]))
        pdf = client.get(reverse("compliance:ita_pdf", args=[2570]))
    titles = {
        row[2]
        for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(
            min_row=2, values_only=True
        )
    }
    text = pdf_skeleton(pdf.content)
    # Published in October and November 2569, fiscal year 2570's first months.
    for title in (
        "แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2570",
        "สรุปผลการจัดซื้อจัดจ้าง (สขร.1) ประจำเดือนตุลาคม 2569",
    ):
        assert title in html
        assert title in titles
        assert skeleton(title) in text


def indicator_entries() -> list[tuple[str, list[str]]]:
    """Each MOIT indicator and OIT item of the year file with the entries it asks for (an
    indicator with sub-items asks for theirs), read from the file itself."""
    year = yaml.safe_load((AUDITS.parent.parent / "ita" / "2569.yaml").read_text("utf-8"))
    found = []
    for indicator in year["indicators"]:
        entries = list(indicator.get("entries", []))
        for sub in indicator.get("sub_items", []):
            entries += [key for key in sub["entries"] if key not in entries]
        found.append((indicator["code"], entries))
    found += [(item["code"], item["entries"]) for item in year["oit"]["items"]]
    return found


TITLES = {
    entry["key"]: entry["title_th"]
    for entry in yaml.safe_load(
        (AUDITS.parent.parent.parent / "content" / "checklist.yaml").read_text("utf-8")
    )["entries"]
}


def shown_by_the_site(audited: dict) -> bool:
    """What the audit's reason says: current because the site shows it by itself."""
    why = audited["why"]
    return audited["status"] == "current" and (
        "shown by the site" in why.lower() or "by itself" in why
    )


def exports_list_what_was_up_that_day(data: dict, webmaster, day: str) -> None:
    """Both exports list, under each indicator, the items of its entries that were on the
    site that day: published by then, and not past their publication end."""
    moment = datetime.date.fromisoformat(day)
    up = [
        item
        for item in data["items"]
        if item["published"] <= moment and (not item.get("ends") or item["ends"] >= moment)
    ]
    found_that_day = audit("well-kept")["dates"][day]
    expected = sorted(
        (code, item["title"]) for code, keys in indicator_entries() for item in up
        if item["key"] in keys
    ) + sorted(
        # The entries the audit found shown by the site itself, each with the page it is on.
        (code, f"{TITLES[key]} (แสดงโดยเว็บไซต์เอง)")
        for code, keys in indicator_entries() for key in keys
        if shown_by_the_site(found_that_day[key])
    )  # fmt: skip
    expected.sort()
    with on(day):
        client = Client()
        client.force_login(webmaster)
        xlsx = client.get(reverse("compliance:ita_xlsx", args=[2570]))
        pdf = client.get(reverse("compliance:ita_pdf", args=[2570]))
    rows = load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(min_row=2, values_only=True)
    assert sorted((row[0], row[2]) for row in rows) == expected
    # Read back exactly: "Official" in a title was once drawn with the "fi" ligature, whose
    # text is one character (U+FB01) that no search for the word finds.
    text = pdf_skeleton(pdf.content)
    for _code, title in expected:
        assert skeleton(title) in text, title
