"""Staff listings ask the rights: Wagtail's permission questions answered from the matrix."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from wagtail import hooks

from prakat.agency.roles import Role
from prakat.agency.viewsets import EVERY_STAFF_MEMBER, RightPermissionPolicy
from prakat.publishing.models import MonthlyReport, Notification, PublicationRequest
from prakat.schedule.models import JobRun

pytestmark = pytest.mark.database_neutral


def test_wagtail_s_questions_about_a_listing_are_answered_from_the_rights(built_site, make_user):
    people = {role: make_user(role.value, role) for role in Role}
    jobs = RightPermissionPolicy(JobRun, {"view": "agency.view_jobs"})
    # The holders of the right as a new install starts, written out from the matrix.
    holders = {Role.WEBMASTER, Role.AUDITOR, Role.ADMINISTRATOR}
    for role, person in people.items():
        assert jobs.user_has_permission(person, "view") == (role in holders), role
        # A listing adds, changes and deletes nothing, whatever model permissions exist.
        assert not jobs.user_has_any_permission(person, ["add", "change", "delete"]), role
    assert set(jobs.users_with_any_permission(["view"])) == {people[r] for r in holders}
    assert not jobs.users_with_any_permission(["delete"]).exists()

    requests = RightPermissionPolicy(
        PublicationRequest, {"view": EVERY_STAFF_MEMBER, "add": EVERY_STAFF_MEMBER}
    )
    assert requests.user_has_permission(people[Role.REQUESTER], "add")
    assert not requests.user_has_permission(people[Role.REQUESTER], "change")
    assert set(requests.users_with_any_permission(["view"])) == set(people.values())
    people[Role.REQUESTER].is_active = False
    assert not requests.user_has_permission(people[Role.REQUESTER], "view")


def test_the_listings_put_no_model_permissions_in_the_group_editor(db):
    registered = Permission.objects.none()
    for hook in hooks.get_hooks("register_permissions"):
        registered |= hook()
    listed = ContentType.objects.get_for_models(
        PublicationRequest, Notification, MonthlyReport, JobRun
    ).values()
    assert not registered.filter(content_type__in=listed).exists()
    # …while the rights that rule the listings are there to adjust.
    assert registered.filter(content_type__app_label="agency", codename="view_jobs").exists()
