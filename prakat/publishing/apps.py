from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from prakat.content.signals import site_built
from prakat.thai.text import keep_plain


class PublishingConfig(AppConfig):
    """Listed after Wagtail's apps: it replaces Wagtail's workflow e-mails, which are
    connected when Wagtail's admin app is ready."""

    name = "prakat.publishing"
    label = "publishing"
    verbose_name = _("Publication requests")

    def ready(self) -> None:
        # Models and what uses them are imported once every app is loaded.
        from wagtail.models import TaskState, WorkflowState
        from wagtail.signals import (
            task_approved,
            task_rejected,
            task_submitted,
            workflow_approved,
            workflow_rejected,
            workflow_submitted,
        )

        # Imported for what they register: signal receivers and scheduled jobs.
        from prakat.publishing import currency_notices, jobs, notifications  # noqa: F401
        from prakat.publishing.models import Decision, PublicationRequest
        from prakat.publishing.workflow import ensure_publication_workflow

        for signal, sender, uid in (
            (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
            (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),
            (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification"),
            (workflow_approved, WorkflowState, "workflow_state_approved_email_notification"),
        ):
            signal.disconnect(sender=sender, dispatch_uid=uid)

        task_submitted.connect(notifications.on_task_submitted, dispatch_uid="prakat_submitted")
        task_rejected.connect(notifications.on_task_rejected, dispatch_uid="prakat_rejected")
        task_approved.connect(notifications.on_task_approved, dispatch_uid="prakat_approved")
        workflow_approved.connect(
            notifications.on_workflow_approved,
            sender=WorkflowState,
            dispatch_uid="prakat_workflow_approved",
        )
        # Names as printed on the forms, without invisible controls (prakat.thai.text).
        keep_plain(
            PublicationRequest,
            "requester_name",
            "requester_position",
            "publisher_name",
            "publisher_position",
        )
        keep_plain(Decision, "actor_name", "actor_position")
        site_built.connect(
            lambda sender, result, **kwargs: ensure_publication_workflow(result.home),
            weak=False,
            dispatch_uid="prakat_publication_workflow",
        )
