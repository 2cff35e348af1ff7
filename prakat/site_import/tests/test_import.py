"""An old WordPress site brought in through the webmaster's screens: a real export of a Thai
hospital's site (``old_site/``, made by WordPress's own exporter; its README lists every
post, page and file), its files fetched from where the old site answers now (a server on
this machine) and checked by the upload policy, the posts as items in the categories the
webmaster chose, dated as they were, the pages as general pages, the old addresses
redirected, and a report of everything, in Thai."""

from __future__ import annotations

import datetime
import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from prakat.agency.models import Unit
from prakat.agency.roles import Role
from prakat.content.models import CategoryPage, GeneralPage, InformationItemPage
from prakat.content.upload_policy import UploadPolicy
from prakat.site_import.importer import IMPORTED_ACTION, Fetcher
from prakat.site_import.models import Outcome, SiteImport, Stage

pytestmark = pytest.mark.database_neutral

OLD_SITE = Path(__file__).parent / "old_site"
EXPORT = OLD_SITE / "old-hospital.wordpress.xml"
OLD = "http://old.hospital.example"
# Attachment 23: its record is in the export, its file was never kept (5 MB, over the limit).
LARGE_FILE = "/wp-content/uploads/2025/01/รายงานประจำปี-ใหญ่.pdf"
BANGKOK = datetime.timezone(datetime.timedelta(hours=7))


class OldSiteFiles(SimpleHTTPRequestHandler):
    """The old site's uploads folder, as its web server gives it; the large report too."""

    def do_GET(self):
        if unquote(self.path) == LARGE_FILE:
            body = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024)
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.path = self.path.replace("/wp-content/uploads/", "/uploads/", 1)
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def old_site_server(settings):
    # The old site is served on this machine, as on an agency's own network, which the
    # install's administrator allows by name.
    settings.OLD_SITE_PRIVATE_HOSTS = ["127.0.0.1"]
    handler = functools.partial(OldSiteFiles, directory=str(OLD_SITE))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def category(key: str) -> CategoryPage:
    return CategoryPage.objects.get(checklist_key=key)


def old_path(decoded: str) -> str:
    """An old address as a browser asks for it: Thai letters percent-encoded."""
    return quote(decoded, safe="/?=")


def upload(client):
    with EXPORT.open("rb") as export:
        return client.post(reverse("site_import:imports"), {"export_file": export})


def field_name(form_html: str, label_start: str) -> str:
    found = re.search(
        rf'<label class="w-field__label" for="id_(category__[^"]+)">{re.escape(label_start)}',
        form_html,
    )
    return found.group(1)


@pytest.fixture
def imported(client, built_site, webmaster, old_site_server, django_capture_on_commit_callbacks):
    """The export brought in as a webmaster maps it; the mapping screen's HTML kept."""
    client.force_login(webmaster)
    unit = Unit.objects.create(agency=built_site.agency, name="งานประชาสัมพันธ์")
    response = upload(client)
    assert response.status_code == 302, response.content.decode()[:2000]
    mapping_url = response["Location"]
    form = client.get(mapping_url).content.decode()
    answers = {
        field_name(form, "ข่าวประชาสัมพันธ์ ("): category("pr-news").pk,
        field_name(form, "ประกาศจัดซื้อจัดจ้าง ("): category("procurement-announcements").pk,
        field_name(form, "ความรู้สุขภาพ ("): category("knowledge").pk,
        field_name(form, "ไม่มีหมวดหมู่ ("): category("annual-report").pk,
        field_name(form, "ข่าวรับสมัครงาน ("): "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            mapping_url,
            {**answers, "owner_unit": unit.pk, "import_pages": "on", "files_url": old_site_server},
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    return {"form": form, "site_import": SiteImport.objects.get(), "unit": unit}


def item(title_start: str) -> InformationItemPage:
    return InformationItemPage.objects.get(title__startswith=title_start)


def test_the_mapping_screen_counts_each_old_category_and_suggests_the_same_name(
    client, built_site, webmaster
):
    client.force_login(webmaster)
    form = client.get(upload(client)["Location"]).content.decode()
    # Published posts only (the private post and the draft are not counted), as the
    # fixture's README lists them.
    for label in (
        "ข่าวประชาสัมพันธ์ (เผยแพร่แล้ว 4 เรื่อง)",
        "ประกาศจัดซื้อจัดจ้าง (เผยแพร่แล้ว 2 เรื่อง)",
        "ข่าวรับสมัครงาน (เผยแพร่แล้ว 1 เรื่อง)",
        "ความรู้สุขภาพ (เผยแพร่แล้ว 2 เรื่อง)",
        "ไม่มีหมวดหมู่ (เผยแพร่แล้ว 1 เรื่อง)",
    ):
        assert label in form
    assert "โรงพยาบาลตัวอย่างเดิม (http://old.hospital.example)" in form
    # A category here with the old category's own name is chosen already.
    announcements = category("procurement-announcements").pk
    assert re.search(
        rf'<select name="{field_name(form, "ประกาศจัดซื้อจัดจ้าง (")}"[^>]*>.*?'
        rf'<option value="{announcements}" selected>',
        form,
        re.S,
    )
    assert not InformationItemPage.objects.exists()  # nothing changes before the mapping


def test_posts_come_in_as_items_in_the_mapped_categories_with_their_dates(imported):
    assert imported["site_import"].stage == Stage.DONE
    news = category("pr-news")
    assert sorted(p.title for p in InformationItemPage.objects.child_of(news)) == sorted(
        [
            "โรงพยาบาลเปิดบริการคลินิกผู้สูงอายุทุกวันพุธ",
            "กิจกรรมรณรงค์ฉีดวัคซีนไข้หวัดใหญ่ ประจำปี 2567",
            # In two old categories: the first one mapped.
            "สรุปผลการจัดซื้อจัดจ้าง (แบบ สขร.1) ประจำเดือนมิถุนายน 2567",
            "ขอเชิญร่วมบริจาคโลหิตเนื่องในวันแห่งความรัก",
        ]
    )
    assert [p.title for p in InformationItemPage.objects.child_of(category("knowledge"))] == [
        "วิธีป้องกันโรคไข้เลือดออกในช่วงฤดูฝน",
        "ออกกำลังกายอย่างไรให้เหมาะกับผู้สูงอายุ",
    ]
    clinic = item("โรงพยาบาลเปิดบริการคลินิกผู้สูงอายุ")
    assert clinic.live
    assert clinic.first_published_at == datetime.datetime(2024, 3, 18, 10, 15, tzinfo=BANGKOK)
    assert clinic.owner_unit == imported["unit"]
    assert clinic.cover_image is not None  # the featured image
    assert clinic.cover_image.width == 640
    # Dated as on the old site, and saying so where the public reads the date.
    assert clinic.imported_from == f"{OLD}/2024/03/โรงพยาบาลเปิดบริการคลิ/"
    # Nothing of the job announcement (category left out), the draft or the private post.
    for title in ("ประกาศรับสมัครบุคคล", "ประกาศรับสมัครลูกจ้างชั่วคราว", "กำหนดการประชุม"):
        assert not InformationItemPage.objects.filter(title__startswith=title).exists()


def test_the_text_keeps_its_paragraphs_pictures_and_files_and_loses_scripts(client, imported):
    vaccine = item("กิจกรรมรณรงค์ฉีดวัคซีน")
    # The picture in the text is the full-size one the 300×200 copy was made from.
    assert re.search(r'<embed [^>]*embedtype="image"', vaccine.body)
    exercise = item("ออกกำลังกายอย่างไร")
    assert "<script" not in exercise.body and "document.cookie" not in exercise.body
    assert "<iframe" not in exercise.body
    page = client.get(exercise.url).content.decode()
    assert "document.cookie" not in page
    assert (
        f"<div><dt>เผยแพร่ครั้งแรกในเว็บไซต์เดิม</dt><dd>{OLD}/2024/11/ออกกำลังกายอย่างไรให้เ/</dd></div>"
    ) in page
    dengue = item("วิธีป้องกันโรคไข้เลือดออก")
    assert "wp:paragraph" not in dengue.body  # the block editor's markers are gone
    announcement = item("ประกาศประกวดราคาซื้อเครื่องเอกซเรย์")
    files = sorted(a.document.filename for a in announcement.attachments.all())
    assert files == ["price-quotation-form.docx", "procurement-announcement.pdf"]
    shown = client.get(announcement.url).content.decode()
    assert "procurement-announcement.pdf" in shown and "PDF" in shown and "DOCX" in shown


def test_pages_come_in_as_general_pages_under_the_home_page_and_each_other(imported, built_site):
    about = GeneralPage.objects.get(title="เกี่ยวกับโรงพยาบาล")
    assert about.get_parent().pk == built_site.home.pk and about.live
    history = GeneralPage.objects.get(title="ประวัติความเป็นมา")
    assert history.get_parent().pk == about.pk
    assert GeneralPage.objects.get(title="ติดต่อเรา").get_parent().pk == built_site.home.pk


def test_old_addresses_lead_to_the_new_pages(client, imported):
    clinic = item("โรงพยาบาลเปิดบริการคลินิกผู้สูงอายุ")
    for old in (
        old_path("/2024/03/โรงพยาบาลเปิดบริการคลิ/"),
        "/?p=9",
    ):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == clinic.url
    history = GeneralPage.objects.get(title="ประวัติความเป็นมา")
    response = client.get(old_path("/เกี่ยวกับโรงพยาบาล/ประวัติความเป็นมา/"))
    assert response["Location"] == history.url
    # A link inside the old text to another old post now goes through its redirect.
    blood = item("ขอเชิญร่วมบริจาคโลหิต")
    assert 'href="/?p=11"' in blood.body
    assert client.get("/?p=11")["Location"] == item("กิจกรรมรณรงค์ฉีดวัคซีน").url


def test_the_report_lists_what_came_in_and_why_the_rest_did_not(client, imported):
    rows = {(r.title, r.outcome): r for r in imported["site_import"].rows.all()}
    # 8 posts, 3 pages and the 5 files they use that the policy takes.
    assert len([r for r in rows.values() if r.outcome == Outcome.IMPORTED]) == 16
    assert sorted(
        t for (t, o), r in rows.items() if o == Outcome.IMPORTED and r.kind == "file"
    ) == [
        "elderly-clinic.jpg",
        "hospital-building.png",
        "price-quotation-form.docx",
        "procurement-announcement.pdf",
        "vaccine-day.jpg",
    ]
    gif = rows[("blood-donation-banner.gif", Outcome.REFUSED)]
    assert gif.reason == (
        "ไม่รับไฟล์ “blood-donation-banner.gif” เพราะไม่อนุญาตไฟล์ชนิด .gif "
        "(ชนิดไฟล์ที่อนุญาต: .pdf .xls .xlsx .doc .docx .jpg .png .zip .rar)"
    )
    large = rows[("รายงานประจำปี-ใหญ่.pdf", Outcome.REFUSED)]
    assert large.reason == (
        "ไม่รับไฟล์ “รายงานประจำปี-ใหญ่.pdf” เพราะมีขนาด 5.0 MB เกินขนาดสูงสุดที่อนุญาต ไฟล์ละไม่เกิน 4 MB"
    )
    draft = rows[("ประกาศรับสมัครลูกจ้างชั่วคราว ตำแหน่งนักวิชาการคอมพิวเตอร์ (ร่าง)", Outcome.SKIPPED)]
    assert draft.reason == "ไม่ได้เผยแพร่ในเว็บไซต์เดิม (สถานะในเว็บไซต์เดิม: draft)"
    private = rows[("กำหนดการประชุมคณะกรรมการบริหารจัดการเว็บไซต์ (ภายใน)", Outcome.SKIPPED)]
    assert private.reason == "ไม่ได้เผยแพร่ในเว็บไซต์เดิม (สถานะในเว็บไซต์เดิม: private)"
    jobs = next(r for (t, o), r in rows.items() if t.startswith("ประกาศรับสมัครบุคคล"))
    assert jobs.reason == ("หมวดหมู่ในเว็บไซต์เดิม (ข่าวรับสมัครงาน) ไม่ได้กำหนดให้ตรงกับหมวดหมู่ใดในเว็บไซต์นี้")
    screen = client.get(reverse("site_import:report", args=[imported["site_import"].pk]))
    html = screen.content.decode()
    assert "นำเข้าแล้ว: 16 · ไม่ได้นำเข้า: 3 · ไฟล์ที่ถูกปฏิเสธ: 2" in html
    # Each row's kind and outcome in Thai.
    assert re.search(r"<td>ไฟล์</td>\s*<td>blood-donation-banner.gif</td>\s*<td>ถูกปฏิเสธ</td>", html)
    assert re.search(r"<td>เรื่อง \(โพสต์\)</td>\s*<td>ประกาศรับสมัครบุคคล", html)


def test_each_page_brought_in_names_the_import_and_the_webmaster_in_its_history(
    imported, webmaster
):
    clinic = item("โรงพยาบาลเปิดบริการคลินิกผู้สูงอายุ")
    entry = PageLogEntry.objects.get(page=clinic, action=IMPORTED_ACTION)
    assert entry.user == webmaster
    assert entry.data["import"] == imported["site_import"].pk


def test_a_file_that_is_not_an_export_is_refused_in_thai(client, built_site, webmaster):
    client.force_login(webmaster)
    response = client.post(
        reverse("site_import:imports"),
        {"export_file": (OLD_SITE / "uploads/2024/06/procurement-announcement.pdf").open("rb")},
    )
    assert response.status_code == 400
    assert "ไฟล์นี้ไม่ใช่ไฟล์ส่งออกของ WordPress" in response.content.decode()
    assert not SiteImport.objects.exists()


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.UNIT_HEAD, Role.DIRECTOR, Role.AUDITOR])
def test_only_webmasters_and_administrators_bring_an_old_site_in(
    client, built_site, make_user, role
):
    client.force_login(make_user("someone", role))
    assert client.get(reverse("site_import:imports")).status_code == 403
    with EXPORT.open("rb") as export:
        response = client.post(reverse("site_import:imports"), {"export_file": export})
    assert response.status_code == 403
    assert not SiteImport.objects.exists()


@pytest.mark.parametrize(
    ("url", "fetched"),
    [
        ("http://old.hospital.example/wp-content/uploads/2024/06/a.pdf", True),
        ("/wp-content/uploads/2024/06/a.pdf", True),
        # Another host, even under the same path, and the old host outside its uploads.
        ("http://169.254.169.254/wp-content/uploads/a.pdf", False),
        ("//elsewhere.example/wp-content/uploads/a.pdf", False),
        ("http://old.hospital.example/wp-config.php", False),
        ("file:///etc/passwd", False),
    ],
)
def test_only_the_old_site_s_uploads_are_fetched(url, fetched, tmp_path):
    fetcher = Fetcher(OLD, "http://127.0.0.1:9", UploadPolicy.default(), tmp_path)
    assert fetcher.is_old_file(url) is fetched


def test_where_the_director_approves_general_pages_the_old_pages_come_as_drafts(
    client, built_site, webmaster, old_site_server, django_capture_on_commit_callbacks
):
    built_site.agency.general_pages_need_approval = True
    built_site.agency.save()
    client.force_login(webmaster)
    unit = Unit.objects.create(agency=built_site.agency, name="งานประชาสัมพันธ์")
    mapping_url = upload(client)["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            mapping_url,
            {"owner_unit": unit.pk, "import_pages": "on", "files_url": old_site_server},
        )
    about = GeneralPage.objects.get(title="เกี่ยวกับโรงพยาบาล")
    assert not about.live
    row = SiteImport.objects.get().rows.get(title="เกี่ยวกับโรงพยาบาล")
    assert row.reason == (
        "นำเข้าเป็นฉบับร่าง เพราะผู้อำนวยการต้องอนุมัติหน้าทั่วไปก่อนเผยแพร่ ที่อยู่เดิมจะพามาที่หน้านี้เมื่อเผยแพร่แล้ว"
    )


def export_changed(tmp_path, changes: dict[int, tuple[str, str]]) -> Path:
    """The real export with, in the entry of each post id, one piece of text replaced (as
    the old site would have written it had its author done so)."""
    text = EXPORT.read_text(encoding="utf-8")
    for post_id, (old, new) in changes.items():
        start = text.index(f"<wp:post_id>{post_id}</wp:post_id>")
        item_start = text.rindex("<item>", 0, start)
        item_end = text.index("</item>", start)
        item = text[item_start:item_end]
        assert old in item
        text = text[:item_start] + item.replace(old, new, 1) + text[item_end:]
    changed = tmp_path / "changed.wordpress.xml"
    changed.write_text(text, encoding="utf-8")
    return changed


def bring_in(client, export: Path, answers: dict, unit, files_url, capture) -> SiteImport:
    with export.open("rb") as handle:
        mapping_url = client.post(reverse("site_import:imports"), {"export_file": handle})[
            "Location"
        ]
    form = client.get(mapping_url).content.decode()
    fields = {field_name(form, label): value for label, value in answers.items()}
    with capture(execute=True):
        client.post(
            mapping_url,
            {**fields, "owner_unit": unit.pk, "import_pages": "on", "files_url": files_url},
        )
    return SiteImport.objects.get(pk=int(mapping_url.rstrip("/").split("/")[-2]))


def test_posts_behind_a_password_or_without_a_title_stay_out(
    client, built_site, webmaster, old_site_server, django_capture_on_commit_callbacks, tmp_path
):
    client.force_login(webmaster)
    unit = Unit.objects.create(agency=built_site.agency, name="งานประชาสัมพันธ์")
    export = export_changed(
        tmp_path,
        {
            9: ("<wp:post_password><![CDATA[]]>", "<wp:post_password><![CDATA[secret]]>"),
            11: ("<title><![CDATA[กิจกรรมรณรงค์ฉีดวัคซีนไข้หวัดใหญ่ ประจำปี 2567]]></title>",
                 "<title><![CDATA[]]></title>"),
        },
    )  # fmt: skip
    done = bring_in(
        client, export, {"ข่าวประชาสัมพันธ์ (": category("pr-news").pk}, unit, old_site_server,
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert not InformationItemPage.objects.filter(title__startswith="โรงพยาบาลเปิดบริการ").exists()
    assert done.rows.get(title="โรงพยาบาลเปิดบริการคลินิกผู้สูงอายุทุกวันพุธ").reason == (
        "เว็บไซต์เดิมป้องกันเรื่องนี้ด้วยรหัสผ่าน"
    )
    assert done.rows.get(title="#11").reason == "ไม่มีชื่อเรื่อง"
    # The other news came in.
    assert item("ขอเชิญร่วมบริจาคโลหิต").live


def test_the_same_export_brought_in_twice_adds_nothing_the_second_time(
    client, imported, django_capture_on_commit_callbacks, old_site_server
):
    items = InformationItemPage.objects.count()
    again = bring_in(
        client, EXPORT, {"ข่าวประชาสัมพันธ์ (": category("pr-news").pk}, imported["unit"],
        old_site_server, django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert InformationItemPage.objects.count() == items
    clinic = item("โรงพยาบาลเปิดบริการคลินิกผู้สูงอายุ")
    row = again.rows.get(title="โรงพยาบาลเปิดบริการคลินิกผู้สูงอายุทุกวันพุธ")
    assert row.outcome == Outcome.SKIPPED
    assert row.reason == f"การนำเข้าครั้งก่อนนำเข้ามาแล้ว: {clinic.url}"
    assert client.get("/?p=9")["Location"] == clinic.url


def test_an_old_address_the_site_uses_already_is_left_as_it_is(
    client, built_site, webmaster, old_site_server, django_capture_on_commit_callbacks
):
    from wagtail.contrib.redirects.models import Redirect

    # The administrator's own redirect of the old contact page, made before the import.
    Redirect.objects.create(
        site=built_site.agency.site,
        old_path=Redirect.normalise_path(old_path("/ติดต่อเรา/")),
        redirect_link="https://www.moph.go.th/contact",
    )
    client.force_login(webmaster)
    unit = Unit.objects.create(agency=built_site.agency, name="งานประชาสัมพันธ์")
    done = bring_in(client, EXPORT, {}, unit, old_site_server, django_capture_on_commit_callbacks)
    assert client.get(old_path("/ติดต่อเรา/"))["Location"] == "https://www.moph.go.th/contact"
    row = done.rows.get(title="ติดต่อเรา")
    assert row.outcome == Outcome.IMPORTED
    assert "มีการใช้งานในเว็บไซต์นี้อยู่แล้ว จึงไม่เปลี่ยน" in row.reason


def test_an_import_is_run_once_however_often_its_job_is_asked(imported):
    from prakat.site_import.jobs import import_site_task

    pages = InformationItemPage.objects.count()
    import_site_task.call(imported["site_import"].pk)
    assert InformationItemPage.objects.count() == pages
