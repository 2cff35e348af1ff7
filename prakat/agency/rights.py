"""What each role may do: one matrix, granted to the role groups as Django permissions.

Screens that have a model are ruled by that model's permissions (``agency.change_agency``);
screens that have none by the rights below, carried by the permission-only model
:class:`prakat.agency.models.Right` as Wagtail's own ``Admin`` model carries
``access_admin``. Administrators see and adjust every group's rights in Wagtail's group
editor; code asks ``user.has_perm("agency.view_compliance")`` (Django caches a person's
permissions for the request), through :mod:`prakat.agency.refusal` on views and menus.

Granting is idempotent and only adds: the matrix is what a new install starts with.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prakat.agency.roles import Role

# codename → what the right lets a person do (shown in the group editor and in refusals).
RIGHTS: dict[str, str] = {
    "oversee_publishing": _("Read every publication request, item draft and file"),
    "view_compliance": _("See the completeness dashboard and the ITA view"),
    "import_indicator_files": _("Import a fiscal year's ITA indicator file"),
    "read_publishing_reports": _("Read the monthly publishing reports and the MOIT 1 evidence"),
    "generate_publishing_reports": _(
        "Generate the monthly publishing reports and the MOIT 1 evidence"
    ),
    "record_requests": _("Record a request that came on paper or by e-mail, for its unit"),
    "acknowledge_monitoring": _(
        "Acknowledge last fiscal year's monitoring summary of website publication"
    ),
    "view_statistics": _("See the visitor statistics"),
    "view_survey_results": _("See the satisfaction survey's answers"),
    "handle_cases": _("Follow and answer every general complaint and question"),
    "view_jobs": _("See the scheduled jobs and their runs"),
    "view_security": _("See the security page"),
    "manage_security": _("Unlock sign-ins and reset two-step sign-in"),
    "view_audit_log": _("Read and export the audit log"),
    "export_traffic_log": _("Read and export the computer-traffic log"),
    "import_old_site": _("Bring the old website's posts, pages and files in"),
}


def right(codename: str) -> str:
    """``"view_compliance"`` → ``"agency.view_compliance"``, checked against the list."""
    if codename not in RIGHTS:
        raise KeyError(codename)
    return f"agency.{codename}"


W, UH, D, E, AU, AD = (
    Role.WEBMASTER,
    Role.UNIT_HEAD,
    Role.DIRECTOR,
    Role.EXECUTIVE,
    Role.AUDITOR,
    Role.ADMINISTRATOR,
)

# The matrix: right → the roles that hold it.
HOLDERS: dict[str, frozenset[Role]] = {
    "oversee_publishing": frozenset({W, D, E, AU, AD}),
    "view_compliance": frozenset({W, D, E, AU, AD}),
    # A new year's file changes what every entry is judged against: the install's own people.
    "import_indicator_files": frozenset({AD}),
    "read_publishing_reports": frozenset({W, UH, D, E, AU, AD}),
    # Auditors check the evidence; they do not make it.
    "generate_publishing_reports": frozenset({W, UH, D, E, AD}),
    "record_requests": frozenset({W, AD}),
    # The executive acknowledges what was reported to them (MOIT 1).
    "acknowledge_monitoring": frozenset({D}),
    "view_statistics": frozenset({W, D, E, AU, AD}),
    "view_survey_results": frozenset({W, D, E, AU, AD}),
    "handle_cases": frozenset({W, D, E, AD}),
    "view_jobs": frozenset({W, AU, AD}),
    "view_security": frozenset({AU, AD}),
    "manage_security": frozenset({AD}),
    "view_audit_log": frozenset({AU, AD}),
    # Traffic data is handed over on an authority's request, which goes through the auditor.
    "export_traffic_log": frozenset({AU}),
    # It puts many pages on the site at once: those who run the site.
    "import_old_site": frozenset({W, AD}),
}

# The event calendar's, the clinics' and the downloads centre's snippets: written, published
# and removed by those who run the site.
EVENT_PERMISSIONS = (
    "content.add_event",
    "content.change_event",
    "content.delete_event",
    "content.publish_event",
    "content.add_clinic",
    "content.change_clinic",
    "content.delete_clinic",
    "content.publish_clinic",
    "content.add_doctor",
    "content.change_doctor",
    "content.delete_doctor",
    "content.add_download",
    "content.change_download",
    "content.delete_download",
    "content.publish_download",
)

# Model permissions of the roles, as "app_label.codename".
MODEL_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    W: (
        "agency.change_agency",
        "agency.change_identity",
        "agency.view_unit",
        "content.change_footermenu",
        *EVENT_PERMISSIONS,
    ),
    AD: (
        "agency.change_agency",
        "agency.change_identity",
        "content.change_footermenu",
        *EVENT_PERMISSIONS,
        "agency.add_unit",
        "agency.change_unit",
        "agency.delete_unit",
        "agency.view_unit",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.add_group",
        "auth.change_group",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
    ),
}


def permissions_of(role: Role) -> tuple[str, ...]:
    """Every permission ``role`` starts with: its rights and its model permissions."""
    rights = tuple(right(codename) for codename, roles in HOLDERS.items() if role in roles)
    return (*rights, *MODEL_PERMISSIONS.get(role, ()))


def grant_rights() -> None:
    """Give each role's group the permissions of the matrix (idempotent, only adds)."""
    from django.contrib.auth.models import Group, Permission

    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.group_name)
        wanted = permissions_of(role)
        found = Permission.objects.none()
        for natural in wanted:
            app_label, codename = natural.split(".", 1)
            found |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*found)
