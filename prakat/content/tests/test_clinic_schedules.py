"""The clinics' schedules: a webmaster publishes a clinic's days and hours with the doctors
who see patients (photo, specialty) and the changes patients must know, each with its date;
the public reads them as a table a screen reader can follow; a new schedule prepared as a
draft changes nothing until published; changes past their day are no longer shown."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from prakat.agency.roles import Role
from prakat.content.schedules import Clinic, ClinicChange, ClinicSession, Doctor
from prakat.content.tests import helpers

pytestmark = pytest.mark.database_neutral


def rows(html: str, clinic: str) -> list[tuple[str, str, str]]:
    """The (day, hours, doctor) rows of ``clinic``'s table, as the public reads them."""
    start = html.index(f">{clinic}</h2>")
    table = html[start : html.index("</table>", start)]
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = [
            re.sub(r"<[^>]+>", " ", cell)
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        found.append(tuple(" ".join(cell.split()) for cell in cells))
    return found


def test_a_webmaster_publishes_a_clinic_s_timetable_and_the_public_reads_it(
    client, built_site, webmaster
):
    photo = get_image_model()(title="นพ.ธนกร")
    photo.file = ContentFile(helpers.png_bytes(), name="doctor.png")
    photo.save()
    doctor = Doctor.objects.create(name="นพ.ธนกร วงศ์สุวรรณ", specialty="อายุรแพทย์", photo=photo)
    rendition = photo.get_rendition("fill-64x64").url
    # In no published clinic yet: the photo is not the public's.
    assert client.get(rendition).status_code == 404
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    client.force_login(webmaster)
    response = client.post(
        reverse("wagtailsnippets_content_clinic:add"),
        nested_form_data(
            {
                "name": "คลินิกเบาหวาน",
                "place": "อาคารผู้ป่วยนอก ชั้น 1",
                "notes": "",
                "sort_order": "1",
                "sessions": inline_formset(
                    [
                        {"weekday": "3", "starts": "08:30", "ends": "12:00", "doctor": doctor.pk},
                        {"weekday": "1", "starts": "13:00", "ends": "16:00", "doctor": ""},
                    ]
                ),
                "changes": inline_formset(
                    [{"day": next_week.strftime("%d/%m/%Y"), "text": "งดออกตรวจ"}]
                ),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    clinic = Clinic.objects.get()
    assert ModelLogEntry.objects.get(action="wagtail.publish", object_id=str(clinic.pk)).user == (
        webmaster
    )
    client.logout()
    html = client.get("/clinics/").content.decode()
    # Days in the week's order, whatever order they were typed in.
    assert rows(html, "คลินิกเบาหวาน") == [
        ("วันอังคาร", "13.00–16.00 น.", ""),
        ("วันพฤหัสบดี", "08.30–12.00 น.", "นพ.ธนกร วงศ์สุวรรณ อายุรแพทย์"),
    ]
    (src,) = re.findall(r'<img alt="" class="doctor-photo" [^>]*src="([^"]+)"', html)
    assert client.get(src).status_code == 200  # the public sees the doctor's photo
    be = next_week.year + 543
    months = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
              "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]  # fmt: skip
    day = f"{next_week.day} {months[next_week.month - 1]} {be}"
    assert f"<li><strong>{day}</strong>: งดออกตรวจ</li>" in html
    assert '<th scope="col">แพทย์</th>' in html
    today = timezone.localdate()
    assert f"ปรับปรุงตารางเมื่อ {today.day} {months[today.month - 1]} {today.year + 543}" in html


def test_a_new_schedule_in_draft_changes_nothing_until_it_is_published(client, built_site):
    clinic = Clinic(name="คลินิกฝากครรภ์", live=False)
    clinic.sessions.add(
        ClinicSession(weekday=2, starts=datetime.time(8, 30), ends=datetime.time(12, 0))
    )
    clinic.save()
    clinic.save_revision().publish()
    # The next month's schedule, prepared as a draft.
    draft = Clinic.objects.get(pk=clinic.pk)
    draft.sessions = [
        ClinicSession(weekday=4, starts=datetime.time(8, 30), ends=datetime.time(12, 0))
    ]
    draft.save_revision()
    html = client.get("/clinics/").content.decode()
    assert rows(html, "คลินิกฝากครรภ์") == [("วันพุธ", "08.30–12.00 น.", "")]
    draft.get_latest_revision().publish()
    html = client.get("/clinics/").content.decode()
    assert rows(html, "คลินิกฝากครรภ์") == [("วันศุกร์", "08.30–12.00 น.", "")]


def test_a_clinic_never_published_and_changes_past_their_day_are_not_shown(client, built_site):
    hidden = Clinic(name="คลินิกทดลอง", live=False)
    hidden.save()
    clinic = Clinic(name="คลินิกเด็ก", live=False)
    today = timezone.localdate()
    clinic.changes.add(ClinicChange(day=today - datetime.timedelta(days=1), text="เมื่อวาน"))
    clinic.changes.add(ClinicChange(day=today, text="วันนี้งดบริการ"))
    clinic.save()
    clinic.save_revision().publish()
    html = client.get("/clinics/").content.decode()
    assert "คลินิกทดลอง" not in html
    assert "วันนี้งดบริการ" in html
    assert "เมื่อวาน" not in html


def test_a_session_that_ends_before_it_starts_is_refused_in_thai(client, built_site, webmaster):
    client.force_login(webmaster)
    response = client.post(
        reverse("wagtailsnippets_content_clinic:add"),
        nested_form_data(
            {
                "name": "คลินิกตา",
                "place": "", "notes": "", "sort_order": "1",
                "sessions": inline_formset(
                    [{"weekday": "0", "starts": "12:00", "ends": "08:00", "doctor": ""}]
                ),
                "changes": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )  # fmt: skip
    assert response.status_code == 200
    assert "เวลาสิ้นสุดต้องอยู่หลังเวลาเริ่ม" in response.content.decode()
    assert 'value="คลินิกตา"' in response.content.decode()
    assert not Clinic.objects.exists()


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.UNIT_HEAD, Role.AUDITOR])
def test_only_those_who_run_the_site_keep_the_schedules(client, built_site, make_user, role):
    clinic = Clinic(name="คลินิก", live=True)
    clinic.save()
    doctor = Doctor.objects.create(name="นพ.ทดสอบ")
    client.force_login(make_user("someone", role))
    for url in (
        reverse("wagtailsnippets_content_clinic:add"),
        reverse("wagtailsnippets_content_clinic:edit", args=[clinic.pk]),
        reverse("wagtailsnippets_content_doctor:edit", args=[doctor.pk]),
        reverse("wagtailsnippets_content_doctor:delete", args=[doctor.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] != url
