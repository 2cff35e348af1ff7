"""The three seed agencies' configurations load and run the process as each agency does."""

import pytest
from django.core.exceptions import PermissionDenied

from prakat.agency.models import Agency
from prakat.agency.roles import Role
from prakat.content.models import CategoryPage, InformationItemPage
from prakat.demo.agencies import DEMOS
from prakat.demo.loader import load_demo
from prakat.publishing.models import Notification
from prakat.publishing.submission import RequestDetails, submit
from prakat.publishing.tests.test_workflow import act, current_step

pytestmark = pytest.mark.database_neutral


@pytest.fixture
def fresh_agency(built_site):
    """An agency nobody has configured yet, as on a new install."""
    agency = Agency.current()
    agency.name = ""
    agency.save()
    return agency


def user(name):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=name)


@pytest.mark.parametrize("key", sorted(DEMOS))
def test_each_configuration_loads_with_its_matrix_and_people(fresh_agency, key):
    demo = DEMOS[key]
    result = load_demo(key)
    agency = Agency.current()
    assert agency.name == demo.AGENCY["name"]
    assert agency.director_approval_required == demo.AGENCY["director_approval_required"]
    assert agency.responsibilities.count() == len(demo.RESPONSIBILITIES)
    assert {a.role for a in result.accounts} == set(Role)
    assert result.items_created == len(demo.ITEMS)
    # The agency's head leads its executives on the website, as its seed names the head.
    first = agency.executives.order_by("sort_order").first()
    assert (first.name, first.position) == AGENCY_HEAD[key]


# Written from the seeds: who heads each agency.
AGENCY_HEAD = {
    "kamphaeng-phet": ("ประเสริฐ รักษาดี", "ผู้อำนวยการโรงพยาบาลกำแพงเพชร"),
    "hot": ("สมชาย ใจกว้าง", "ผู้อำนวยการโรงพยาบาลฮอด"),
    "mueang-loei": ("สมพงษ์ บัวงาม", "สาธารณสุขอำเภอเมืองเลย"),
}


def test_hot_hospital_needs_the_directors_approval(fresh_agency):
    load_demo("hot")
    news = CategoryPage.objects.get(checklist_key="pr-news")
    publication_request = submit(user("requester"), news, RequestDetails(title="ข่าวโรงพยาบาลฮอด"))
    act(publication_request, user("unithead"), "approve")
    assert current_step(publication_request) == "director"
    act(publication_request, user("director"), "approve")
    assert current_step(publication_request) == "webmaster"


def test_mueang_loei_office_head_approves_every_request(fresh_agency):
    load_demo("mueang-loei")
    head = user("unithead")
    for key in ("laws", "pr-news", "procurement-plan"):
        publication_request = submit(
            user("requester"), CategoryPage.objects.get(checklist_key=key),
            RequestDetails(title=f"คำขอ {key}"),
        )  # fmt: skip
        assert Notification.objects.filter(recipient=head, request=publication_request).exists()
        act(publication_request, head, "approve")
        assert current_step(publication_request) == "webmaster"


def test_kamphaeng_phet_units_publish_their_own_categories(client, fresh_agency):
    """The hospital's table: laws by the legal unit, jobs by HR, procurement by the
    procurement unit, each with its own people; the IT centre does not publish them. One
    demo load for the three walks and the table (a demo load takes seconds)."""
    load_demo("kamphaeng-phet")
    for key, asker, head, publisher in (
        ("laws", "legal", "legalhead", "legalpub"),
        ("pr-jobs", "hr", "hrhead", "hrpub"),
        ("procurement", "procure", "procurehead", "procurepub"),
    ):
        walk_a_unit_published_category(key, asker, head, publisher)
    check_kamphaeng_phet_s_guideline_table(client)


def walk_a_unit_published_category(key: str, asker: str, head: str, publisher: str) -> None:
    category = CategoryPage.objects.get(checklist_key=key)
    publication_request = submit(
        user(asker),
        category,
        RequestDetails(title="รายการทดสอบของหน่วยงาน", source_reference="ราชกิจจานุเบกษา"),
    )
    # A rejection at the head's step comes back to the one who asked.
    act(publication_request, user(head), "reject", reason="other", detail="แก้ชื่อเรื่อง")
    assert Notification.objects.filter(recipient=user(asker), request=publication_request)
    from prakat.publishing.submission import resubmit

    fixed = RequestDetails(title="รายการทดสอบ (แก้ไข)", source_reference="ราชกิจจานุเบกษา")
    resubmit(publication_request, user(asker), fixed)
    act(publication_request, user(head), "approve")
    assert current_step(publication_request) == "webmaster"
    # The unit's publisher is told it is their turn; the IT centre's webmaster is not, and
    # may not publish it.
    assert Notification.objects.filter(recipient=user(publisher), request=publication_request)
    assert not Notification.objects.filter(
        recipient=user("webmaster"), request=publication_request
    ).exists()
    with pytest.raises(PermissionDenied):
        act(publication_request, user("webmaster"), "approve", comment="", go_live_at=None)
    # A rejection at the publishing step, then the fix, then publication by the unit.
    act(publication_request, user(publisher), "reject", reason="other", detail="ไฟล์ไม่ครบ")
    fixed = RequestDetails(title="รายการทดสอบ (ฉบับสมบูรณ์)", source_reference="ราชกิจจานุเบกษา")
    resubmit(publication_request, user(asker), fixed)
    # What changed is approved afresh; the head, who approved it, may not publish it.
    assert current_step(publication_request) == "unit_head"
    act(publication_request, user(head), "approve")
    with pytest.raises(PermissionDenied):
        act(publication_request, user(head), "approve", comment="", go_live_at=None)
    act(publication_request, user(publisher), "approve", comment="", go_live_at=None)
    item = InformationItemPage.objects.get(pk=publication_request.page_id)
    assert item.live and item.title == "รายการทดสอบ (ฉบับสมบูรณ์)"
    assert publication_request.published_by == user(publisher)

    # Their publisher may not publish another unit's category.
    news = CategoryPage.objects.get(checklist_key="pr-news")
    other = submit(user("requester"), news, RequestDetails(title="ข่าว"))
    act(other, user("unithead"), "approve")
    with pytest.raises(PermissionDenied):
        act(other, user(publisher), "approve", comment="", go_live_at=None)


def test_mueang_loei_asks_its_district_health_officer(client, fresh_agency):
    """The head of the office that runs the website approves, named as the office names it."""
    load_demo("mueang-loei")
    news = CategoryPage.objects.get(checklist_key="pr-news")
    publication_request = submit(user("requester"), news, RequestDetails(title="ข่าวรณรงค์"))
    assert publication_request.status_label == "รอสาธารณสุขอำเภอเมืองเลยพิจารณาอนุญาต"
    assert Notification.objects.filter(recipient=user("unithead"), request=publication_request)
    with pytest.raises(PermissionDenied):
        act(publication_request, user("director"), "approve")
    act(publication_request, user("unithead"), "approve")
    assert current_step(publication_request) == "webmaster"
    client.force_login(user("webmaster"))
    page = client.get(f"/admin/publishing/{publication_request.pk}/").content.decode()
    assert "สาธารณสุขอำเภอเมืองเลยพิจารณาอนุญาต" in page  # the decision's step
    guideline = client.get("/publishing-guideline/").content.decode()
    assert "หัวหน้าสำนักงานสาธารณสุขอำเภอเมืองเลย" in guideline


def test_public_guideline_page_shows_the_matrix_and_step_times(client, fresh_agency):
    load_demo("hot")
    html = client.get("/publishing-guideline/").content.decode()
    assert "วิธีการและขั้นตอนการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของโรงพยาบาลฮอด" in html
    table = html[html.index("<tbody>") :]
    laws_row = table[table.index("กฎหมาย ระเบียบ") :].split("</tr>")[0]
    assert "กลุ่มงานนิติการ" in laws_row
    assert "กลุ่มงานคุ้มครองผู้บริโภคและเภสัชสาธารณสุข" in laws_row
    assert "หัวหน้างานประชาสัมพันธ์" in html
    assert "10 นาที" in html and "30 นาที" in html and "ตลอดเวลา" in html
    assert "ผู้อำนวยการโรงพยาบาลฮอด" in html  # the director's step, required at Hot
    check_hot_s_guideline_table(html)


def check_hot_s_guideline_table(html: str) -> None:
    """Row by row as the hospital's table has it: its units in its order, its step ranges,
    and "ทุกกลุ่มงานในหน่วยงาน" where the table says so."""
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = [
        [cell.split("</td>")[0].strip() for cell in row.split("<td>")[1:]]
        for row in body.split("<tr>")[1:]
    ]
    by_topic = {row[1]: row for row in rows}
    # (topic, step range, responsible, reviewer), written from the hospital's table.
    expected = [
        ("ข้อมูลหน่วยงาน", "๒.๑ - ๒.๔",
         "งานประชาสัมพันธ์, งานข้อมูลและเทคโนโลยีสารสนเทศ, กลุ่มงานพัฒนายุทธศาสตร์",
         "หัวหน้างานข้อมูลและเทคโนโลยีสารสนเทศ, หัวหน้ากลุ่มงานพัฒนายุทธศาสตร์"),
        ("ข้อมูลข่าวสารตามพระราชบัญญัติข้อมูลข่าวสารของราชการ", "๒.๑ - ๒.๕",
         "งานประชาสัมพันธ์, งานข้อมูลและเทคโนโลยีสารสนเทศ",
         "หัวหน้างานข้อมูลและเทคโนโลยีสารสนเทศ"),
        ("คู่มือมาตรฐานการปฏิบัติงาน", "๒.๑ - ๒.๔", "ทุกกลุ่มงานในหน่วยงาน",
         "หน่วยงานเจ้าของเรื่อง"),
        ("คู่มือสำหรับประชาชน", "๒.๑ - ๒.๔",
         "กลุ่มงานทันตสาธารณสุข, กลุ่มงานคุ้มครองผู้บริโภคและเภสัชสาธารณสุข",
         "หัวหน้ากลุ่มงานทันตสาธารณสุข, หัวหน้ากลุ่มงานคุ้มครองผู้บริโภคและเภสัชสาธารณสุข"),
    ]  # fmt: skip
    for topic, steps, responsible, reviewer in expected:
        row = next(r for t, r in by_topic.items() if t.startswith(topic))
        assert steps in row[2], (topic, row[2])
        assert (row[3], row[4]) == (responsible, reviewer), topic


def check_kamphaeng_phet_s_guideline_table(client) -> None:
    """The hospital's table: who prepares and who puts each category online, row by row."""
    html = client.get("/publishing-guideline/").content.decode()
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    rows = {
        cells[1]: cells
        for cells in (
            [cell.split("</td>")[0].strip() for cell in row.split("<td>")[1:]]
            for row in body.split("<tr>")[1:]
        )
    }

    def row(topic: str) -> list[str]:
        return next(cells for title, cells in rows.items() if title.startswith(topic))

    # (topic, in its steps, responsible, puts it online), written from the hospital's table.
    expected = [
        ("รายชื่อเว็บไซต์", "นำลิงก์ขึ้นเผยแพร่ในหมวดหมู่บริการออนไลน์", "ศูนย์เทคโนโลยีสารสนเทศ",
         "ผู้ดูแลเว็บไซต์"),
        ("ข้อมูลข่าวสารตามพระราชบัญญัติ", "นำลิงก์ขึ้นเผยแพร่ในหมวดหมู่บริการออนไลน์",
         "ศูนย์เทคโนโลยีสารสนเทศ", "ผู้ดูแลเว็บไซต์"),
        ("กฎหมาย", "นิติกรนำขึ้นเผยแพร่", "กลุ่มงานนิติการ", "กลุ่มงานนิติการ"),
        ("ข่าวประชาสัมพันธ์", "ศูนย์เทคโนโลยีสารสนเทศ/งานโสตทัศนศึกษา นำข้อมูลขึ้นเผยแพร่",
         "ศูนย์เทคโนโลยีสารสนเทศ, งานโสตทัศนศึกษา", "ผู้ดูแลเว็บไซต์"),
        ("ประกาศรับสมัครงาน", "งานบุคลากรเตรียมข้อมูล", "งานบุคลากร", "งานบุคลากร"),
    ]  # fmt: skip
    for topic, steps, responsible, publishers in expected:
        cells = row(topic)
        assert steps in cells[2], (topic, cells[2])
        assert (cells[3], cells[5]) == (responsible, publishers), (topic, cells)
