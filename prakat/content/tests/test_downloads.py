"""The downloads centre: a webmaster publishes forms and manuals by kind and year; the public
finds them by the words of their titles and of the text inside their PDFs, filters by kind and
year, and downloads them through an address that counts; a file is the public's only while its
download is published; requesters keep none of it."""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from prakat.agency.roles import Role
from prakat.content.downloads import Download, DownloadKind
from prakat.content.models import AgencyDocument
from prakat.content.pdf import render_pdf

pytestmark = pytest.mark.database_neutral


def pdf_document(title: str, *paragraphs: str) -> AgencyDocument:
    """A real PDF, drawn as the site draws its documents, whose text layer holds the words."""
    data = render_pdf("demo/document.html", {"title": title, "paragraphs": paragraphs})
    document = AgencyDocument(title=title)
    document.file = ContentFile(data, name="document.pdf")
    document.save()
    return document


def published(**fields) -> Download:
    download = Download(live=False, **fields)
    download.save()
    download.save_revision().publish()
    return download


def listed(client, **query) -> list[str]:
    html = client.get("/downloads/", query).content.decode()
    return re.findall(r'<th scope="row"><a href="/downloads/\d+/">([^<]+)</a>', html)


def test_a_webmaster_publishes_a_form_and_the_public_downloads_it(client, built_site, webmaster):
    document = pdf_document("แบบคำขอ", "ข้าพเจ้าประสงค์ขอสำเนาข้อมูลข่าวสาร")
    client.force_login(webmaster)
    response = client.post(
        reverse("wagtailsnippets_content_download:add"),
        {
            "title": "แบบคำขอข้อมูลข่าวสารของราชการ",
            "kind": "form",
            "year": "2569",
            "document": document.pk,
            "description": "ยื่นที่งานสารบรรณ",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    download = Download.objects.get()
    assert ModelLogEntry.objects.get(action="wagtail.publish", object_id=str(download.pk)).user == (
        webmaster
    )
    client.logout()
    html = client.get("/downloads/").content.decode()
    row = re.search(r"<tr>\s*<th scope=\"row\">.*?</tr>", html, re.S).group(0)
    cells = [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(
        r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]  # fmt: skip
    assert cells[0] == "แบบคำขอข้อมูลข่าวสารของราชการ ยื่นที่งานสารบรรณ"
    assert cells[1:3] == ["แบบฟอร์ม", "2569"]
    assert cells[3].startswith("PDF, ")
    assert cells[4] == "0"
    # Downloading goes through the centre's address, counts, and hands over the file.
    response = client.get(f"/downloads/{download.pk}/")
    assert response.status_code == 302
    file = client.get(response["Location"])
    assert file.status_code == 200
    assert b"".join(file.streaming_content).startswith(b"%PDF")
    download.refresh_from_db()
    assert download.download_count == 1
    client.get(f"/downloads/{download.pk}/")
    # The plain listing is kept for visitors up to the page cache's time (a download is not
    # a change of the site); a search is drawn afresh and shows the count now.
    assert "<td>2</td>" in client.get("/downloads/", {"kind": "form"}).content.decode()


def test_the_words_inside_a_pdf_find_it(client, built_site):
    published(
        title="คู่มือการรับบริการผู้ป่วยนอก",
        kind=DownloadKind.MANUAL,
        year=2569,
        document=pdf_document("คู่มือ", "ผู้ป่วยนัดตรวจเลือดควรงดน้ำและอาหารก่อนมาโรงพยาบาล 8 ชั่วโมง"),
    )
    published(
        title="แบบฟอร์มขอประวัติการรักษา",
        kind=DownloadKind.FORM,
        year=2568,
        document=pdf_document("แบบฟอร์ม", "กรอกชื่อและเลขประจำตัวผู้ป่วย"),
    )
    # Found by the file's text, not its title.
    assert listed(client, q="งดน้ำและอาหาร") == ["คู่มือการรับบริการผู้ป่วยนอก"]
    # Every word must be found; by the title too.
    assert listed(client, q="แบบฟอร์ม ประวัติการรักษา") == ["แบบฟอร์มขอประวัติการรักษา"]
    assert listed(client, q="งดน้ำ ประวัติการรักษา") == []
    assert "ไม่พบเอกสารที่ตรงกับที่ค้นหา" in client.get("/downloads/", {"q": "วัคซีน"}).content.decode()
    # By kind and by year.
    assert listed(client, kind="form") == ["แบบฟอร์มขอประวัติการรักษา"]
    assert listed(client, year="2569") == ["คู่มือการรับบริการผู้ป่วยนอก"]
    assert listed(client) == ["คู่มือการรับบริการผู้ป่วยนอก", "แบบฟอร์มขอประวัติการรักษา"]


def test_a_draft_download_s_file_stays_private(client, built_site):
    document = pdf_document("ร่างคู่มือ", "ยังไม่เผยแพร่")
    draft = Download(
        title="ร่างคู่มือ", kind=DownloadKind.MANUAL, year=2569, document=document, live=False
    )
    draft.save()
    draft.save_revision()
    assert listed(client) == []
    assert client.get(f"/downloads/{draft.pk}/").status_code == 404
    assert client.get(document.url).status_code in (403, 404)
    draft.get_latest_revision().publish()
    assert client.get(document.url).status_code == 200
    # Taken down again: private again.
    Download.objects.get(pk=draft.pk).unpublish()
    assert client.get(document.url).status_code in (403, 404)


def test_a_year_in_the_christian_era_is_refused_in_thai(built_site):
    download = Download(title="x", year=2026, document=pdf_document("x", "x"))
    with pytest.raises(Exception) as refused:
        download.full_clean()
    assert refused.value.message_dict["year"] == ["ระบุปีเป็นพุทธศักราช เช่น 2569 (ไม่ใช่ 2026)"]


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.UNIT_HEAD, Role.AUDITOR])
def test_only_those_who_run_the_site_keep_the_downloads(client, built_site, make_user, role):
    download = published(title="แบบฟอร์ม", year=2569, document=pdf_document("แบบฟอร์ม", "ข้อความ"))
    client.force_login(make_user("someone", role))
    for url in (
        reverse("wagtailsnippets_content_download:add"),
        reverse("wagtailsnippets_content_download:edit", args=[download.pk]),
        reverse("wagtailsnippets_content_download:delete", args=[download.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] != url


def test_a_new_file_published_in_a_new_version_is_searched_for_its_own_words(client, built_site):
    download = published(
        title="แบบฟอร์มคำร้อง",
        year=2569,
        document=pdf_document("ฉบับเดิม", "ข้อความฉบับเดิมเรื่องค่าธรรมเนียม"),
    )
    # A new file, prepared as a draft: the live download keeps the old file and its words.
    draft = Download.objects.get(pk=download.pk)
    draft.document = pdf_document("ฉบับใหม่", "ข้อความฉบับใหม่เรื่องการนัดหมาย")
    draft.save_revision()
    assert listed(client, q="ค่าธรรมเนียม") == ["แบบฟอร์มคำร้อง"]
    assert listed(client, q="การนัดหมาย") == []
    draft.get_latest_revision().publish()
    assert listed(client, q="การนัดหมาย") == ["แบบฟอร์มคำร้อง"]
    assert listed(client, q="ค่าธรรมเนียม") == []
    # The first version published again brings its file's words back with it.
    download.revisions.order_by("pk").first().publish()
    assert listed(client, q="ค่าธรรมเนียม") == ["แบบฟอร์มคำร้อง"]
    assert listed(client, q="การนัดหมาย") == []


def test_a_file_with_personal_data_waits_for_the_webmaster_s_confirmation(
    client, built_site, webmaster
):
    document = pdf_document("คำร้อง", "ผู้ยื่นคำร้อง นายสมชาย ใจดี เลขประจำตัวประชาชน 1-1017-00203-45-0")
    client.force_login(webmaster)
    fields = {
        "title": "ตัวอย่างคำร้องที่กรอกแล้ว",
        "kind": "form",
        "year": "2569",
        "document": document.pk,
        "description": "",
        "action-publish": "action-publish",
    }
    response = client.post(reverse("wagtailsnippets_content_download:add"), fields)
    assert response.status_code == 200
    page = response.content.decode()
    assert "ไฟล์นี้อาจมีข้อมูลส่วนบุคคล: เลขประจำตัวประชาชน x-xxxx-xxxxx-45-0 (" in page
    assert "หน้า 1)" in page
    assert not Download.objects.exists()
    # Looked at and confirmed: published, as a form an agency means to show.
    response = client.post(
        reverse("wagtailsnippets_content_download:add"), {**fields, "confirm_personal_data": "on"}
    )
    assert response.status_code == 302
    assert Download.objects.get().live
