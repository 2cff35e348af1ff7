"""The event calendar: a webmaster prepares and publishes mobile clinics, campaigns and public
meetings (Wagtail logs it); the public reads them month by month with Buddhist-era dates in
Bangkok time, and subscribes to the same events as an iCalendar feed whose events keep their
identity across changes; drafts and long-past events are not shown; requesters keep none."""

import datetime
import re

import pytest
from django.urls import reverse
from icalendar import Calendar
from wagtail.models import ModelLogEntry

from prakat.agency.roles import Role
from prakat.content.events import Event, EventKind
from prakat.thai.dates import BANGKOK

pytestmark = pytest.mark.database_neutral

SOON = datetime.datetime.now(BANGKOK).year + 1  # a year every event below is still to come


def bangkok(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BANGKOK)


def published(**fields) -> Event:
    event = Event(live=False, **fields)
    event.save()
    event.save_revision().publish()
    return event


def test_a_webmaster_publishes_a_mobile_clinic_and_the_public_sees_it(
    client, built_site, webmaster
):
    client.force_login(webmaster)
    response = client.post(
        reverse("wagtailsnippets_content_event:add"),
        {
            "title": "หน่วยแพทย์เคลื่อนที่ ตรวจสุขภาพผู้สูงอายุ",
            "kind": "mobile_clinic",
            "starts_at": f"05/12/{SOON} 08:30",
            "ends_at": f"05/12/{SOON} 12:00",
            "location": "ศาลาประชาคมหมู่ 5",
            "description": "นำบัตรประชาชนมาด้วย",
            "link": "",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    assert event.live
    assert event.starts_at == bangkok(SOON, 12, 5, 8, 30)
    assert ModelLogEntry.objects.get(action="wagtail.publish", object_id=str(event.pk)).user == (
        webmaster
    )
    client.logout()
    html = client.get("/calendar/").content.decode()
    be = SOON + 543
    assert f'<h2 id="month-1">ธันวาคม {be}</h2>' in html
    assert "<h3>หน่วยแพทย์เคลื่อนที่ ตรวจสุขภาพผู้สูงอายุ</h3>" in html
    assert f'<p class="event-when">5 ธันวาคม {be} เวลา 08.30–12.00 น.</p>' in html
    assert '<p class="event-kind">หน่วยแพทย์เคลื่อนที่ · ศาลาประชาคมหมู่ 5</p>' in html


def test_an_event_that_ends_before_it_starts_is_refused_in_thai(client, built_site, webmaster):
    client.force_login(webmaster)
    response = client.post(
        reverse("wagtailsnippets_content_event:add"),
        {
            "title": "รณรงค์", "kind": "campaign",
            "starts_at": f"05/12/{SOON} 12:00", "ends_at": f"05/12/{SOON} 08:00",
            "location": "", "description": "", "link": "", "action-publish": "action-publish",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "กิจกรรมต้องสิ้นสุดหลังเวลาที่เริ่ม" in response.content.decode()
    # What was typed is kept.
    assert 'value="รณรงค์"' in response.content.decode()
    assert not Event.objects.exists()


def test_months_are_in_order_and_a_long_event_shows_both_its_days(client, built_site):
    published(
        title="ประชุมประชาคม",
        kind=EventKind.MEETING,
        starts_at=bangkok(SOON, 2, 3, 13, 30),
        ends_at=bangkok(SOON, 2, 3, 16, 0),
    )
    published(
        title="ค่ายสุขภาพ",
        kind=EventKind.CAMPAIGN,
        starts_at=bangkok(SOON, 1, 30, 9, 0),
        ends_at=bangkok(SOON, 1, 31, 16, 0),
    )
    html = client.get("/calendar/").content.decode()
    be = SOON + 543
    months = re.findall(r'<h2 id="month-\d+">([^<]+)</h2>', html)
    assert months == [f"มกราคม {be}", f"กุมภาพันธ์ {be}"]
    assert f"30 มกราคม {be} 09.00 น. – 31 มกราคม {be} 16.00 น." in html


def test_drafts_and_events_long_past_are_not_shown(client, built_site):
    draft = Event(title="ร่างกิจกรรม", starts_at=bangkok(SOON, 3, 1, 9),
                  ends_at=bangkok(SOON, 3, 1, 12), live=False)  # fmt: skip
    draft.save()
    now = datetime.datetime.now(BANGKOK)
    published(
        title="กิจกรรมเมื่อเดือนก่อน",
        starts_at=now - datetime.timedelta(days=30, hours=3),
        ends_at=now - datetime.timedelta(days=30),
    )
    published(title="กิจกรรมเมื่อปีก่อน", starts_at=now - datetime.timedelta(days=400, hours=3),
              ends_at=now - datetime.timedelta(days=400))  # fmt: skip
    html = client.get("/calendar/").content.decode()
    assert "ร่างกิจกรรม" not in html
    assert "กิจกรรมเมื่อปีก่อน" not in html
    assert '<h2 id="past-heading">กิจกรรมที่ผ่านมา</h2>' in html
    assert "กิจกรรมเมื่อเดือนก่อน" in html
    assert "ยังไม่มีกิจกรรมที่ประกาศ" in html  # nothing to come
    feed = Calendar.from_ical(client.get("/calendar.ics").content)
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == ["กิจกรรมเมื่อเดือนก่อน"]


def test_the_feed_gives_phones_each_event_with_its_bangkok_time_and_a_lasting_uid(
    client, built_site
):
    event = published(
        title="รณรงค์กำจัดลูกน้ำยุงลาย; ชุมชนหมู่ 3, หมู่ 4",
        kind=EventKind.CAMPAIGN,
        starts_at=bangkok(SOON, 6, 10, 9),
        ends_at=bangkok(SOON, 6, 10, 15),
        location="วัดหนองปลิง",
        description="ร่วมกันกำจัดภาชนะที่มีน้ำขัง\nนำถุงมือมาด้วย",
        link="https://example.go.th/campaign",
    )
    response = client.get("/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    feed = Calendar.from_ical(response.content)
    (entry,) = feed.walk("VEVENT")
    assert str(entry["summary"]) == "รณรงค์กำจัดลูกน้ำยุงลาย; ชุมชนหมู่ 3, หมู่ 4"
    assert entry.decoded("dtstart") == bangkok(SOON, 6, 10, 9)
    assert entry.decoded("dtend") == bangkok(SOON, 6, 10, 15)
    assert str(entry["location"]) == "วัดหนองปลิง"
    assert str(entry["description"]) == "ร่วมกันกำจัดภาชนะที่มีน้ำขัง\nนำถุงมือมาด้วย"
    assert str(entry["url"]) == "https://example.go.th/campaign"
    assert entry["categories"].cats == ["กิจกรรมรณรงค์"]
    uid = str(entry["uid"])
    assert uid == f"{event.uid}@{built_site.agency.site.hostname}"
    # Asked by another of the site's names: the same event.
    again = Calendar.from_ical(client.get("/calendar.ics", HTTP_HOST="127.0.0.1").content)
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == [uid]
    # Moved to another day: the same event in the subscriber's calendar, not a second one.
    event.starts_at, event.ends_at = bangkok(SOON, 6, 11, 9), bangkok(SOON, 6, 11, 15)
    event.save_revision().publish()
    (moved,) = Calendar.from_ical(client.get("/calendar.ics").content).walk("VEVENT")
    assert str(moved["uid"]) == uid
    assert moved.decoded("dtstart") == bangkok(SOON, 6, 11, 9)


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.UNIT_HEAD, Role.AUDITOR])
def test_only_those_who_run_the_site_keep_the_calendar(client, built_site, make_user, role):
    event = published(title="ประชุม", starts_at=bangkok(SOON, 3, 1, 9),
                      ends_at=bangkok(SOON, 3, 1, 12))  # fmt: skip
    client.force_login(make_user("someone", role))
    for url in (
        reverse("wagtailsnippets_content_event:list"),
        reverse("wagtailsnippets_content_event:add"),
        reverse("wagtailsnippets_content_event:edit", args=[event.pk]),
        reverse("wagtailsnippets_content_event:delete", args=[event.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] != url


@pytest.mark.parametrize("model", ["event", "download", "clinic", "doctor"])
def test_the_snippet_choosers_are_closed_to_those_who_keep_none_of_it(
    client, built_site, make_user, webmaster, model
):
    draft = Event(title="กิจกรรมที่ยังไม่ประกาศ", starts_at=bangkok(SOON, 3, 1, 9),
                  ends_at=bangkok(SOON, 3, 1, 12), live=False)  # fmt: skip
    draft.save()
    url = f"/admin/snippets/choose/content/{model}/"
    client.force_login(make_user("someone", Role.REQUESTER))
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert "กิจกรรมที่ยังไม่ประกาศ" not in response.content.decode()
    if model == "event":
        chosen = client.get(f"/admin/snippets/choose/content/event/chosen/{draft.pk}/")
        assert "กิจกรรมที่ยังไม่ประกาศ" not in chosen.content.decode()
    client.force_login(webmaster)
    assert client.get(url).status_code == 200


def test_the_feed_is_kept_for_the_next_subscriber_until_an_event_changes(
    client, built_site, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    published(title="รณรงค์ลดหวานมันเค็ม", kind=EventKind.CAMPAIGN,
              starts_at=bangkok(SOON, 3, 1, 9), ends_at=bangkok(SOON, 3, 1, 12))  # fmt: skip
    assert client.get("/calendar.ics")["X-Cache"] == "MISS"
    assert client.get("/calendar.ics")["X-Cache"] == "HIT"
    published(title="ประชุมประชาคมสุขภาพ", kind=EventKind.MEETING,
              starts_at=bangkok(SOON, 4, 2, 13), ends_at=bangkok(SOON, 4, 2, 16))  # fmt: skip
    fresh = client.get("/calendar.ics")
    assert fresh["X-Cache"] == "MISS"
    titles = [str(e["summary"]) for e in Calendar.from_ical(fresh.content).walk("VEVENT")]
    assert sorted(titles) == ["ประชุมประชาคมสุขภาพ", "รณรงค์ลดหวานมันเค็ม"]
