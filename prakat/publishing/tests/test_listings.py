"""The staff listings of publishing as Wagtail listings: what each person may see in them,
and their filters, search, sorting, pages and Buddhist-era dates."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from prakat.agency.models import Agency, Membership
from prakat.agency.roles import Role
from prakat.publishing.models import MonthlyReport, Notification, PublicationRequest
from prakat.publishing.submission import RequestDetails, submit, withdraw

UTC = datetime.UTC


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rows(html: str) -> list[str]:
    """The listing's rows as text, in order, one string per ``<tr>`` of the table bodies."""
    bodies = re.findall(r"<tbody>(.*?)</tbody>", html, re.S)
    found = []
    for body in bodies:
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
            text = re.sub(r"<[^>]+>", " ", row)
            found.append(re.sub(r"\s+", " ", unescape(text)).strip())
    return found


def listing(client: Client, name: str, **params) -> str:
    """The results of a listing, as Wagtail's live filtering fetches them."""
    response = client.get(reverse(f"{name}:index_results"), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def legal_requester(people, make_user):
    user = make_user("legalstaff", Role.REQUESTER, first_name="นิภา", last_name="ยุติธรรม")
    legal = Membership.objects.get(user=people.other_head).unit
    Membership.objects.create(user=user, unit=legal, position="นิติกร")
    return user


# --- publication requests ---------------------------------------------------------------


def test_the_request_listing_holds_only_the_requests_the_person_may_open(
    people, news, legal_requester
):
    submit(people.requester, news, RequestDetails(title="ประกาศรับสมัครพยาบาล", summary="x"))
    submit(legal_requester, news, RequestDetails(title="ประกาศกลุ่มงานนิติการ", summary="x"))

    def seen(user, **params) -> str:
        html = listing(signed_in(user), "publication_requests", **params)
        return " | ".join(rows(html))

    assert "ประกาศรับสมัครพยาบาล" in seen(people.head)
    assert "ประกาศกลุ่มงานนิติการ" not in seen(people.head)
    # Searching or filtering by the other unit finds nothing either.
    assert "ประกาศกลุ่มงานนิติการ" not in seen(people.head, q="นิติการ")
    legal = Membership.objects.get(user=people.other_head).unit
    assert "ประกาศกลุ่มงานนิติการ" not in seen(people.head, unit=legal.pk)
    assert "ประกาศรับสมัครพยาบาล" not in seen(people.other_head)
    assert "ประกาศกลุ่มงานนิติการ" in seen(people.other_head)
    everything = seen(people.webmaster)
    assert "ประกาศรับสมัครพยาบาล" in everything and "ประกาศกลุ่มงานนิติการ" in everything
    # The unit filter offers only the units of requests the person may open.
    page = signed_in(people.head).get(reverse("publication_requests:index")).content.decode()
    assert "งานประชาสัมพันธ์" in page and "กลุ่มงานนิติการ" not in page


def test_requests_are_filtered_by_status_date_urgency_and_whose(people, news):
    waiting = submit(people.requester, news, RequestDetails(title="ประกาศรอพิจารณา", summary="x"))
    gone = submit(people.requester, news, RequestDetails(title="ประกาศที่ถอนแล้ว", summary="x"))
    withdraw(gone, people.requester)
    PublicationRequest.objects.filter(pk=gone.pk).update(
        created_at=datetime.datetime(2026, 1, 15, 3, 0, tzinfo=UTC), urgent=True
    )
    webmaster = signed_in(people.webmaster)

    def titles(**params) -> list[str]:
        found = []
        for row in rows(listing(webmaster, "publication_requests", **params)):
            found += [t for t in ("ประกาศรอพิจารณา", "ประกาศที่ถอนแล้ว") if t in row]
        return found

    assert titles(status="withdrawn") == ["ประกาศที่ถอนแล้ว"]
    assert titles(status="waiting") == ["ประกาศรอพิจารณา"]
    # Dates are typed in the Buddhist era, as the date picker writes them.
    assert titles(created_at_from="01/01/2569", created_at_to="31/01/2569") == ["ประกาศที่ถอนแล้ว"]
    assert titles(urgent="true") == ["ประกาศที่ถอนแล้ว"]
    assert titles(urgent="false") == ["ประกาศรอพิจารณา"]
    assert titles(show="mine") == []
    assert titles(ordering="created_at") == ["ประกาศที่ถอนแล้ว", "ประกาศรอพิจารณา"]
    assert titles(ordering="-created_at") == ["ประกาศรอพิจารณา", "ประกาศที่ถอนแล้ว"]
    mine = signed_in(people.requester)
    assert "ประกาศรอพิจารณา" in " ".join(rows(listing(mine, "publication_requests", show="mine")))
    # The row shows the date in the Buddhist era, the status in Thai, and links the request.
    html = listing(webmaster, "publication_requests", status="withdrawn")
    (row,) = rows(html)
    assert "15 มกราคม 2569, 10:00" in row and "2026" not in row
    assert "ถอนคำขอแล้ว" in row and "เร่งด่วน" in row
    assert reverse("publishing:request_detail", args=[gone.pk]) in html
    assert reverse("publishing:request_detail", args=[waiting.pk]) not in html


def test_a_request_reads_what_its_item_is_now_published_or_taken_down(people, news):
    from django.utils import timezone

    from prakat.compliance.expiry import take_down_expired
    from prakat.content.going_live import publication_authorised
    from prakat.publishing.tests.test_monthly_report import publish

    when = datetime.datetime(2026, 10, 5, 3, 0, tzinfo=UTC)
    publish(people, news, "ประกาศที่ยังเผยแพร่อยู่", when)
    ended = publish(people, news, "ประกาศที่ครบกำหนดแล้ว", when)
    removed = publish(people, news, "ประกาศที่ถูกนำลง", when)
    # One comes down at its publication end, as the scheduled job takes it down; one is
    # unpublished by a webmaster.
    type(ended.page).objects.filter(pk=ended.page_id).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert [p.title for p in take_down_expired()] == ["ประกาศที่ครบกำหนดแล้ว"]
    with publication_authorised():
        removed.page.unpublish(user=people.webmaster)

    webmaster = signed_in(people.webmaster)
    by_title = {
        title: row
        for row in rows(listing(webmaster, "publication_requests"))
        for title in ("ประกาศที่ยังเผยแพร่อยู่", "ประกาศที่ครบกำหนดแล้ว", "ประกาศที่ถูกนำลง")
        if title in row
    }
    assert "เผยแพร่แล้ว" in by_title["ประกาศที่ยังเผยแพร่อยู่"]
    assert "นำลงแล้ว (ครบระยะเวลาการเผยแพร่)" in by_title["ประกาศที่ครบกำหนดแล้ว"]
    assert "นำลงแล้ว" in by_title["ประกาศที่ถูกนำลง"]
    assert "ครบระยะเวลา" not in by_title["ประกาศที่ถูกนำลง"]
    assert "เผยแพร่แล้ว" not in by_title["ประกาศที่ครบกำหนดแล้ว"] + by_title["ประกาศที่ถูกนำลง"]

    def titles(status: str) -> list[str]:
        found = " | ".join(rows(listing(webmaster, "publication_requests", status=status)))
        return sorted(t for t in by_title if t in found)

    assert titles("published") == ["ประกาศที่ยังเผยแพร่อยู่"]
    assert titles("taken_down") == ["ประกาศที่ครบกำหนดแล้ว", "ประกาศที่ถูกนำลง"]
    # The request's own page says the same at the top.
    detail = webmaster.get(reverse("publishing:request_detail", args=[ended.pk])).content.decode()
    assert "<strong>นำลงแล้ว (ครบระยะเวลาการเผยแพร่)</strong>" in detail


def test_the_listing_keeps_what_waits_for_the_person_and_the_memo(people, submitted):
    page = signed_in(people.head).get(reverse("publication_requests:index")).content.decode()
    assert "รอท่านดำเนินการ" in page
    assert "ขอเชิญร่วมบริจาคโลหิต" in page
    # A box a row, joined to the one-memo form under the listing.
    assert f'form="prakat-memo" name="ids" value="{submitted.pk}"' in page
    assert f'id="prakat-memo" method="get" action="{reverse("publishing:memo_batch_pdf")}"' in page
    # Asking to publish is the listing's "add" button, for every staff member.
    assert reverse("publishing:request_new") in page
    requester_page = signed_in(people.requester).get(reverse("publication_requests:index"))
    assert "รอท่านดำเนินการ" not in requester_page.content.decode()


# --- notifications ----------------------------------------------------------------------


def test_notifications_are_the_person_s_own_paged_searched_and_filtered(people):
    start = datetime.datetime(2027, 2, 1, 2, 0, tzinfo=UTC)
    for number in range(51):
        note = Notification.objects.create(
            recipient=people.head, message=f"แจ้งเตือนลำดับที่ {number:02d}"
        )
        Notification.objects.filter(pk=note.pk).update(
            created_at=start + datetime.timedelta(minutes=number)
        )
    Notification.objects.create(recipient=people.requester, message="ข้อความถึงผู้ให้ข้อมูลเท่านั้น")
    head = signed_in(people.head)

    first = rows(listing(head, "notifications"))
    assert len(first) == 50
    assert "แจ้งเตือนลำดับที่ 50" in first[0] and "1 กุมภาพันธ์ 2570, 9:50" in first[0]
    assert "ใหม่" in first[0]
    (last,) = rows(listing(head, "notifications", p=2))
    assert "แจ้งเตือนลำดับที่ 00" in last
    found = rows(listing(head, "notifications", q="ลำดับที่ 07"))
    assert len(found) == 1 and "แจ้งเตือนลำดับที่ 07" in found[0]
    assert rows(listing(head, "notifications", q="ผู้ให้ข้อมูล")) == []

    head.post(reverse("notifications:index"))
    assert rows(listing(head, "notifications", read="unread")) == []
    assert len(rows(listing(head, "notifications", read="read"))) == 50
    assert Notification.objects.get(recipient=people.requester).read_at is None


# --- monthly reports --------------------------------------------------------------------


def archive(agency: Agency, year: int, month: int) -> MonthlyReport:
    report = MonthlyReport(
        agency=agency,
        year=year,
        month=month,
        generated_at=datetime.datetime(year, month, 28, 3, 0, tzinfo=UTC),
    )
    report.pdf.save("report.pdf", ContentFile(b"%PDF-1.4"), save=False)
    report.xlsx.save("report.xlsx", ContentFile(b"PK"), save=False)
    report.save()
    return report


def test_the_report_archive_lists_the_agency_s_months_by_year(people):
    for year, month in ((2025, 12), (2026, 1), (2026, 10)):
        archive(people.agency, year, month)
    other_site = Site.objects.create(
        hostname="other.example",
        port=80,
        root_page=Site.objects.get(is_default_site=True).root_page,
    )
    archive(Agency.for_site(other_site), 2026, 5)
    reader = signed_in(people.head)  # unit heads read the reports too

    def months(**params) -> list[str]:
        found = rows(listing(reader, "monthly_reports", **params))
        return [re.match(r"\S+ \d{4}", row).group(0) for row in found]

    assert months() == ["ตุลาคม 2569", "มกราคม 2569", "ธันวาคม 2568"]
    assert months(ordering="period") == ["ธันวาคม 2568", "มกราคม 2569", "ตุลาคม 2569"]
    assert months(year_be="2569") == ["ตุลาคม 2569", "มกราคม 2569"]
    (row,) = rows(listing(reader, "monthly_reports", year_be="2568"))
    assert "28 ธันวาคม 2568, 10:00" in row and "ระบบจัดทำอัตโนมัติ" in row and "2025" not in row


def test_a_month_not_begun_is_refused_on_the_listing_with_the_rule(people):
    today = datetime.date.today()
    later = today.replace(day=1) + datetime.timedelta(days=40)
    response = signed_in(people.webmaster).post(
        reverse("monthly_reports:index"), {"month": later.month, "year": later.year + 543}
    )
    assert response.status_code == 200
    assert "เดือนที่ยังไม่เริ่มต้นยังไม่มีผลการเผยแพร่ให้รายงาน" in response.content.decode()
    assert not MonthlyReport.objects.exists()


@pytest.mark.parametrize(
    ("path", "right_label"),
    [
        ("/admin/publishing/reports/results/", "อ่านรายงานผลการเผยแพร่ข้อมูลรายเดือนและหลักฐาน MOIT 1"),
        ("/admin/scheduled-jobs/results/", "ดูงานตามกำหนดเวลาและผลการทำงาน"),
    ],
)
def test_a_listing_s_live_results_refuse_as_the_listing_does(people, path, right_label):
    response = signed_in(people.requester).get(path)
    assert response.status_code == 403
    assert f"หน้านี้สำหรับผู้ที่มีสิทธิ์ “{right_label}”" in response.content.decode()


def test_every_staff_member_s_menu_has_the_requests_and_notifications(people):
    menu = signed_in(people.requester).get(reverse("wagtailadmin_home")).content.decode()
    assert '"/admin/publishing/"' in menu
    assert '"/admin/publishing/notifications/"' in menu
    assert '"/admin/publishing/reports/"' not in menu
    menu = signed_in(people.head).get(reverse("wagtailadmin_home")).content.decode()
    assert '"/admin/publishing/reports/"' in menu
