"""A request's journey on the workflow engine, and the people told about each step."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import TaskState, WorkflowState

from prakat.content.models import CategoryPage, InformationItemPage
from prakat.publishing.forms import RejectForm
from prakat.publishing.models import Decision, Notification, PublicationRequest, RejectionReason
from prakat.publishing.submission import RequestDetails, resubmit, submit, withdraw
from prakat.publishing.timing import format_duration, step_times

pytestmark = pytest.mark.database_neutral


def act(publication_request, user, action, **data):
    """Do what the workflow screen does when ``user`` clicks ``action``."""
    publication_request.refresh_from_db()
    state = publication_request.workflow_state
    state.refresh_from_db()
    task_state = state.current_task_state
    task = task_state.task.specific
    task.on_action(task_state, user, action, **data)
    publication_request.refresh_from_db()
    return publication_request


def current_step(publication_request) -> str:
    state = WorkflowState.objects.get(pk=publication_request.workflow_state_id)
    return state.current_task_state.task.specific.step


def told(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("message", flat=True))


def test_submission_makes_a_draft_item_and_asks_the_unit_head(people, submitted, news):
    page = submitted.page
    assert isinstance(page, InformationItemPage)
    assert not page.live
    assert page.get_parent().pk == news.pk
    assert page.owner_unit == people.unit
    assert submitted.requester_name == "สุดา ใจดี"
    assert submitted.requester_position == "นักประชาสัมพันธ์"
    assert current_step(submitted) == "unit_head"
    assert any("ขอเชิญร่วมบริจาคโลหิต" in m for m in told(people.head))
    assert told(people.other_head) == []
    assert told(people.webmaster) == []
    assert [m.to for m in mail.outbox] == []  # sent on commit; the test's transaction is open


def test_reject_needs_a_reason_and_tells_the_requester(people, submitted):
    assert not RejectForm({"reason": ""}).is_valid()
    other = RejectForm({"reason": RejectionReason.OTHER, "detail": " "})
    assert other.errors["detail"] == ["โปรดระบุเหตุผลเมื่อเลือก “อื่น ๆ”"]
    act(submitted, people.head, "reject", reason=RejectionReason.NOT_RELATED, detail="")
    assert submitted.workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    decision = submitted.decisions.get()
    assert decision.actor_name == "วิชัย มั่นคง"
    assert decision.actor_position == "หัวหน้างานประชาสัมพันธ์"
    assert decision.reason_text == "ไม่ตรงหรือไม่เกี่ยวข้องกับภารกิจของหน่วยงาน"
    assert any("ไม่ตรงหรือไม่เกี่ยวข้องกับภารกิจของหน่วยงาน" in m for m in told(people.requester))


def test_full_journey_keeps_every_round(people, submitted):
    act(submitted, people.head, "reject", reason=RejectionReason.FILE_FORMAT, detail="ขอเป็น PDF")
    resubmit(submitted, people.requester, RequestDetails(title="ขอเชิญร่วมบริจาคโลหิต ครั้งที่ 2"))
    assert current_step(submitted) == "unit_head"
    act(submitted, people.head, "approve")
    # The agency does not require the director: straight to the webmasters.
    assert current_step(submitted) == "webmaster"
    assert any("ขอเชิญร่วมบริจาคโลหิต ครั้งที่ 2" in m for m in told(people.webmaster))
    assert told(people.director) == []
    act(submitted, people.webmaster, "approve", comment="", go_live_at=None)
    page = InformationItemPage.objects.get(pk=submitted.page_id)
    assert page.live and page.title == "ขอเชิญร่วมบริจาคโลหิต ครั้งที่ 2"
    assert page.first_published_at is not None
    assert submitted.publisher_name == "ณัฐพล ศรีสวัสดิ์"
    assert submitted.publisher_position == "นักวิชาการคอมพิวเตอร์"
    assert [(d.step, d.outcome) for d in submitted.decisions.all()] == [
        ("unit_head", "rejected"),
        ("unit_head", "approved"),
        ("webmaster", "approved"),
    ]
    messages = told(people.requester)
    assert any(page.full_url in m for m in messages)
    assert any("ขอเป็น PDF" in m for m in messages)


def test_director_approval_when_the_agency_requires_it(people, news):
    people.agency.director_approval_required = True
    people.agency.save()
    publication_request = submit(people.requester, news, RequestDetails(title="ประกาศจัดซื้อ"))
    act(publication_request, people.head, "approve")
    assert current_step(publication_request) == "director"
    assert any("ประกาศจัดซื้อ" in m for m in told(people.director))
    assert told(people.webmaster) == []
    act(publication_request, people.director, "approve")
    assert current_step(publication_request) == "webmaster"
    steps = [d.step for d in publication_request.decisions.all()]
    assert steps == ["unit_head", "director"]


def test_director_rejection_reaches_the_requester(people, news):
    people.agency.director_approval_required = True
    people.agency.save()
    publication_request = submit(people.requester, news, RequestDetails(title="ประกาศจัดซื้อ"))
    act(publication_request, people.head, "approve")
    act(
        publication_request,
        people.director,
        "reject",
        reason=RejectionReason.OTHER,
        detail="รอผลประชุม",
    )
    assert any("รอผลประชุม" in m for m in told(people.requester))


@pytest.mark.parametrize("director_approves", [False, True])
def test_a_fixed_request_is_approved_afresh_whichever_step_sent_it_back(
    people, news, director_approves
):
    """Sent back by the webmaster, the requester changes the item: the head (and, where the
    agency requires it, the director) approve the changed item before anyone publishes it."""
    people.agency.director_approval_required = director_approves
    people.agency.save()
    publication_request = submit(people.requester, news, RequestDetails(title="ประกาศรับสมัคร"))
    act(publication_request, people.head, "approve")
    if director_approves:
        act(publication_request, people.director, "approve")
    act(publication_request, people.webmaster, "reject", reason=RejectionReason.OTHER,
        detail="แนบไฟล์ผิด")  # fmt: skip
    resubmit(publication_request, people.requester, RequestDetails(title="ประกาศรับสมัคร (ฉบับแก้ไข)"))
    assert current_step(publication_request) == "unit_head"
    assert any("ประกาศรับสมัคร (ฉบับแก้ไข)" in m for m in told(people.head))
    act(publication_request, people.head, "approve")
    if director_approves:
        assert current_step(publication_request) == "director"
        act(publication_request, people.director, "approve")
    assert current_step(publication_request) == "webmaster"
    act(publication_request, people.webmaster, "approve", comment="", go_live_at=None)
    page = InformationItemPage.objects.get(pk=publication_request.page_id)
    assert page.live and page.title == "ประกาศรับสมัคร (ฉบับแก้ไข)"
    round_two = ["unit_head", "director"] if director_approves else ["unit_head"]
    assert [(d.step, d.outcome) for d in publication_request.decisions.all()] == [
        *[(step, "approved") for step in round_two],
        ("webmaster", "rejected"),
        *[(step, "approved") for step in round_two],
        ("webmaster", "approved"),
    ]


def test_resubmitting_from_wagtail_s_page_editor_also_starts_again_from_the_head(people, submitted):
    """Wagtail's page editor resumes a request at the step that sent it back; the item
    changed since the head approved it, so the head is asked first all the same."""
    act(submitted, people.head, "approve")
    act(submitted, people.webmaster, "reject", reason=RejectionReason.OTHER, detail="ไฟล์ผิด")
    state = WorkflowState.objects.get(pk=submitted.workflow_state_id)
    state.resume(user=people.requester)  # what the editor's "Resubmit" button calls
    assert current_step(submitted) == "unit_head"
    with pytest.raises(PermissionDenied):
        act(submitted, people.webmaster, "approve", comment="", go_live_at=None)
    act(submitted, people.head, "approve")
    assert current_step(submitted) == "webmaster"


def test_publishing_can_be_scheduled(people, submitted):
    import datetime

    from django.utils import timezone

    act(submitted, people.head, "approve")
    later = (timezone.now() + datetime.timedelta(days=2)).replace(microsecond=0)
    act(submitted, people.webmaster, "approve", comment="", go_live_at=later)
    page = InformationItemPage.objects.get(pk=submitted.page_id)
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at == later
    assert any("จะเผยแพร่" in m for m in told(people.requester))


def test_an_update_to_a_live_item_keeps_it_live_until_published(people, submitted):
    act(submitted, people.head, "approve")
    act(submitted, people.webmaster, "approve", comment="", go_live_at=None)
    item = InformationItemPage.objects.get(pk=submitted.page_id)
    update = submit(
        people.requester, item.get_parent().specific, RequestDetails(title="ฉบับปรับปรุง"), item=item
    )
    assert update.kind == "update"
    item.refresh_from_db()
    assert item.live and item.title == "ขอเชิญร่วมบริจาคโลหิต"
    act(update, people.head, "approve")
    act(update, people.webmaster, "approve", comment="", go_live_at=None)
    item.refresh_from_db()
    assert item.title == "ฉบับปรับปรุง"


def test_a_staff_member_outside_any_unit_is_told_why_they_cannot_ask(make_user, news):
    loner = make_user("loner")
    with pytest.raises(ValidationError) as refused:
        submit(loner, news, RequestDetails(title="ข่าว"))
    assert "ไม่ได้สังกัดกลุ่มงาน" in refused.value.messages[0]


def test_withdrawn_request_is_cancelled(people, submitted):
    withdraw(submitted, people.requester)
    submitted.workflow_state.refresh_from_db()
    assert submitted.workflow_state.status == WorkflowState.STATUS_CANCELLED
    assert not TaskState.objects.filter(
        workflow_state=submitted.workflow_state, status=TaskState.STATUS_IN_PROGRESS
    ).exists()


def test_decisions_and_requests_read_in_thai(people, submitted):
    act(submitted, people.head, "approve")
    assert PublicationRequest.objects.get().status_label.startswith("รอ")
    assert str(Decision.objects.get().get_step_display()) == "หัวหน้ากลุ่มงานอนุมัติ"


def test_each_step_is_timed_against_the_agency_standard(people, news):
    import datetime

    from django.utils import timezone

    opened = timezone.now() - datetime.timedelta(minutes=25)
    publication_request = submit(
        people.requester, news, RequestDetails(title="ข่าว", form_opened_at=opened)
    )
    act(publication_request, people.head, "approve")
    # The unit head took 45 minutes: over the agency's 30.
    head_state = TaskState.objects.filter(
        workflow_state=publication_request.workflow_state, status=TaskState.STATUS_APPROVED
    ).get()
    TaskState.objects.filter(pk=head_state.pk).update(
        finished_at=head_state.started_at + datetime.timedelta(minutes=45)
    )
    prepare, head, publish = step_times(publication_request)
    assert prepare.standard_minutes == 10 and prepare.within_standard is False
    assert format_duration(prepare.took) == "25 นาที"
    assert head.standard_minutes == 30 and head.within_standard is False
    assert format_duration(head.took) == "45 นาที"
    assert publish.standard_minutes is None and publish.within_standard is None
    assert publish.finished is None


def test_the_webmaster_files_the_item_in_the_right_category(people, submitted):
    alerts = CategoryPage.objects.get(checklist_key="pr-alerts")
    act(submitted, people.head, "approve")
    act(submitted, people.webmaster, "approve", comment="", go_live_at=None, category=alerts.pk)
    page = InformationItemPage.objects.get(pk=submitted.page_id)
    assert page.live and page.get_parent().pk == alerts.pk
    assert submitted.category_key == "pr-alerts"
