"""The director's approval of general pages, where the agency asks for it.

A general page (services, clinics, hours) is the agency speaking to the public, as much as an
information item is; some agencies want their director to approve it before it goes up
(``Agency.general_pages_need_approval``). Then the page goes through Wagtail's own workflow
of one group approval, by the director's group, and is published when approved (the workflow's
end publishes the approved revision, as it does for a publication request). Otherwise general
pages have no workflow: webmasters publish them, and Wagtail logs it.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from prakat.agency.models import Agency
from prakat.agency.roles import Role

# Stored names: fixed Thai strings, found again by them.
WORKFLOW_NAME = "การอนุมัติหน้าทั่วไป"
TASK_NAME = "ผู้อำนวยการอนุมัติหน้าทั่วไป"


def needs_approval(page) -> bool:
    """Does the agency of ``page`` ask for its director's approval of general pages?"""
    site = page.get_site() if page.pk else None
    agency = Agency.for_site(site) if site is not None else Agency.current()
    return agency is not None and agency.general_pages_need_approval


def general_page_workflow() -> Workflow:
    """The one-step workflow of the director's approval, made the first time it is needed."""
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    directors = Group.objects.filter(name=Role.DIRECTOR.group_name).first()
    if directors is not None and not task.groups.filter(pk=directors.pk).exists():
        task.groups.add(directors)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow
