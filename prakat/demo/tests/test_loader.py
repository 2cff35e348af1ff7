import re
import stat

from wagtail.models import Page

from prakat.agency.models import Unit
from prakat.agency.roles import Role
from prakat.content.checklist import load_checklist
from prakat.content.models import CategoryPage, InformationItemPage
from prakat.demo.loader import load_demo, write_accounts_file
from prakat.publishing.models import PublicationRequest


def test_demo_agency_has_units_people_and_real_items(built_site, tmp_path):
    result = load_demo()
    assert Unit.objects.filter(agency=result.agency).count() >= 6
    assert {a.role for a in result.accounts} == set(Role)
    passwords = [a.password for a in result.accounts]
    assert all(passwords) and len(set(passwords)) == len(passwords)
    assert len([a for a in result.accounts if a.role is Role.WEBMASTER]) >= 2

    home = result.agency.site.root_page
    for entry in load_checklist().top():
        top = CategoryPage.objects.get(checklist_key=entry.key)
        items = InformationItemPage.objects.descendant_of(top).live()
        assert items.exists(), entry.key
        document = items.first().attachments.first().document
        with document.open_file() as f:
            assert f.read(5) == b"%PDF-", entry.key
        assert document.filename.endswith(".pdf")
    news = CategoryPage.objects.get(checklist_key="pr-news")
    assert InformationItemPage.objects.child_of(news).live().count() >= 2

    statuses = {r.status_label for r in PublicationRequest.objects.all()}
    assert statuses == {
        "ส่งกลับแก้ไข",
        "รอผู้ดูแลเว็บไซต์ตรวจสอบและเผยแพร่",
        "รอหัวหน้ากลุ่มงานตรวจสอบและอนุมัติ",
    }
    assert InformationItemPage.objects.descendant_of(home).live().count() == result.items_created

    executives = list(result.agency.executives.all())
    assert executives[0].position == "ผู้อำนวยการโรงพยาบาลกำแพงเพชร"
    assert all(e.missing_fields() == [] for e in executives)


def test_loading_twice_adds_nothing_and_keeps_passwords(built_site, tmp_path):
    accounts_file = tmp_path / "demo-accounts.txt"
    first = load_demo()
    write_accounts_file(accounts_file, first)
    pages = Page.objects.count()
    second = load_demo()
    write_accounts_file(accounts_file, second)
    assert second.items_created == 0
    assert all(a.password is None for a in second.accounts)
    assert Page.objects.count() == pages
    assert second.agency.executives.count() == first.agency.executives.count()
    lines = accounts_file.read_text(encoding="utf-8").splitlines()
    assert {line.split("\t")[1] for line in lines} == {a.password for a in first.accounts}
    assert stat.S_IMODE(accounts_file.stat().st_mode) == 0o600


def test_the_command_prints_the_accounts_and_no_e_mail(committed_site, tmp_path, settings, capsys):
    # Committed, as `make run` loads it: the notifications go out as each step commits.
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    # As `make run` runs it: e-mail goes to the console.
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    out = io.StringIO()
    call_command("load_demo", accounts_file=str(tmp_path / "demo-accounts.txt"), stdout=out)
    printed = out.getvalue() + capsys.readouterr().out
    lines = printed.splitlines()
    assert lines[0].startswith("หน่วยงานตัวอย่าง: โรงพยาบาลทดสอบ (เพิ่มรายการข้อมูลข่าวสาร ")
    assert re.fullmatch(r"อีเมลแจ้งเตือนของข้อมูลตัวอย่าง \(\d+ ฉบับ\) ไม่ได้ส่งออกไปจริง", lines[1])
    assert lines[2].startswith("บัญชีผู้ใช้ตัวอย่าง")
    assert lines[3].startswith("requester\t")
    assert "Content-Type" not in printed and "Subject:" not in printed
    # Three lines of heading, one line an account, and two of how to sign in, nothing else.
    accounts = [line for line in lines[3:-2] if line]
    assert len(accounts) == get_user_model().objects.count()
    assert all(line.count("\t") >= 4 for line in accounts)
