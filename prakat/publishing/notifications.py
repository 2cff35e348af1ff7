"""Telling the people of a request what happened to it: in the admin and by e-mail.

Wagtail's own workflow e-mails go to every moderator and miss rejections in a later step;
they are switched off (see ``apps.py``) and these go to the requester, the right unit head,
the director when required, and the webmasters when it is their turn.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.models import TaskState

from prakat.agency.models import display_name, position_of
from prakat.publishing import routing
from prakat.publishing.models import Notification, PublicationRequest
from prakat.publishing.publishers import publishers
from prakat.thai.dates import format_datetime


def reviewers_for(task, publication_request: PublicationRequest) -> list:
    """Who acts on ``publication_request`` at ``task``: never the requester."""
    if task.step == "webmaster":
        people = publishers(publication_request)
    else:
        people = routing.holders(publication_request, task.step)
    return list(people.exclude(pk=publication_request.requester_id).distinct())


def _actor(user) -> str:
    if user is None:
        return ""
    position = position_of(user)
    return f"{display_name(user)} ({position})" if position else display_name(user)


def on_task_submitted(sender, instance: TaskState, user=None, **kwargs) -> None:
    task = instance.task.specific
    if not hasattr(task, "step"):
        return
    publication_request = PublicationRequest.for_workflow_state(instance.workflow_state)
    if publication_request is None:
        return
    message = _("“%(title)s” from %(requester)s, %(unit)s, waits for you: %(step)s") % {
        "title": publication_request,
        "requester": publication_request.requester_name,
        "unit": publication_request.unit,
        "step": routing.step_name(task.step, publication_request.unit.agency, task.name),
    }
    Notification.send(
        reviewers_for(task, publication_request), message, publication_request=publication_request
    )


def on_task_rejected(sender, instance: TaskState, user=None, **kwargs) -> None:
    publication_request = PublicationRequest.for_workflow_state(instance.workflow_state)
    if publication_request is None:
        return
    decision = publication_request.decisions.filter(task_state=instance).last()
    reason = decision.reason_text if decision else instance.comment
    message = _(
        "“%(title)s” was sent back for changes by %(actor)s. Reason: %(reason)s. "
        "Fix it and send it again."
    ) % {"title": publication_request, "actor": _actor(user), "reason": reason}
    Notification.send(
        [publication_request.requester], message, publication_request=publication_request
    )


def on_task_approved(sender, instance: TaskState, user=None, **kwargs) -> None:
    task = instance.task.specific
    if getattr(task, "step", "") in ("", "webmaster"):
        return  # publication has its own message, with the public link
    publication_request = PublicationRequest.for_workflow_state(instance.workflow_state)
    if publication_request is None:
        return
    message = _("“%(title)s” was approved by %(actor)s at the step: %(step)s") % {
        "title": publication_request,
        "actor": _actor(user),
        "step": routing.step_name(task.step, publication_request.unit.agency),
    }
    Notification.send(
        [publication_request.requester], message, publication_request=publication_request
    )


def on_workflow_approved(sender, instance, user=None, **kwargs) -> None:
    publication_request = PublicationRequest.for_workflow_state(instance)
    if publication_request is None:
        return
    page = publication_request.page.specific
    page.refresh_from_db()
    scheduled_for = page.get_latest_revision().approved_go_live_at
    if scheduled_for:
        message = _("“%(title)s” is approved and will be published on %(when)s") % {
            "title": publication_request,
            "when": format_datetime(scheduled_for),
        }
        Notification.send(
            [publication_request.requester], message, publication_request=publication_request
        )
        return
    message = _("“%(title)s” is published by %(actor)s: %(url)s") % {
        "title": publication_request,
        "actor": _actor(user),
        "url": page.full_url,
    }
    Notification.send(
        [publication_request.requester],
        message,
        publication_request=publication_request,
        url=page.full_url or "",
    )
