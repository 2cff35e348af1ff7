"""The urgent path: published first on verbal approval, the written approval owed after."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from prakat.content.models import InformationItemPage
from prakat.publishing.models import Notification
from prakat.publishing.submission import RequestDetails, confirm_written_approval, submit
from prakat.publishing.tests.test_rules import actions_of
from prakat.publishing.tests.test_workflow import act
from prakat.publishing.views import written_approvals_owed

pytestmark = pytest.mark.database_neutral


@pytest.fixture
def urgent(people, news):
    return submit(people.requester, news, RequestDetails(title="แจ้งเตือนปิดถนนด่วน", urgent=True))


def test_only_urgent_requests_offer_the_verbal_path(people, submitted, urgent):
    assert "publish_urgent" not in actions_of(submitted, people.webmaster)
    assert "publish_urgent" in actions_of(urgent, people.webmaster)
    assert "publish_urgent" not in actions_of(urgent, people.head)
    assert "publish_urgent" not in actions_of(urgent, people.director)


def verbal_choices(client, publication_request) -> str:
    page = client.get(f"/admin/publishing/{publication_request.pk}/").content.decode()
    choices = page[page.index('name="publish_urgent-verbal_approver"') :]
    return choices[: choices.index("</select>")]


def test_the_verbal_approver_is_chosen_by_thai_name_and_position(people, urgent, client):
    client.force_login(people.webmaster)
    choices = verbal_choices(client, urgent)
    assert f'<option value="{people.head.pk}">วิชัย มั่นคง, หัวหน้างานประชาสัมพันธ์</option>' in choices
    assert ">head<" not in choices  # never the username
    # Only who holds a step still open: here the unit heads alone approve, not the director.
    assert f'value="{people.director.pk}"' not in choices
    people.agency.director_approval_required = True
    people.agency.save()
    choices = verbal_choices(client, urgent)
    assert f'<option value="{people.director.pk}">ประเสริฐ รักษาดี, ผู้อำนวยการโรงพยาบาล</option>' in (
        choices
    )
    assert f'value="{people.other_head.pk}"' not in choices


def test_webmaster_publishes_on_verbal_approval_and_the_written_one_is_owed(people, urgent):
    spoken = timezone.now().replace(microsecond=0)
    act(urgent, people.webmaster, "publish_urgent", verbal_approver=people.head,
        verbal_approved_at=spoken)  # fmt: skip
    assert InformationItemPage.objects.get(pk=urgent.page_id).live
    assert urgent.verbal_approver == people.head
    assert urgent.verbal_approved_at == spoken
    assert urgent.verbal_recorded_by == people.webmaster
    assert urgent.owes_written_approval
    steps = [(d.step, d.actor_name, d.verbal) for d in urgent.decisions.all()]
    assert steps == [
        ("unit_head", "วิชัย มั่นคง", True),
        ("webmaster", "ณัฐพล ศรีสวัสดิ์", False),
    ]
    owed = Notification.objects.filter(recipient=people.head, message__contains="ลายลักษณ์อักษร")
    assert owed.exists()

    call_command("remind_written_approvals", stdout=io.StringIO())
    assert owed.count() == 2

    confirm_written_approval(urgent, people.head)
    urgent.refresh_from_db()
    assert not urgent.owes_written_approval
    assert urgent.decisions.last().detail == "อนุมัติเป็นลายลักษณ์อักษรสำหรับรายการที่เผยแพร่กรณีเร่งด่วน"


def test_the_verbal_approver_must_be_one_who_could_approve(people, urgent):
    # The director holds no step here: this agency's unit heads alone approve.
    for wrong in (people.other_head, people.requester, people.webmaster2, people.director):
        with pytest.raises(PermissionDenied, match="ต้องมาจากผู้ที่มีหน้าที่อนุมัติ"):
            act(urgent, people.webmaster, "publish_urgent", verbal_approver=wrong,
                verbal_approved_at=timezone.now())  # fmt: skip
    assert not InformationItemPage.objects.get(pk=urgent.page_id).live
    assert not urgent.decisions.exists()


def test_only_a_webmaster_takes_the_urgent_path(people, urgent):
    with pytest.raises(PermissionDenied):
        act(urgent, people.head, "publish_urgent", verbal_approver=people.director,
            verbal_approved_at=timezone.now())  # fmt: skip


@pytest.fixture
def hot_rules(people):
    """Hot Hospital's rule: the director approves every item, after the unit head."""
    people.agency.director_approval_required = True
    people.agency.save()
    return people


def test_the_head_s_word_counts_for_the_head_s_step_alone(client, hot_rules, news):
    people = hot_rules
    publication_request = submit(people.requester, news, RequestDetails(title="ด่วน", urgent=True))
    act(publication_request, people.webmaster, "publish_urgent", verbal_approver=people.head,
        verbal_approved_at=timezone.now())  # fmt: skip
    assert InformationItemPage.objects.get(pk=publication_request.page_id).live
    # Recorded for the head's step, never as the director's approval.
    assert [(d.step, d.actor_name, d.verbal) for d in publication_request.decisions.all()] == [
        ("unit_head", "วิชัย มั่นคง", True),
        ("webmaster", "ณัฐพล ศรีสวัสดิ์", False),
    ]
    owed = {(w.step, w.verbal_by) for w in publication_request.written_approvals.all()}
    assert owed == {("unit_head", people.head), ("director", None)}
    # The director is asked to approve in writing, and only the director may give it.
    assert Notification.objects.filter(
        recipient=people.director, message__contains="ผู้อำนวยการอนุมัติ"
    ).exists()
    confirm_written_approval(publication_request, people.head)
    assert publication_request.owes_written_approval
    for not_theirs in (people.head, people.webmaster, people.other_head):
        with pytest.raises(PermissionDenied, match="ผู้อำนวยการอนุมัติ"):
            confirm_written_approval(publication_request, not_theirs)
    client.force_login(people.director)
    page = client.get(f"/admin/publishing/{publication_request.pk}/").content.decode()
    assert 'value="confirm_written"' in page
    client.post(f"/admin/publishing/{publication_request.pk}/", {"action": "confirm_written"})
    assert not publication_request.owes_written_approval
    written = [(d.step, d.actor_name, d.verbal) for d in publication_request.decisions.all()][2:]
    assert written == [("unit_head", "วิชัย มั่นคง", False), ("director", "ประเสริฐ รักษาดี", False)]


def test_the_director_s_word_leaves_the_head_s_step_owed(hot_rules, news):
    people = hot_rules
    publication_request = submit(people.requester, news, RequestDetails(title="ด่วน", urgent=True))
    act(publication_request, people.webmaster, "publish_urgent", verbal_approver=people.director,
        verbal_approved_at=timezone.now())  # fmt: skip
    assert [(d.step, d.actor_name) for d in publication_request.decisions.all()] == [
        ("director", "ประเสริฐ รักษาดี"),
        ("webmaster", "ณัฐพล ศรีสวัสดิ์"),
    ]
    assert InformationItemPage.objects.get(pk=publication_request.page_id).live
    assert Notification.objects.filter(
        recipient=people.head, message__endswith="โปรดอนุมัติเป็นลายลักษณ์อักษร: หัวหน้ากลุ่มงานอนุมัติ"
    ).exists()
    # The reminder goes to each owed step's holder.
    call_command("remind_written_approvals", stdout=io.StringIO())
    reminded = Notification.objects.filter(message__startswith="เตือน")
    assert set(reminded.values_list("recipient__username", flat=True)) == {"head", "director"}


def test_only_the_step_holder_confirms_in_writing(people, urgent):
    act(urgent, people.webmaster, "publish_urgent", verbal_approver=people.head,
        verbal_approved_at=timezone.now())  # fmt: skip
    for not_theirs in (people.director, people.other_head, people.webmaster, people.requester):
        with pytest.raises(PermissionDenied):
            confirm_written_approval(urgent, not_theirs)
    assert urgent.owes_written_approval
    # Listed as owed for the one who holds the step, and for those who oversee publishing.
    assert written_approvals_owed(people.head) == [urgent]
    assert written_approvals_owed(people.webmaster) == [urgent]
    assert written_approvals_owed(people.other_head) == []
    confirm_written_approval(urgent, people.head)
    assert written_approvals_owed(people.head) == written_approvals_owed(people.webmaster) == []


# --- the publisher is never an approver of the same request -----------------------------------


@pytest.fixture
def webmaster_heading_pr(people):
    """A webmaster who also heads the requesting unit, as in a small office."""
    from prakat.agency.models import Membership

    Membership.objects.create(
        user=people.webmaster, unit=people.unit, position="รักษาการหัวหน้างาน", is_head=True
    )
    return people.webmaster


def test_a_webmaster_who_approved_as_head_does_not_also_publish(people, news, webmaster_heading_pr):
    publication_request = submit(people.requester, news, RequestDetails(title="ประกาศรับสมัคร"))
    act(publication_request, webmaster_heading_pr, "approve")  # as the unit's head
    with pytest.raises(PermissionDenied, match="ผู้เผยแพร่ต้องไม่ใช่ผู้อนุมัติคำขอเดียวกัน"):
        act(publication_request, webmaster_heading_pr, "approve", comment="", go_live_at=None)
    assert publication_request.published_at is None
    assert not InformationItemPage.objects.get(pk=publication_request.page_id).live
    # Another webmaster publishes it.
    act(publication_request, people.webmaster2, "approve", comment="", go_live_at=None)
    assert InformationItemPage.objects.get(pk=publication_request.page_id).live
    assert publication_request.published_by == people.webmaster2


def test_the_urgent_path_never_names_the_publisher_as_the_verbal_approver(
    people, urgent, webmaster_heading_pr, client
):
    client.force_login(webmaster_heading_pr)
    page = client.get(f"/admin/publishing/{urgent.pk}/").content.decode()
    choices = page[page.index('name="publish_urgent-verbal_approver"') :]
    choices = choices[: choices.index("</select>")]
    assert f'value="{people.head.pk}"' in choices
    assert f'value="{webmaster_heading_pr.pk}"' not in choices
    # Asked for anyway, it is refused, and nothing is published.
    with pytest.raises(PermissionDenied, match="การอนุญาตทางวาจาต้องมาจากผู้อื่น"):
        act(urgent, webmaster_heading_pr, "publish_urgent", verbal_approver=webmaster_heading_pr,
            verbal_approved_at=timezone.now())  # fmt: skip
    assert urgent.verbal_approver is None and urgent.published_at is None
    assert not InformationItemPage.objects.get(pk=urgent.page_id).live
