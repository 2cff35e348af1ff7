"""Server-side rules of the request, each tried by someone who should not get through."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import close_old_connections
from wagtail.models import PageLogEntry, TaskState

from prakat.agency.models import Membership, Unit
from prakat.agency.roles import Role
from prakat.content.models import CategoryPage, InformationItemPage
from prakat.publishing.models import Decision, RejectionReason
from prakat.publishing.submission import RequestDetails, submit, withdraw
from prakat.publishing.tests.test_workflow import act, current_step


def actions_of(publication_request, user) -> list[str]:
    publication_request.refresh_from_db()
    task = publication_request.workflow_state.current_task_state.task.specific
    return [name for name, _label, _modal in task.get_actions(publication_request.page, user)]


def test_nobody_approves_their_own_request(people, news):
    # The unit head asks to publish something of their own unit.
    own = submit(people.head, news, RequestDetails(title="ข่าวของหัวหน้า"))
    assert actions_of(own, people.head) == []
    with pytest.raises(PermissionDenied):
        act(own, people.head, "approve")
    assert not own.decisions.exists()


def test_a_unit_head_approves_only_requests_of_their_own_unit(people, submitted):
    assert actions_of(submitted, people.other_head) == []
    with pytest.raises(PermissionDenied):
        act(submitted, people.other_head, "approve")
    with pytest.raises(PermissionDenied):
        act(submitted, people.other_head, "reject", reason=RejectionReason.NOT_RELATED)
    assert current_step(submitted) == "unit_head"


def test_only_webmasters_publish(people, submitted):
    act(submitted, people.head, "approve")
    for outsider in (people.head, people.director, people.requester, people.other_head):
        assert actions_of(submitted, outsider) == []
        with pytest.raises(PermissionDenied):
            act(submitted, outsider, "approve", comment="", go_live_at=None)
    assert not InformationItemPage.objects.get(pk=submitted.page_id).live


def test_items_cannot_be_published_from_the_editor_by_anyone(people, submitted, client):
    page = InformationItemPage.objects.get(pk=submitted.page_id)
    assert not page.permissions_for_user(people.webmaster).can_publish()
    people.webmaster.is_superuser = True
    people.webmaster.save()
    assert not page.permissions_for_user(people.webmaster).can_publish()
    client.force_login(people.webmaster)
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        {"title": page.title, "slug": page.slug, "owner_unit": page.owner_unit_id,
         "action-publish": "action-publish", "attachments-TOTAL_FORMS": "0", "album-count": "0",
         "attachments-INITIAL_FORMS": "0", "attachments-MIN_NUM_FORMS": "0",
         "attachments-MAX_NUM_FORMS": "1000",
         "body": '{"blocks": [], "entityMap": {}}'},
    )  # fmt: skip
    assert not InformationItemPage.objects.get(pk=page.pk).live


def test_a_rejected_request_cannot_be_published(people, submitted):
    act(submitted, people.head, "reject", reason=RejectionReason.FILE_FORMAT)
    task_state = submitted.workflow_state.current_task_state
    webmaster_task = TaskState.objects.get(pk=task_state.pk).task.specific
    with pytest.raises(PermissionDenied):
        webmaster_task.on_action(task_state, people.webmaster, "approve")
    assert not InformationItemPage.objects.get(pk=submitted.page_id).live


def test_a_withdrawn_request_cannot_be_published(people, submitted):
    act(submitted, people.head, "approve")
    withdraw(submitted, people.requester)
    submitted.workflow_state.refresh_from_db()
    task_state = submitted.workflow_state.current_task_state
    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(
            task_state, people.webmaster, "approve", comment="", go_live_at=None
        )
    assert not InformationItemPage.objects.get(pk=submitted.page_id).live


def test_a_stranger_cannot_withdraw_or_fix_a_request(people, submitted):
    with pytest.raises(PermissionDenied):
        withdraw(submitted, people.webmaster)


def test_two_webmasters_publishing_at_once_publish_once(committed_site, make_user):
    """Two people press "publish" on the same request at the same moment."""

    site = committed_site
    unit = Unit.objects.create(agency=site.agency, name="งานประชาสัมพันธ์")
    requester = make_user("rq", Role.REQUESTER)
    head = make_user("hd", Role.UNIT_HEAD)
    Membership.objects.create(user=requester, unit=unit, position="นักประชาสัมพันธ์")
    Membership.objects.create(user=head, unit=unit, position="หัวหน้างาน", is_head=True)
    webmasters = [make_user(f"wm{i}", Role.WEBMASTER) for i in range(2)]
    news = CategoryPage.objects.get(checklist_key="pr-news")
    publication_request = submit(requester, news, RequestDetails(title="ข่าวพร้อมกัน"))
    act(publication_request, head, "approve")
    task_state = publication_request.workflow_state.current_task_state
    task = task_state.task.specific

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def publish(user):
        try:
            barrier.wait(timeout=10)
            task.on_action(TaskState.objects.get(pk=task_state.pk), user, "approve",
                           comment="", go_live_at=None)  # fmt: skip
            outcomes.append("published")
        except PermissionDenied:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=publish, args=(w,)) for w in webmasters]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["published", "refused"]
    assert Decision.objects.filter(request=publication_request, step="webmaster").count() == 1
    publishes = PageLogEntry.objects.filter(
        page_id=publication_request.page_id, action="wagtail.publish"
    )
    assert publishes.count() == 1


def test_approve_and_reject_at_once_leave_one_outcome(committed_site, make_user):
    site = committed_site
    unit = Unit.objects.create(agency=site.agency, name="งานประชาสัมพันธ์")
    requester = make_user("rq", Role.REQUESTER)
    heads = [make_user(f"hd{i}", Role.UNIT_HEAD) for i in range(2)]
    Membership.objects.create(user=requester, unit=unit, position="นักประชาสัมพันธ์")
    for h in heads:
        Membership.objects.create(user=h, unit=unit, position="หัวหน้างาน", is_head=True)
    news = CategoryPage.objects.get(checklist_key="pr-news")
    publication_request = submit(requester, news, RequestDetails(title="ข่าวพร้อมกัน"))
    task_state = publication_request.workflow_state.current_task_state
    task = task_state.task.specific
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(user, action, extra):
        try:
            barrier.wait(timeout=10)
            task.on_action(TaskState.objects.get(pk=task_state.pk), user, action, **extra)
            outcomes.append(action)
        except PermissionDenied:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [
        threading.Thread(target=decide, args=(heads[0], "approve", {})),
        threading.Thread(target=decide, args=(heads[1], "reject",
                                              {"reason": RejectionReason.NOT_RELATED})),
    ]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert "refused" in outcomes and len(outcomes) == 2
    decisions = Decision.objects.filter(request=publication_request)
    assert decisions.count() == 1
    state = TaskState.objects.get(pk=task_state.pk)
    assert state.status == ("approved" if decisions.get().outcome == "approved" else "rejected")
