"""Who approves, as each seed agency's guideline says: the requester's unit head (Kamphaeng
Phet), the head of the unit that runs the website (Mueang Loei, Hot's announcement), or the
director or the unit head (Hot's step 2); and units that may ask only for their own
categories."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from prakat.agency.models import Approver, Membership, Responsibility, Unit
from prakat.agency.roles import Role
from prakat.content.models import CategoryPage
from prakat.publishing.submission import RequestDetails, submit
from prakat.publishing.tests.test_workflow import act, current_step, told

pytestmark = pytest.mark.database_neutral


@pytest.fixture
def it_head(people, make_user):
    """The head of the IT centre, the unit that runs the website."""
    user = make_user("ithead", Role.UNIT_HEAD, first_name="ธีรวัฒน์", last_name="ปลอดภัย")
    it = Unit.objects.get(name="ศูนย์เทคโนโลยีสารสนเทศ")
    Membership.objects.create(user=user, unit=it, position="หัวหน้าศูนย์เทคโนโลยีสารสนเทศ",
                              is_head=True)  # fmt: skip
    people.agency.approver = Approver.WEBSITE_UNIT_HEAD
    people.agency.website_unit = it
    people.agency.save()
    return user


def ask(people, title="ประกาศรับสมัครงาน"):
    return submit(
        people.requester,
        CategoryPage.objects.get(checklist_key="pr-news"),
        RequestDetails(title=title, summary="รายละเอียด"),
    )


def test_the_head_of_the_unit_that_runs_the_website_approves(client, people, it_head):
    publication_request = ask(people)
    # Asked of the IT centre's head, not of the requester's own unit head.
    assert any("ประกาศรับสมัครงาน" in m for m in told(it_head))
    assert told(people.head) == []
    assert publication_request.status_label == "รอหัวหน้าศูนย์เทคโนโลยีสารสนเทศ อนุมัติ"
    with pytest.raises(PermissionDenied):
        act(publication_request, people.head, "approve")
    client.force_login(it_head)
    url = reverse("publishing:request_detail", args=[publication_request.pk])
    html = client.get(url).content.decode()
    assert 'value="approve"' in html
    client.post(url, {"action": "approve"})
    assert current_step(publication_request) == "webmaster"
    decision = publication_request.decisions.get()
    assert (decision.actor, decision.step_name) == (
        it_head,
        "หัวหน้าศูนย์เทคโนโลยีสารสนเทศ อนุมัติ",
    )
    # The guideline says who approves.
    assert "หัวหน้าศูนย์เทคโนโลยีสารสนเทศ" in client.get("/publishing-guideline/").content.decode()
    # Where the unit heads approve instead, the IT head no longer reads other units' requests.
    people.agency.approver = Approver.UNIT_HEAD
    people.agency.save()
    client.force_login(it_head)  # a new request: what the person may read is read afresh
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("approver", ["head", "director"])
def test_the_director_or_the_unit_head_approves(people, approver):
    people.agency.approver = Approver.DIRECTOR_OR_UNIT_HEAD
    people.agency.save()
    publication_request = ask(people)
    # Both are asked; another unit's head is not, and may not approve.
    assert any("ประกาศรับสมัครงาน" in m for m in told(people.head))
    assert any("ประกาศรับสมัครงาน" in m for m in told(people.director))
    assert told(people.other_head) == []
    with pytest.raises(PermissionDenied):
        act(publication_request, people.other_head, "approve")
    act(publication_request, getattr(people, approver), "approve")
    # One of them is enough: the agency does not also require the director's own step.
    assert current_step(publication_request) == "webmaster"


def test_the_agency_names_its_approval_step(people):
    people.agency.approval_step_name = "หัวหน้างานตรวจสอบและลงนามรับรอง"
    people.agency.save()
    publication_request = ask(people)
    assert publication_request.status_label == "รอหัวหน้างานตรวจสอบและลงนามรับรอง"
    assert any("หัวหน้างานตรวจสอบและลงนามรับรอง" in m for m in told(people.head))


def test_the_website_unit_must_be_chosen_when_its_head_approves(people):
    people.agency.approver = Approver.WEBSITE_UNIT_HEAD
    with pytest.raises(ValidationError) as refused:
        people.agency.full_clean()
    assert refused.value.message_dict["website_unit"] == [
        "เลือกหน่วยงานที่รับผิดชอบดูแลเว็บไซต์ เพราะหัวหน้าหน่วยงานนั้นเป็นผู้อนุมัติคำขอ"
    ]


@pytest.fixture
def own_categories_only(people):
    legal = Unit.objects.get(name="กลุ่มงานนิติการ")
    laws = Responsibility.objects.create(agency=people.agency, category_key="laws")
    laws.responsible_units.set([legal])
    people.agency.requests_own_categories_only = True
    people.agency.save()
    return legal


REFUSAL = (
    "แต่ละหน่วยงานขอเผยแพร่ได้เฉพาะหมวดหมู่ที่ตารางผู้รับผิดชอบกำหนดให้ "
    "หมวดหมู่ “กฎหมาย ระเบียบ ข้อบังคับที่เกี่ยวข้องกับหน่วยงาน” เป็นของกลุ่มงานนิติการ "
    "ไม่ใช่ของงานประชาสัมพันธ์"
)


def test_a_unit_asks_only_for_its_own_categories(client, people, own_categories_only):
    laws = CategoryPage.objects.get(checklist_key="laws")
    with pytest.raises(ValidationError) as refused:
        submit(people.requester, laws, RequestDetails(title="ระเบียบ", source_reference="ก"))
    assert refused.value.messages == [REFUSAL]
    # Through the form: the rule is named beside the category, what was typed is kept.
    client.force_login(people.requester)
    response = client.post(
        reverse("publishing:request_new"),
        {"category": laws.pk, "title": "ระเบียบการลาของเจ้าหน้าที่", "summary": "สรุปสาระสำคัญ",
         "source_reference": "ระเบียบกระทรวง"},
    )  # fmt: skip
    html = response.content.decode()
    assert REFUSAL in html
    assert 'value="ระเบียบการลาของเจ้าหน้าที่"' in html
    # A category the matrix gives to no unit stays open; the legal unit asks for laws.
    assert ask(people).pk
    legal_officer = Membership.objects.create(
        user=people.requester.__class__.objects.create_user("legalofficer"),
        unit=own_categories_only,
        position="นิติกร",
    ).user
    assert submit(legal_officer, laws, RequestDetails(title="ระเบียบ", source_reference="ก")).pk


def test_without_the_rule_any_unit_asks_for_any_category(people, own_categories_only):
    people.agency.requests_own_categories_only = False
    people.agency.save()
    laws = CategoryPage.objects.get(checklist_key="laws")
    assert submit(people.requester, laws, RequestDetails(title="ระเบียบ", source_reference="ก")).pk
