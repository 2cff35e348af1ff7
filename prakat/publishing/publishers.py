"""Who publishes a request: the webmasters, or the category's own unit where the agency's
responsibility matrix says so (laws by the legal unit, jobs by HR), with or without the
webmasters beside it, as the agency chooses."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from prakat.agency.access import unit_ids_of
from prakat.agency.models import Responsibility
from prakat.agency.roles import Role, user_has_role
from prakat.content import site_version
from prakat.publishing.choices import Outcome, Step


def matrix_rows(agency) -> dict[str, Responsibility]:
    """The agency's responsibility matrix by category key, its units read with it; kept per
    site version (a change to the matrix moves it on): every request waiting is checked
    against it on the dashboard and the lists."""

    def rows() -> dict[str, Responsibility]:
        chosen = Responsibility.objects.filter(agency=agency).prefetch_related(
            "agency__units", "responsible_units", "reviewing_units"
        )
        return {row.category_key: row for row in chosen}

    return site_version.remembered(("responsibility matrix", agency.pk), rows)


def matrix_row(publication_request) -> Responsibility | None:
    """The most specific row for the request's category, as ``responsibility_for`` finds it."""
    rows = matrix_rows(publication_request.unit.agency)
    for key in reversed(publication_request.category_keys()):
        if key in rows:
            return rows[key]
    return None


def webmasters_publish(row: Responsibility | None) -> bool:
    return row is None or not row.unit_publishes or row.webmasters_publish_too


def unit_publishes(row: Responsibility | None, user) -> bool:
    return (
        row is not None
        and row.unit_publishes
        and any(unit.pk in unit_ids_of(user) for unit in row.units())
    )


def approvers(publication_request) -> QuerySet:
    """Who approved the request at a step before publishing: never its publisher."""
    decisions = publication_request.decisions.filter(outcome=Outcome.APPROVED)
    return decisions.exclude(step=Step.WEBMASTER)


def may_publish(publication_request, user) -> bool:
    row = matrix_row(publication_request)
    return (
        (webmasters_publish(row) and user_has_role(user, Role.WEBMASTER))
        or unit_publishes(row, user)
    ) and not any(
        # The decisions as read with the request where a screen read them for all its rows.
        given.actor_id == user.pk and given.outcome == Outcome.APPROVED
        for given in publication_request.decisions.all()
        if given.step != Step.WEBMASTER
    )


def some_category_without_webmasters() -> bool:
    """Does any row of the matrix keep the webmasters from publishing its category?"""
    return Responsibility.objects.filter(unit_publishes=True, webmasters_publish_too=False).exists()


def publishers(publication_request) -> QuerySet:
    """Everyone who may publish ``publication_request``, as a queryset of active people."""
    User = get_user_model()
    row = matrix_row(publication_request)
    people = User.objects.none()
    if webmasters_publish(row):
        people = User.objects.filter(groups__name=Role.WEBMASTER.group_name, is_active=True)
    if row is not None and row.unit_publishes:
        people = people | User.objects.filter(memberships__unit__in=row.units(), is_active=True)
    return people.exclude(pk__in=approvers(publication_request).values("actor")).distinct()
