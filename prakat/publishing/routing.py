"""Who approves a request, and what each agency calls each step.

The seeds approve in three ways: the head of the requester's unit (Kamphaeng Phet), the head
of the unit that runs the website, who heads the whole office at Mueang Loei, and "the
director or the unit head" (Hot Hospital's step 2); an agency may add the director's own
approval after it (Hot). The approval step is the workflow's first task whichever way; this
module says who holds it, and the names the screens, notifications and documents give the
steps, so that Mueang Loei's staff read "สาธารณสุขอำเภอเมืองเลยพิจารณาอนุญาต", not a unit
head's step.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from prakat.agency.access import approves_every_request, headed_unit_ids
from prakat.agency.models import Agency, Approver
from prakat.agency.roles import Role, user_has_role
from prakat.publishing.choices import Step
from prakat.publishing.publishers import matrix_row


def may_approve(publication_request, user) -> bool:
    """May ``user`` take the approval step of ``publication_request``? Never its requester."""
    if not getattr(user, "is_authenticated", False) or user.pk == publication_request.requester_id:
        return False
    agency = publication_request.unit.agency
    if agency.approver == Approver.WEBSITE_UNIT_HEAD:
        return agency.website_unit_id in headed_unit_ids(user)
    if agency.approver == Approver.DIRECTOR_OR_UNIT_HEAD and user_has_role(user, Role.DIRECTOR):
        return True
    return publication_request.unit_id in headed_unit_ids(user)


def approvers(publication_request) -> QuerySet:
    """Everyone who may take the approval step, active, the requester left out."""
    User = get_user_model()
    agency = publication_request.unit.agency
    if agency.approver == Approver.WEBSITE_UNIT_HEAD:
        holders = Q(memberships__unit=agency.website_unit, memberships__is_head=True)
    else:
        holders = Q(memberships__unit=publication_request.unit, memberships__is_head=True)
        if agency.approver == Approver.DIRECTOR_OR_UNIT_HEAD:
            holders |= Q(groups__name=Role.DIRECTOR.group_name)
    return (
        User.objects.filter(holders, is_active=True)
        .exclude(pk=publication_request.requester_id)
        .distinct()
    )


def approval_states(states: QuerySet, user) -> QuerySet:
    """Of the approval step's task ``states``, those ``user`` may decide."""
    agency = Agency.current()
    route = agency.approver if agency is not None else Approver.UNIT_HEAD
    if route == Approver.WEBSITE_UNIT_HEAD:
        return states if approves_every_request(user) else states.none()
    if route == Approver.DIRECTOR_OR_UNIT_HEAD and user_has_role(user, Role.DIRECTOR):
        return states
    return states.filter(
        workflow_state__publication_request__unit__memberships__user=user,
        workflow_state__publication_request__unit__memberships__is_head=True,
    )


def approver_label(agency: Agency) -> str:
    """Who approves, as the guideline and the framework document say it."""
    if agency.approver == Approver.WEBSITE_UNIT_HEAD and agency.website_unit is not None:
        return gettext("The head of %(unit)s") % {"unit": agency.website_unit.name}
    if agency.approver == Approver.DIRECTOR_OR_UNIT_HEAD:
        return gettext("%(head)s or the head of the requester's unit") % {
            "head": agency.addressed_head
        }
    return str(Approver(agency.approver).label)


def step_name(step: str, agency: Agency | None, default: str = "") -> str:
    """What the agency calls ``step`` (a ``Step`` value) on its screens and documents: the
    agency's own name for its approval step, else who approves where that is not the
    requester's unit head, else ``default`` (the workflow task's name), else the step's."""
    if agency is not None and step == Step.UNIT_HEAD:
        if agency.approval_step_name:
            return agency.approval_step_name
        if agency.approver != Approver.UNIT_HEAD:
            return gettext("%(approver)s approves") % {"approver": approver_label(agency)}
    if default:
        return default
    return str(Step(step).label) if step in Step.values else step


def reviewing_units(publication_request) -> list:
    """The units whose heads review the request's category (the matrix's reviewer column)."""
    row = matrix_row(publication_request)
    return sorted(row.reviewing_units.all(), key=lambda unit: unit.pk) if row is not None else []


def reviews(publication_request, user) -> bool:
    """Does ``user`` head a unit that reviews the request's category?"""
    return any(unit.pk in headed_unit_ids(user) for unit in reviewing_units(publication_request))


def holds_step(publication_request, step: str, user) -> bool:
    """May ``user`` approve ``publication_request`` at ``step``? Never its requester or its
    publisher."""
    if user.pk in (publication_request.requester_id, publication_request.published_by_id):
        return False
    if step == Step.UNIT_HEAD:
        return may_approve(publication_request, user)
    if step == Step.REVIEWER:
        return reviews(publication_request, user)
    if step == Step.DIRECTOR:
        return user_has_role(user, Role.DIRECTOR)
    return False


def holders(publication_request, step: str) -> QuerySet:
    """Everyone active who holds ``step`` of the request (as ``holds_step`` asks of one
    person), in one query: who is asked to act on it, or owes its written approval."""
    User = get_user_model()
    if step == Step.UNIT_HEAD:
        people = approvers(publication_request)
    elif step == Step.REVIEWER:
        people = User.objects.filter(
            memberships__unit__in=reviewing_units(publication_request),
            memberships__is_head=True,
            is_active=True,
        )
    elif step == Step.DIRECTOR:
        people = User.objects.filter(groups__name=Role.DIRECTOR.group_name, is_active=True)
    else:
        people = User.objects.none()
    never = [publication_request.requester_id, publication_request.published_by_id]
    return people.exclude(pk__in=[pk for pk in never if pk is not None]).distinct()


def open_approval_steps(publication_request) -> list[str]:
    """The approval steps the request has still to pass: from its current step, the
    reviewer's where its category has one, the director's where the agency requires it."""
    state = publication_request.workflow_state
    task_state = state.current_task_state if state is not None else None
    step = getattr(task_state.task.specific, "step", "") if task_state is not None else ""
    order = [Step.UNIT_HEAD]
    if reviewing_units(publication_request):
        order.append(Step.REVIEWER)
    if publication_request.unit.agency.director_approval_required:
        order.append(Step.DIRECTOR)
    return order[order.index(step) :] if step in order else []
