"""Items come down on the day after their publication end (Wagtail's expiry), warned before,
archived, audited."""

import datetime
import zoneinfo

import pytest
from django.test import Client
from wagtail.models import PageLogEntry

from prakat.agency.models import Membership, Unit
from prakat.agency.roles import Role
from prakat.compliance import expiry
from prakat.content.going_live import publication_authorised
from prakat.content.models import CategoryPage, InformationItemPage
from prakat.content.tests.helpers import make_document, publish_item
from prakat.publishing.models import Notification

pytestmark = pytest.mark.database_neutral

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """A moment in Bangkok: the job's frozen clock."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BANGKOK)


@pytest.fixture
def unit(built_site, make_user):
    unit = Unit.objects.create(agency=built_site.agency, name="กลุ่มงานบริหารทั่วไป")
    owner = make_user("owner", Role.REQUESTER, email="owner@example.go.th")
    Membership.objects.create(user=owner, unit=unit, position="นักจัดการงานทั่วไป")
    make_user("wm", Role.WEBMASTER, email="wm@example.go.th")
    make_user("other", Role.REQUESTER)  # in no unit of the item: never told
    return unit


@pytest.fixture
def news(built_site):
    return CategoryPage.objects.get(checklist_key="pr-news")


def test_the_last_day_is_on_the_site_and_the_next_bangkok_midnight_ends_it(news, unit):
    """The last day people name is kept as Wagtail's expiry: midnight, Bangkok, after it."""
    item = InformationItemPage(title="ประกาศ", owner_unit=unit)
    item.publication_end = datetime.date(2026, 11, 30)
    # 1 December 00:00 in Bangkok is still 30 November, 17:00, in UTC.
    assert item.expire_at == datetime.datetime(2026, 11, 30, 17, 0, tzinfo=datetime.UTC)
    assert item.publication_end == datetime.date(2026, 11, 30)
    # An expiry set in the editor to a time of day: that day is the last one on the site.
    item.expire_at = at(2026, 12, 1, 15, 0)
    assert item.publication_end == datetime.date(2026, 12, 1)
    item.publication_end = None
    assert item.expire_at is None


def test_an_item_past_its_end_is_taken_down_archived_audited_and_told(
    news, unit, mailoutbox, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    ending = publish_item(
        news, "ประกาศรับสมัครงาน", unit, publication_end=datetime.date(2025, 11, 30)
    )
    staying = publish_item(news, "ประกาศวันหยุด", unit, publication_end=datetime.date(2099, 12, 1))
    endless = publish_item(news, "วิสัยทัศน์", unit)

    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        taken = expiry.take_down_expired()
    assert [item.pk for item in taken] == [ending.pk]

    ending = InformationItemPage.objects.get(pk=ending.pk)
    assert not ending.live and ending.expired
    assert before <= ending.archived_at <= timezone.now()
    assert InformationItemPage.objects.filter(pk=ending.pk).exists()  # kept, never deleted
    entry = PageLogEntry.objects.get(page=ending, action=expiry.TAKE_DOWN_ACTION)
    assert "ระยะเวลาการเผยแพร่" in entry.message

    for item in (staying, endless):
        item.refresh_from_db()
        assert item.live and item.archived_at is None

    told = set(
        Notification.objects.filter(page=ending).values_list("recipient__username", flat=True)
    )
    assert told == {"owner", "wm"}
    message = Notification.objects.filter(page=ending).first().message
    assert "ประกาศรับสมัครงาน" in message and "30 พฤศจิกายน 2568" in message
    assert {address for m in mailoutbox for address in m.to} == {
        "owner@example.go.th",
        "wm@example.go.th",
    }

    # Running the job again changes nothing more.
    assert expiry.take_down_expired() == []
    assert PageLogEntry.objects.filter(action=expiry.TAKE_DOWN_ACTION).count() == 1
    assert Notification.objects.filter(page=ending).count() == 2


def test_the_owner_unit_and_webmasters_are_warned_once_before(news, unit, built_site):
    agency = built_site.agency
    agency.expiry_notice_days = 7
    agency.save()
    item = publish_item(news, "ประกาศประกวดราคา", unit, publication_end=datetime.date(2026, 12, 10))

    assert expiry.warn_expiring(datetime.date(2026, 12, 2)) == []  # eight days before
    assert [i.pk for i in expiry.warn_expiring(datetime.date(2026, 12, 3))] == [item.pk]
    assert expiry.warn_expiring(datetime.date(2026, 12, 4)) == []  # once, not daily

    notes = Notification.objects.filter(page=item)
    assert set(notes.values_list("recipient__username", flat=True)) == {"owner", "wm"}
    assert "10 ธันวาคม 2569" in notes.first().message and "7" in notes.first().message
    assert PageLogEntry.objects.filter(page=item, action=expiry.EXPIRY_NOTICE_ACTION).count() == 1

    # A renewed end (the item was updated) gets its own warning.
    item.publication_end = datetime.date(2027, 1, 31)
    with publication_authorised():
        item.save_revision().publish()
    assert expiry.warn_expiring(datetime.date(2027, 1, 25)) != []


def test_attachments_of_an_item_off_the_site_are_withheld_from_the_public(news, unit, webmaster):
    document = make_document("ประกาศ", "ประกาศรับสมัคร.pdf")
    item = publish_item(
        news, "ประกาศรับสมัครงาน", unit, attachments=[document],
        publication_end=datetime.date(2025, 11, 30),
    )  # fmt: skip
    public = Client()
    assert public.get(document.url).status_code == 200

    expiry.take_down_expired()
    item.refresh_from_db()
    assert not item.live
    assert public.get(document.url).status_code == 404

    staff = Client()
    staff.force_login(webmaster)
    assert staff.get(document.url).status_code == 200


def test_republishing_an_archived_item_brings_it_back(news, unit):
    item = publish_item(news, "ตารางเวร", unit, publication_end=datetime.date(2025, 11, 30))
    expiry.take_down_expired()
    item = InformationItemPage.objects.get(pk=item.pk)
    item.publication_end = datetime.date(2099, 3, 31)
    with publication_authorised():
        item.save_revision().publish()
    item.refresh_from_db()
    assert item.live and item.archived_at is None


def test_the_scheduled_job_also_runs_wagtails_own_schedule(news, unit):
    from django.utils import timezone

    item = publish_item(news, "ข่าวที่ตั้งเวลาปิด", unit)
    item.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    item.save(update_fields=["expire_at"])
    summary = expiry.expiry_job.run_now()
    assert "taken down: 1" in summary
    item.refresh_from_db()
    assert not item.live and item.expired
