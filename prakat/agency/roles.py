"""The roles people play in an agency, each a Django group.

Groups carry Thai names because administrators see and assign them by name; code refers to
them through :class:`Role` only, never by a literal name.
"""

import enum

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _


class Role(enum.Enum):
    REQUESTER = "requester"
    UNIT_HEAD = "unit_head"
    DIRECTOR = "director"
    WEBMASTER = "webmaster"
    EXECUTIVE = "executive"
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"

    @property
    def group_name(self) -> str:
        return GROUP_NAMES[self]

    @property
    def label(self) -> str:
        return str(LABELS[self])

    def group(self) -> Group:
        return Group.objects.get(name=self.group_name)


# Stored names: fixed Thai strings (a migration wrote them; translating them would orphan groups).
GROUP_NAMES: dict[Role, str] = {
    Role.REQUESTER: "ผู้ให้ข้อมูล",
    Role.UNIT_HEAD: "หัวหน้ากลุ่มงาน",
    Role.DIRECTOR: "ผู้อำนวยการ",
    Role.WEBMASTER: "ผู้ดูแลเว็บไซต์",
    Role.EXECUTIVE: "ผู้บริหาร",
    Role.AUDITOR: "ผู้ตรวจประเมิน",
    Role.ADMINISTRATOR: "ผู้ดูแลระบบ",
}

LABELS = {
    Role.REQUESTER: _("Requester"),
    Role.UNIT_HEAD: _("Unit head"),
    Role.DIRECTOR: _("Director"),
    Role.WEBMASTER: _("Webmaster"),
    Role.EXECUTIVE: _("Executive"),
    Role.AUDITOR: _("Auditor"),
    Role.ADMINISTRATOR: _("Administrator"),
}


_ROLE_OF_GROUP = {name: role for role, name in GROUP_NAMES.items()}


def roles_of(user) -> frozenset[Role]:
    """The person's roles, read once per user object (a request's user is read once)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_prakat_roles", None)
    if cached is None:
        names = user.groups.values_list("name", flat=True)
        cached = frozenset(_ROLE_OF_GROUP[n] for n in names if n in _ROLE_OF_GROUP)
        user._prakat_roles = cached
    return cached


def user_has_role(user, role: Role) -> bool:
    return role in roles_of(user)
