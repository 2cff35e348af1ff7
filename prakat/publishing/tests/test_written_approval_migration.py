"""An install from before written approvals were kept step by step keeps, for each urgent
request, the approval its verbal approver owed or gave: one row for each step recorded on
their word, given when they gave it."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from prakat.agency.models import Membership, Unit
from prakat.content.models import CategoryPage
from prakat.publishing.models import PublicationRequest, WrittenApproval
from prakat.publishing.submission import RequestDetails, submit

BEFORE = ("publishing", "0008_monthly_reports_private")


def test_urgent_requests_from_before_keep_what_was_owed_and_given(committed_site, make_user):
    unit = Unit.objects.create(agency=committed_site.agency, name="งานประชาสัมพันธ์")
    requester = make_user("requester")
    head = make_user("head", first_name="วิชัย", last_name="มั่นคง")
    Membership.objects.create(user=requester, unit=unit, position="นักประชาสัมพันธ์")
    Membership.objects.create(user=head, unit=unit, position="หัวหน้างาน", is_head=True)
    news = CategoryPage.objects.get(checklist_key="pr-news")
    owed = submit(requester, news, RequestDetails(title="ด่วน ยังค้าง", urgent=True))
    given = submit(requester, news, RequestDetails(title="ด่วน อนุมัติแล้ว", urgent=True))
    plain = submit(requester, news, RequestDetails(title="ไม่ด่วน"))

    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    OldRequest = old.get_model("publishing", "PublicationRequest")
    OldDecision = old.get_model("publishing", "Decision")
    spoken = timezone.now().replace(microsecond=0) - datetime.timedelta(days=3)
    written = spoken + datetime.timedelta(days=1)
    for pk, written_at in ((owed.pk, None), (given.pk, written)):
        OldRequest.objects.filter(pk=pk).update(
            verbal_approver_id=head.pk, verbal_approved_at=spoken, written_approved_at=written_at
        )
        OldDecision.objects.create(
            request_id=pk, step="unit_head", outcome="approved", actor_id=head.pk, verbal=True
        )

    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    rows = {
        (w.request_id, w.step, w.verbal_by_id, w.given_by_id, w.given_at)
        for w in WrittenApproval.objects.all()
    }
    assert rows == {
        (owed.pk, "unit_head", head.pk, None, None),
        (given.pk, "unit_head", head.pk, head.pk, written),
    }
    assert PublicationRequest.objects.get(pk=owed.pk).owes_written_approval
    assert not PublicationRequest.objects.get(pk=given.pk).owes_written_approval
    assert not PublicationRequest.objects.get(pk=plain.pk).owes_written_approval
