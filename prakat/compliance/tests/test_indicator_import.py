"""An administrator imports fiscal year 2570's indicator file from the admin: checked, its
differences from 2569 shown, kept only when confirmed, and then used by the dashboard, the ITA
view and its exports. Every expected sentence is written here by hand."""

import datetime
import io
import re
import zoneinfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from prakat.agency.roles import Role
from prakat.compliance.indicators import INDICATOR_DIR
from prakat.compliance.models import IndicatorFile
from prakat.compliance.tests.support import at, publish_on

pytestmark = pytest.mark.database_neutral

SHIPPED_2569 = (INDICATOR_DIR / "2569.yaml").read_text(encoding="utf-8")
MOIT3_2569 = (
    "หน่วยงานมีรายงานการวิเคราะห์ผลการจัดซื้อจัดจ้างและการจัดหาพัสดุของปีงบประมาณในปีที่ผ่านมา "
    "(ของปีงบประมาณ พ.ศ. 2568)"
)
MOIT3_2570 = MOIT3_2569.replace("2568", "2569")
O43 = """    - code: O43
      title_th: "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
      entries: [integrity-measures-report]
"""


def edited(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


def file_2570() -> str:
    """2569's file as an administrator would edit it for 2570: the year, MOIT 3's year in
    its title, a new MOIT 2 sub-item, 2.13 answered also by the support manuals, O43 gone."""
    text = edited(SHIPPED_2569, "fiscal_year: 2569", "fiscal_year: 2570")
    text = edited(text, MOIT3_2569, MOIT3_2570)
    text = edited(
        text,
        "entries: [feedback]}\n",
        "entries: [feedback]}\n"
        '      - {code: "2.1.9", title_th: "ช่องทางติดต่อผ่านสื่อสังคมออนไลน์", entries: [feedback]}\n',
    )
    text = edited(
        text,
        "entries: [sop-core]}",
        "entries: [sop-core, sop-support]}",
    )
    return edited(text, O43, "")


def upload(text: str | bytes, name: str = "2570.yaml") -> SimpleUploadedFile:
    body = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, body, content_type="application/yaml")


@pytest.fixture
def in_fiscal_2570():
    # 29 November 2569 (2026), noon in Bangkok: fiscal year 2570 is under way.
    moment = datetime.datetime(2026, 11, 29, 12, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Bangkok"))
    with time_machine.travel(moment, tick=False):
        yield


@pytest.fixture
def administrator(built_site, make_user):
    return make_user("itofficer", Role.ADMINISTRATOR, first_name="สมศรี", last_name="ใจดี")


def rows(html: str) -> list[tuple[str, str]]:
    found = re.findall(
        r'<tr class="indicator-difference"><td>(.*?)</td><td>(.*?)</td></tr>', html, re.S
    )
    return [(code, change.replace("&quot;", '"')) for code, change in found]


def warned(client, name: str) -> bool:
    return 'id="indicator-warning"' in client.get(reverse(name)).content.decode()


def test_an_administrator_imports_2570_after_seeing_what_changes(
    client, administrator, in_fiscal_2570, unit
):
    analysis = "รายงานการวิเคราะห์ผลการจัดซื้อจัดจ้าง ปีงบประมาณ 2569"
    publish_on("procurement-analysis", analysis, unit, at(2026, 10, 20, 9, 0))
    client.force_login(administrator)
    listing = client.get(reverse("compliance:indicator_files")).content.decode()
    assert "มากับ Prakat" in listing and "ดาวน์โหลด 2569.yaml" in listing
    assert warned(client, "compliance:dashboard") and warned(client, "compliance:ita")
    # The warning leads whoever may import to the screen.
    dashboard = client.get(reverse("compliance:dashboard")).content.decode()
    assert reverse("compliance:indicator_files") in dashboard

    preview = client.post(reverse("compliance:indicator_files"), {"file": upload(file_2570())})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "ไฟล์ถูกต้องตามกฎ: ปีงบประมาณ 2570 ตัวชี้วัด 22 ข้อ และข้อ OIT 42 ข้อ ยังไม่ได้บันทึก" in html
    assert "ความแตกต่างจากปีงบประมาณ 2569" in html
    assert rows(html) == [
        ("MOIT2 › 2.1.9", "ใหม่: ช่องทางติดต่อผ่านสื่อสังคมออนไลน์"),
        ("MOIT2 › 2.13", "ใช้หลักฐานจากหมวดเพิ่ม: คู่มือการปฏิบัติงานตามภารกิจสนับสนุน"),
        ("MOIT3", f"ชื่อ: “{MOIT3_2569}” → “{MOIT3_2570}”"),
        ("O43", "ไม่มีในปีนี้แล้ว: การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"),
    ]
    # Seeing the differences keeps nothing: both screens still warn.
    assert not IndicatorFile.objects.exists()
    assert warned(client, "compliance:ita")

    content = re.search(r'name="content" value="(.*?)"', html, re.S).group(1)
    assert "fiscal_year: 2570" in content
    done = client.post(
        reverse("compliance:confirm_indicator_import"), {"content": file_2570()}, follow=True
    )
    page = done.content.decode()
    assert "นำเข้าไฟล์ตัวชี้วัดของปีงบประมาณ 2570 แล้ว" in page
    assert 'data-year="2570"' in page and "นำเข้าโดย สมศรี ใจดี เมื่อ 29 พฤศจิกายน 2569" in page
    assert not warned(client, "compliance:dashboard") and not warned(client, "compliance:ita")

    ita = client.get(reverse("compliance:ita"), {"year": 2570}).content.decode()
    assert MOIT3_2570 in ita and MOIT3_2569 not in ita
    assert 'data-sub-item="2.1.9"' in ita
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("compliance:ita_xlsx", args=[2570])).content)
    ).active
    moit3 = [[c.value for c in row] for row in sheet.iter_rows() if row[0].value == "MOIT3"]
    assert [row[1:3] for row in moit3] == [[MOIT3_2570, analysis]]
    # 2569 keeps its own file.
    assert MOIT3_2569 in client.get(reverse("compliance:ita"), {"year": 2569}).content.decode()

    entry = ModelLogEntry.objects.get(action="prakat.indicator_file_import")
    assert entry.user == administrator
    assert entry.message == "นำเข้าไฟล์ตัวชี้วัด ITA ของปีงบประมาณ 2570: ตัวชี้วัด 22 ข้อ และข้อ OIT 42 ข้อ"
    downloaded = client.get(reverse("compliance:indicator_file", args=[2570]))
    assert b"".join(downloaded).decode("utf-8") == file_2570()


def test_importing_a_year_again_is_compared_with_the_file_it_replaces(
    client, administrator, in_fiscal_2570
):
    client.force_login(administrator)
    client.post(reverse("compliance:confirm_indicator_import"), {"content": file_2570()})
    again = edited(
        file_2570(), 'title_th: "ช่องทางติดต่อผ่านสื่อสังคมออนไลน์"', 'title_th: "ช่องทางสื่อสังคมออนไลน์"'
    )
    html = client.post(
        reverse("compliance:indicator_files"), {"file": upload(again)}
    ).content.decode()
    assert "ความแตกต่างจากไฟล์ของปีงบประมาณ 2570 ที่จะถูกแทนที่" in html
    assert rows(html) == [
        ("MOIT2 › 2.1.9", "ชื่อ: “ช่องทางติดต่อผ่านสื่อสังคมออนไลน์” → “ช่องทางสื่อสังคมออนไลน์”"),
    ]
    client.post(reverse("compliance:confirm_indicator_import"), {"content": again})
    assert IndicatorFile.objects.get().content == again
    newest = ModelLogEntry.objects.filter(action="prakat.indicator_file_import").latest("pk")
    assert newest.message.endswith("ข้อ OIT 42 ข้อ แทนไฟล์ที่นำเข้าไว้ก่อนหน้า")
    # The same file again: nothing differs, and the screen says so.
    html = client.post(
        reverse("compliance:indicator_files"), {"file": upload(again)}
    ).content.decode()
    assert rows(html) == [] and "ไม่มีความแตกต่าง" in html


def test_an_imported_file_is_taken_back(client, administrator, in_fiscal_2570):
    """A wrong import removed: 2570 is again judged by 2569's file, as the warning says, and
    the removal is logged."""
    client.force_login(administrator)
    client.post(reverse("compliance:confirm_indicator_import"), {"content": file_2570()})
    assert not warned(client, "compliance:ita")
    done = client.post(reverse("compliance:remove_indicator_import", args=[2570]), follow=True)
    assert "ลบไฟล์ตัวชี้วัดที่นำเข้าของปีงบประมาณ 2570 แล้ว" in done.content.decode()
    assert not IndicatorFile.objects.exists()
    assert warned(client, "compliance:ita")
    entry = ModelLogEntry.objects.get(action="prakat.indicator_file_remove")
    assert entry.user == administrator
    assert entry.message == "ลบไฟล์ตัวชี้วัด ITA ที่นำเข้าของปีงบประมาณ 2570"
    # Nothing imported for the year: nothing to remove.
    again = client.post(reverse("compliance:remove_indicator_import", args=[2570]))
    assert again.status_code == 404


BROKEN = [
    pytest.param(
        upload("fiscal_year: 2570\n", "2570.txt"),
        "รับเฉพาะไฟล์ YAML (.yaml หรือ .yml): “2570.txt” ไม่ใช่ไฟล์ YAML",
        id="not-yaml-name",
    ),
    pytest.param(
        upload(file_2570().encode("utf-16")),
        "ไฟล์ต้องบันทึกเป็นข้อความแบบ UTF-8",
        id="not-utf-8",
    ),
    pytest.param(
        upload("# " + "ก" * 400_000 + "\n" + file_2570()),
        "ไฟล์ตัวชี้วัดมีขนาดได้ไม่เกิน 1 MB",
        id="too-big",
    ),
    pytest.param(
        # Line 3 opens a list that never closes.
        upload("fiscal_year: 2570\nindicators:\n  - code: [MOIT1\n"),
        "ไฟล์ผิดกฎของไฟล์ตัวชี้วัด: อ่านไฟล์เป็น YAML ไม่ได้ (บรรทัดที่ 4)",
        id="unreadable",
    ),
    pytest.param(
        upload(edited(file_2570(), "fiscal_year: 2570", "fiscal_year: 70")),
        "ไฟล์ผิดกฎของไฟล์ตัวชี้วัด: fiscal_year ต้องเป็นปีงบประมาณ (พ.ศ.) ของไฟล์ "
        "เป็นจำนวนเต็มตั้งแต่ 2560 ถึง 2700",
        id="year-not-buddhist-era",
    ),
    pytest.param(
        upload(edited(file_2570(), "entries: [executives]}", "entries: [executive-photos]}")),
        "ไฟล์ผิดกฎของไฟล์ตัวชี้วัด: MOIT2 ข้อย่อยลำดับที่ 1 (2.1.1): "
        "ไม่มีหมวดรหัส executive-photos ในรายการข้อมูลที่ต้องเผยแพร่",
        id="unknown-entry",
    ),
    pytest.param(
        upload(edited(file_2570(), "  - code: MOIT4\n", "  - code: MOIT3\n")),
        "ไฟล์ผิดกฎของไฟล์ตัวชี้วัด: ใช้รหัส MOIT3 ซ้ำกัน",
        id="code-twice",
    ),
    pytest.param(
        upload(edited(file_2570(), "entries: [executives]}", "}")),
        "ไฟล์ผิดกฎของไฟล์ตัวชี้วัด: MOIT2 ข้อย่อยลำดับที่ 1 (2.1.1): ระบุหมวดในรายการข้อมูลที่ใช้เป็นหลักฐานของข้อนี้",
        id="sub-item-without-entries",
    ),
    pytest.param(
        upload(edited(file_2570(), "fiscal_year: 2570", "fiscal_year: 2670")),
        "ยังไม่ถึงปีงบประมาณ 2670: นำเข้าไฟล์ได้ถึงปีงบประมาณ 2571",
        id="year-far-ahead",
    ),
    pytest.param(
        upload(
            file_2570().replace(
                "oit:\n  edition: 2566\n  items:", "oit:\n  - edition: 2566\n  - items:", 1
            )
        ),
        "ไฟล์ผิดกฎของไฟล์ตัวชี้วัด: oit ต้องเป็นชุดข้อมูลที่มี edition และรายการ items",
        id="oit-not-a-mapping",
    ),
    pytest.param(
        upload(edited(file_2570(), "indicators: [21, 22]", "indicators: [21]")),
        "ไฟล์ผิดกฎของไฟล์ตัวชี้วัด: ตัวชี้วัดทุกข้อต้องอยู่ในกลุ่มเดียวเท่านั้น",
        id="indicator-outside-groups",
    ),
]


@pytest.mark.parametrize(("file", "message"), BROKEN)
def test_a_file_that_breaks_a_rule_is_refused_with_the_rule_named(
    client, administrator, in_fiscal_2570, file, message
):
    client.force_login(administrator)
    response = client.post(reverse("compliance:indicator_files"), {"file": file})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not IndicatorFile.objects.exists()


def test_the_confirmation_checks_the_text_again(client, administrator, in_fiscal_2570):
    """What comes back from the preview is checked again before it is kept."""
    client.force_login(administrator)
    tampered = edited(file_2570(), "entries: [executives]}", "entries: [no-such-entry]}")
    page = client.post(
        reverse("compliance:confirm_indicator_import"), {"content": tampered}, follow=True
    ).content.decode()
    assert "ไม่มีหมวดรหัส no-such-entry" in page
    assert not IndicatorFile.objects.exists()


@pytest.mark.parametrize(
    "role",
    [Role.WEBMASTER, Role.AUDITOR, Role.DIRECTOR, Role.EXECUTIVE, Role.UNIT_HEAD, Role.REQUESTER],
)
def test_only_administrators_import(client, built_site, make_user, in_fiscal_2570, role):
    """Every other role meets the refusal that names the right, on every path of the screen,
    and does not see its menu item."""
    client.force_login(make_user("someone", role))
    paths = [
        ("get", reverse("compliance:indicator_files"), {}),
        ("post", reverse("compliance:indicator_files"), {"file": upload(file_2570())}),
        ("post", reverse("compliance:confirm_indicator_import"), {"content": file_2570()}),
        ("post", reverse("compliance:remove_indicator_import", args=[2570]), {}),
        ("get", reverse("compliance:indicator_file", args=[2569]), {}),
    ]
    for method, path, data in paths:
        response = getattr(client, method)(path, data)
        assert response.status_code == 403, path
        assert "นำเข้าไฟล์ตัวชี้วัด ITA ของปีงบประมาณ" in response.content.decode(), path
    assert not IndicatorFile.objects.exists()
    for screen in ("wagtailadmin_home", "compliance:dashboard"):
        assert (
            reverse("compliance:indicator_files")
            not in client.get(reverse(screen)).content.decode()
        )


def test_administrators_find_the_screen_in_settings(client, administrator, in_fiscal_2570):
    client.force_login(administrator)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("compliance:indicator_files") in home
