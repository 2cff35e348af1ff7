"""A request that came on paper or by e-mail: a webmaster records it for the staff member who
signed it, with the signed form scanned; it then runs the same steps as any request and the
monthly report says how it came."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from prakat.content.models import InformationItemPage
from prakat.content.tests import helpers
from prakat.publishing.models import Notification, PublicationRequest
from prakat.publishing.monthly_report import build_monthly_report
from prakat.publishing.tests.test_workflow import act, current_step

pytestmark = pytest.mark.database_neutral

URL = "/admin/publishing/record/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form(people, news, **changes) -> dict:
    data = {
        "on_behalf_of": people.requester.pk,
        "received_as": "paper",
        "signed_form": SimpleUploadedFile("แบบฟอร์มที่ลงนาม.pdf", helpers.pdf_bytes()),
        "category": news.pk,
        "title": "ประชาสัมพันธ์วันรณรงค์ฉีดวัคซีน",
        "summary": "ตามแบบฟอร์มที่ลงนามแล้ว",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_webmaster_records_a_paper_request_that_runs_the_same_steps(people, news):
    webmaster = signed_in(people.webmaster)
    response = webmaster.post(URL, form(people, news))
    assert response.status_code == 302
    recorded = PublicationRequest.objects.get()
    # The signer's request, recorded by the webmaster, asked of the signer's unit head.
    assert (recorded.requester, recorded.unit, recorded.recorded_by, recorded.received_as) == (
        people.requester,
        people.unit,
        people.webmaster,
        "paper",
    )
    assert current_step(recorded) == "unit_head"
    assert Notification.objects.filter(recipient=people.head, request=recorded).exists()
    told = Notification.objects.get(recipient=people.requester, request=recorded).message
    assert told == (
        "ณัฐพล ศรีสวัสดิ์ บันทึกคำขอเผยแพร่ “ประชาสัมพันธ์วันรณรงค์ฉีดวัคซีน” แทนท่านแล้ว ตามที่ได้รับเป็นแบบฟอร์มกระดาษ"
    )
    # The request page says how it came and gives the scan to those who may open it.
    page = signed_in(people.requester).get(response.url).content.decode()
    assert "ได้รับเป็นแบบฟอร์มกระดาษ บันทึกแทนโดย ณัฐพล ศรีสวัสดิ์" in page
    scan = reverse("publishing:signed_form", args=[recorded.pk])
    for reader in (people.requester, people.head, people.webmaster2):
        got = signed_in(reader).get(scan)
        assert got.status_code == 200
        assert b"".join(got.streaming_content).startswith(b"%PDF")
    for outsider in (people.other_head,):
        assert signed_in(outsider).get(scan).status_code == 404
    assert Client().get(scan).status_code in (302, 404)
    # Its own file stays private on the document's address too.
    assert Client().get(recorded.signed_form.url).status_code == 404

    act(recorded, people.head, "approve")
    act(recorded, people.webmaster2, "approve", comment="", go_live_at=None)
    assert InformationItemPage.objects.get(pk=recorded.page_id).live
    today = datetime.date.today()
    report = build_monthly_report(people.agency, today.year, today.month)
    row = next(r for r in report.rows if r.title == "ประชาสัมพันธ์วันรณรงค์ฉีดวัคซีน")
    assert row.requester_name == "สุดา ใจดี"
    assert row.note == "ได้รับเป็นแบบฟอร์มกระดาษ บันทึกแทนโดย ณัฐพล ศรีสวัสดิ์"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"signed_form": None}, "แนบไฟล์แบบฟอร์มขอเผยแพร่ที่ลงนามแล้ว เพราะเป็นหลักฐานของคำขอ"),
        ({"on_behalf_of": None}, "เลือกผู้ลงนามในแบบฟอร์มขอเผยแพร่"),
        (
            {"signed_form": SimpleUploadedFile("แบบฟอร์ม.exe", helpers.exe_bytes())},
            "ไม่รับไฟล์ “แบบฟอร์ม.exe” เพราะไม่อนุญาตไฟล์ชนิด .exe",
        ),
    ],
)
def test_what_is_missing_is_named_and_what_was_typed_is_kept(people, news, changes, message):
    html = signed_in(people.webmaster).post(URL, form(people, news, **changes)).content.decode()
    assert message in html
    assert 'value="ประชาสัมพันธ์วันรณรงค์ฉีดวัคซีน"' in html
    assert not PublicationRequest.objects.exists()


def test_only_those_who_may_record_reach_the_screen(people, news):
    for person in (people.requester, people.head, people.director):
        client = signed_in(person)
        assert client.get(URL).status_code == 403
        assert client.post(URL, form(people, news)).status_code == 403
    assert not PublicationRequest.objects.exists()
    listing = signed_in(people.webmaster).get(reverse("publication_requests:index"))
    assert "บันทึกคำขอที่มาเป็นกระดาษหรืออีเมล" in listing.content.decode()
    listing = signed_in(people.requester).get(reverse("publication_requests:index"))
    assert "บันทึกคำขอที่มาเป็นกระดาษหรืออีเมล" not in listing.content.decode()
