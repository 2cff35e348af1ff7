"""The reviewer column of the seeds' tables as a real step: a head of the category's reviewing
units checks the approved information before it is published; skipped where the category
has none, or where the approver heads one of them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from prakat.agency.models import Membership, Responsibility, Unit
from prakat.agency.roles import Role
from prakat.content.models import InformationItemPage
from prakat.publishing.models import RejectionReason
from prakat.publishing.printing import request_form_pdf
from prakat.publishing.submission import RequestDetails, confirm_written_approval, resubmit, submit
from prakat.publishing.tests.test_printing import text_of
from prakat.publishing.tests.test_workflow import act, current_step, told

pytestmark = pytest.mark.database_neutral


@pytest.fixture
def it_reviews_news(people, make_user):
    """The public-relations row names the IT centre as reviewer; its head reviews."""
    it = Unit.objects.get(name="ศูนย์เทคโนโลยีสารสนเทศ")
    reviewer = make_user("ithead", Role.UNIT_HEAD, first_name="ธีรวัฒน์", last_name="ปลอดภัย")
    Membership.objects.create(user=reviewer, unit=it, position="หัวหน้าศูนย์เทคโนโลยีสารสนเทศ",
                              is_head=True)  # fmt: skip
    row = Responsibility.objects.create(agency=people.agency, category_key="public-relations")
    row.reviewing_units.set([it])
    return reviewer


def test_the_reviewer_checks_after_the_approval_and_before_publishing(
    people, news, it_reviews_news
):
    reviewer = it_reviews_news
    publication_request = submit(people.requester, news, RequestDetails(title="ข่าวรณรงค์"))
    act(publication_request, people.head, "approve")
    assert current_step(publication_request) == "reviewer"
    assert publication_request.status_label == "รอผู้ตรวจสอบตรวจสอบข้อมูล"
    assert any("ข่าวรณรงค์" in m for m in told(reviewer))
    # Nobody else checks it, and nobody publishes it before.
    for other in (people.head, people.other_head, people.webmaster):
        with pytest.raises(PermissionDenied):
            act(publication_request, other, "approve", comment="", go_live_at=None)
    act(publication_request, reviewer, "approve")
    assert current_step(publication_request) == "webmaster"
    # The reviewer checked it, so the reviewer does not publish it.
    with pytest.raises(PermissionDenied):
        act(publication_request, reviewer, "approve", comment="", go_live_at=None)
    act(publication_request, people.webmaster, "approve", comment="", go_live_at=None)
    assert InformationItemPage.objects.get(pk=publication_request.page_id).live
    steps = [(d.step, d.actor_name) for d in publication_request.decisions.all()]
    assert steps == [
        ("unit_head", "วิชัย มั่นคง"),
        ("reviewer", "ธีรวัฒน์ ปลอดภัย"),
        ("webmaster", "ณัฐพล ศรีสวัสดิ์"),
    ]
    assert "ธีรวัฒน์ ปลอดภัย" in text_of(request_form_pdf(publication_request))


def test_the_guideline_names_the_review_and_who_does_it(client, people, it_reviews_news):
    html = client.get("/publishing-guideline/").content.decode()
    assert "ตรวจสอบข้อมูลที่อนุมัติแล้ว" in html  # the step, with its time standard
    assert "หัวหน้าศูนย์เทคโนโลยีสารสนเทศ" in html  # the reviewer column, from the units


def test_a_review_sent_back_is_approved_afresh(people, news, it_reviews_news):
    publication_request = submit(people.requester, news, RequestDetails(title="ข่าวรณรงค์"))
    act(publication_request, people.head, "approve")
    act(publication_request, it_reviews_news, "reject", reason=RejectionReason.OTHER,
        detail="ภาพไม่ชัด")  # fmt: skip
    assert any("ภาพไม่ชัด" in m for m in told(people.requester))
    resubmit(publication_request, people.requester, RequestDetails(title="ข่าวรณรงค์ (แก้ไข)"))
    assert current_step(publication_request) == "unit_head"
    act(publication_request, people.head, "approve")
    assert current_step(publication_request) == "reviewer"


def test_no_review_where_the_approver_reviews_or_nobody_is_named(people, news, it_reviews_news):
    row = Responsibility.objects.get(category_key="public-relations")
    row.reviewing_units.set([people.unit])  # the requester's own unit: its head approved
    publication_request = submit(people.requester, news, RequestDetails(title="ข่าวรณรงค์"))
    act(publication_request, people.head, "approve")
    assert current_step(publication_request) == "webmaster"
    row.reviewing_units.clear()
    other = submit(people.requester, news, RequestDetails(title="ข่าวกีฬาสี"))
    act(other, people.head, "approve")
    assert current_step(other) == "webmaster"


def test_on_the_urgent_path_the_review_is_owed_in_writing(people, news, it_reviews_news):
    publication_request = submit(
        people.requester, news, RequestDetails(title="แจ้งเตือนด่วน", urgent=True)
    )
    act(publication_request, people.webmaster, "publish_urgent", verbal_approver=people.head,
        verbal_approved_at=timezone.now())  # fmt: skip
    assert InformationItemPage.objects.get(pk=publication_request.page_id).live
    owed = {(w.step, w.verbal_by) for w in publication_request.written_approvals.all()}
    assert owed == {("unit_head", people.head), ("reviewer", None)}
    with pytest.raises(PermissionDenied):
        confirm_written_approval(publication_request, people.other_head)
    confirm_written_approval(publication_request, people.head)
    confirm_written_approval(publication_request, it_reviews_news)
    assert not publication_request.owes_written_approval


def test_an_existing_install_gets_the_review_step_in_its_place(built_site):
    """The migration puts the step after the unit head's in a workflow made before it."""
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import Workflow, WorkflowTask

    from prakat.publishing.models import ReviewTask
    from prakat.publishing.workflow import WORKFLOW_NAME

    migration = import_module("prakat.publishing.migrations.0011_reviewer_step")
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    # The workflow as an install had it: head, director, webmaster.
    WorkflowTask.objects.filter(workflow=workflow, task__in=ReviewTask.objects.all()).delete()
    ReviewTask.objects.all().delete()
    for order, step in enumerate(
        WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order")
    ):
        step.sort_order = order
        step.save()
    migration.add_the_review_step(apps, None)
    steps = WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order")
    assert [type(step.task.specific).__name__ for step in steps] == [
        "UnitHeadApprovalTask",
        "ReviewTask",
        "DirectorApprovalTask",
        "WebmasterPublishTask",
    ]
