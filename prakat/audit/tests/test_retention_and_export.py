"""Keeping the traffic log at least 90 days, deleting what is older, exporting a range."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry, Site

from prakat.agency.roles import Role
from prakat.audit import traffic
from prakat.audit.models import AuditSettings, SealedSegment
from prakat.audit.retention import purge
from prakat.audit.sealing import seal_pending
from prakat.audit.tests.conftest import spool_day
from prakat.audit.verification import verify

TODAY = datetime.date(2026, 6, 30)


def test_a_retention_below_90_days_is_refused_in_thai_and_the_form_keeps_it(
    client, built_site, make_user
):
    admin = make_user("root", is_superuser=True)
    client.force_login(admin)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["audit", "auditsettings", site.pk])
    response = client.post(url, {"traffic_retention_days": "60"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "ต้องเก็บข้อมูลจราจรทางคอมพิวเตอร์ไว้อย่างน้อย 90 วัน" in html
    assert 'value="60"' in html
    assert AuditSettings.for_site(site).traffic_retention_days == 90
    response = client.post(url, {"traffic_retention_days": "180"})
    assert response.status_code == 302
    assert AuditSettings.for_site(site).traffic_retention_days == 180
    # Saving a setting is itself in the audit log.
    assert ModelLogEntry.objects.filter(action="wagtail.edit", user=admin).exists()


@pytest.fixture
def old_and_new_days(db, traffic_dir):
    for days_ago in (100, 95, 91, 90, 10):
        spool_day(TODAY - datetime.timedelta(days=days_ago), ["12:00:00"])
    return seal_pending(TODAY)


def test_purge_deletes_days_older_than_the_retention_and_keeps_the_rest(old_and_new_days):
    assert len(old_and_new_days) == 100  # the quiet days in between are sealed empty
    purged = purge(TODAY)
    assert purged == [TODAY - datetime.timedelta(days=d) for d in (100, 99, 98, 97, 96, 95, 94,
                                                                    93, 92, 91)]  # fmt: skip
    kept = traffic.sealed_days()
    assert kept[0] == TODAY - datetime.timedelta(days=90)
    assert len(kept) == 90
    assert SealedSegment.objects.filter(purged_at__isnull=False).count() == 10
    # What is kept still checks out, its first day against the seal of the last one deleted.
    assert verify().intact


def test_a_longer_retention_keeps_more(old_and_new_days):
    AuditSettings.objects.create(
        site=Site.objects.get(is_default_site=True), traffic_retention_days=365
    )
    assert purge(TODAY) == []


@pytest.fixture
def auditor(make_user):
    return make_user("auditor", Role.AUDITOR, first_name="ตรวจ", last_name="สอบ")


def test_an_export_holds_exactly_the_lines_of_the_range_and_is_audited(
    client, built_site, auditor, traffic_dir
):
    days = [datetime.date(2026, 3, d) for d in (7, 8, 9)]
    for day in days:
        spool_day(day, ["08:00:00", "09:00:00"], url_prefix=f"/d{day.day}")
    seal_pending(datetime.date(2026, 3, 10))
    spool_day(datetime.date(2026, 3, 10), ["10:00:00"], url_prefix="/today")  # not sealed yet
    client.force_login(auditor)
    response = client.get(
        reverse("traffic_log"),
        {"start": "08/03/2569", "end": "10/03/2569"},
        REMOTE_ADDR="192.0.2.44",
    )
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["ที่อยู่เว็บ (URL)"] for r in rows] == [
        "/d8-08:00:00", "/d8-09:00:00", "/d9-08:00:00", "/d9-09:00:00", "/today-10:00:00",
    ]  # fmt: skip
    assert rows[0]["บรรทัด"] == "1"
    assert rows[0]["เวลา (เวลากรุงเทพฯ)"] == "2026-03-08T08:00:00.000000+07:00"
    entry = ModelLogEntry.objects.get(action="prakat.export")
    assert entry.user == auditor
    assert entry.data["start"] == "2026-03-08" and entry.data["end"] == "2026-03-10"
    assert entry.data["address"] == "192.0.2.44"
    assert "ข้อมูลจราจรทางคอมพิวเตอร์" in entry.label


def test_a_backwards_range_is_refused_and_the_form_keeps_it(client, built_site, auditor):
    client.force_login(auditor)
    response = client.get(reverse("traffic_log"), {"start": "09/03/2569", "end": "08/03/2569"})
    html = response.content.decode()
    assert "ช่วงวันที่ต้องสิ้นสุดในวันเดียวกันหรือหลังวันเริ่มต้น" in html
    assert 'name="start" value="09/03/' in html  # the same day, kept
    assert not ModelLogEntry.objects.filter(action="prakat.export").exists()


@pytest.mark.parametrize("role", [Role.WEBMASTER, Role.ADMINISTRATOR, Role.EXECUTIVE])
def test_only_auditors_may_read_the_traffic_log(client, built_site, make_user, role):
    client.force_login(make_user("someone", role))
    response = client.get(reverse("traffic_log"), {"start": "08/03/2569", "end": "08/03/2569"})
    assert response.status_code == 403
    assert "บทบาทที่มีสิทธิ์นี้: ผู้ตรวจประเมิน" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ({"is_superuser": True}, False),
        ({"is_superuser": True, "role": Role.ADMINISTRATOR}, False),
        ({"role": Role.ADMINISTRATOR}, False),
        ({"role": Role.AUDITOR}, True),
        ({"is_superuser": True, "role": Role.AUDITOR}, True),
    ],
)
def test_an_authority_request_goes_through_the_auditor_not_a_superuser(
    client, built_site, make_user, who, allowed
):
    person = make_user("someone", who.get("role"), is_superuser=who.get("is_superuser", False))
    client.force_login(person)
    screen = client.get(reverse("traffic_log"))
    export = client.get(reverse("traffic_log"), {"start": "08/03/2569", "end": "08/03/2569"})
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    if allowed:
        assert screen.status_code == 200 and export.status_code == 200
        assert reverse("traffic_log") in menu
    else:
        assert screen.status_code == 403 and export.status_code == 403
        assert "บทบาทที่มีสิทธิ์นี้: ผู้ตรวจประเมิน" in export.content.decode()
        assert reverse("traffic_log") not in menu
        assert not ModelLogEntry.objects.filter(action="prakat.export").exists()
