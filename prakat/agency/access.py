"""The access policy's facts about a person: their roles, their units, whether they oversee.

The per-object rules built on them live beside the objects they rule (``content.access``
for items and files); a person's units and roles are read once per user object (one
request), not once per check.
"""

from __future__ import annotations

from prakat.agency.models import Agency, Approver, Membership
from prakat.agency.rights import right

OVERSEE = right("oversee_publishing")


def unit_ids_of(user) -> frozenset[int]:
    """The units the person belongs to, read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_prakat_unit_ids", None)
    if cached is None:
        cached = frozenset(Membership.objects.filter(user=user).values_list("unit_id", flat=True))
        user._prakat_unit_ids = cached
    return cached


def headed_unit_ids(user) -> frozenset[int]:
    """The units the person heads, read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_prakat_headed_unit_ids", None)
    if cached is None:
        cached = frozenset(
            Membership.objects.filter(user=user, is_head=True).values_list("unit_id", flat=True)
        )
        user._prakat_headed_unit_ids = cached
    return cached


def oversees_publishing(user) -> bool:
    """Reads every item, request and file, drafts included (the right, through a role)."""
    return getattr(user, "is_authenticated", False) and user.has_perm(OVERSEE)


def approves_every_request(user) -> bool:
    """Heads the unit that runs the website where that head approves every request (Mueang
    Loei's district health officer); read once per user object."""
    cached = getattr(user, "_prakat_approves_every_request", None)
    if cached is None:
        agency = Agency.current() if getattr(user, "is_authenticated", False) else None
        cached = bool(
            agency is not None
            and agency.approver == Approver.WEBSITE_UNIT_HEAD
            and agency.website_unit_id is not None
            and Membership.objects.filter(
                user=user, unit_id=agency.website_unit_id, is_head=True
            ).exists()
        )
        user._prakat_approves_every_request = cached
    return cached


def reads_every_request(user) -> bool:
    """Reads every request and the drafts and files it holds: those who oversee publishing,
    and whoever approves every request."""
    return oversees_publishing(user) or approves_every_request(user)
