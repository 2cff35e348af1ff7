"""What the currency checks find reaches the right people's notifications."""

import datetime

import pytest

from prakat.agency.models import Membership, Responsibility, Unit
from prakat.agency.roles import Role
from prakat.compliance.renewal import send_renewal_reminders
from prakat.compliance.tests.support import at, publish_on
from prakat.content.models import CategoryPage
from prakat.publishing.jobs import written_approval_reminders
from prakat.publishing.models import Notification

pytestmark = pytest.mark.database_neutral


def test_a_due_item_is_told_to_its_responsible_unit_from_the_matrix(built_site, make_user, client):
    agency = built_site.agency
    agency.renewal_due_day = 10
    agency.save()
    pr = Unit.objects.create(agency=agency, name="งานประชาสัมพันธ์")
    other = Unit.objects.create(agency=agency, name="กลุ่มงานการเงิน")
    responsible = make_user("pr-officer", Role.REQUESTER)
    Membership.objects.create(user=responsible, unit=pr, position="นักประชาสัมพันธ์")
    outsider = make_user("finance", Role.REQUESTER)
    Membership.objects.create(user=outsider, unit=other, position="นักวิชาการเงินและบัญชี")
    row = Responsibility.objects.create(agency=agency, category_key="public-relations")
    row.responsible_units.add(pr)

    publish_on("pr-news", "ข่าวประชาสัมพันธ์ พฤศจิกายน", pr, at(2025, 11, 5, 9, 0))
    assert send_renewal_reminders(agency, datetime.date(2025, 12, 11)) == 1

    notes = Notification.objects.filter(message__contains="ข่าว")
    assert list(notes.values_list("recipient__username", flat=True)) == ["pr-officer"]
    assert "โปรดยื่นคำขอเผยแพร่ข้อมูลรอบใหม่" in notes.get().message
    news = CategoryPage.objects.get(checklist_key="pr-news")
    assert notes.get().url == f"/admin/publishing/new/?category={news.pk}"

    # The link opens the request form with that category chosen.
    client.force_login(responsible)
    form = client.get(notes.get().url).content.decode()
    assert f'<option value="{news.pk}" selected>' in form


def test_the_daily_job_reminds_verbal_approvers(built_site, make_user):
    # Nothing owed: the job runs and says so.
    assert written_approval_reminders.run_now() == "0 reminder(s) sent"
