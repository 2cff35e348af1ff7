"""The agency's publication workflow, made once and attached to its site."""

from django.db import transaction
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from prakat.publishing.models import (
    DirectorApprovalTask,
    ReviewTask,
    UnitHeadApprovalTask,
    WebmasterPublishTask,
)

WORKFLOW_NAME = "การขอเผยแพร่ข้อมูลผ่านเว็บไซต์"

STEPS = (
    (UnitHeadApprovalTask, "หัวหน้ากลุ่มงานตรวจสอบและอนุมัติ"),
    (ReviewTask, "ผู้ตรวจสอบตรวจสอบข้อมูล"),
    (DirectorApprovalTask, "ผู้อำนวยการอนุมัติ"),
    (WebmasterPublishTask, "ผู้ดูแลเว็บไซต์ตรวจสอบและเผยแพร่"),
)


@transaction.atomic
def ensure_publication_workflow(home: Page) -> Workflow:
    """The publication workflow, covering every page under ``home``; idempotent."""
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    for order, (task_class, name) in enumerate(STEPS):
        task = task_class.objects.filter(name=name).first() or task_class.objects.create(name=name)
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    # Wagtail's starter workflow would otherwise still claim the tree above the home page.
    WorkflowPage.objects.exclude(page=home).filter(page__depth__lt=home.depth).delete()
    remove_wagtail_starter_workflow()
    return workflow


def remove_wagtail_starter_workflow() -> None:
    """Wagtail's first migrations make a "Moderators approval" workflow and the "Editors" and
    "Moderators" groups; unused, they only puzzle Thai staff with English names."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, WorkflowState

    starter = Workflow.objects.filter(name="Moderators approval").first()
    if starter is not None and not WorkflowState.objects.filter(workflow=starter).exists():
        tasks = list(starter.tasks)
        starter.delete()
        for task in tasks:
            if isinstance(task.specific, GroupApprovalTask) and not task.task_states.exists():
                task.delete()
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
