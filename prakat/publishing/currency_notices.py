"""Telling people what the currency checks found: items coming down, items due for renewal.

The checks live in compliance and announce what they find (``compliance.signals``); the
owner unit, the responsible units and the webmasters hear of it here, in the same
notification list and e-mail as their requests.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _

from prakat.agency.roles import Role
from prakat.compliance.signals import item_expiring, item_taken_down, renewal_due
from prakat.content.models import CategoryPage
from prakat.publishing.models import Notification
from prakat.thai.dates import format_date


def webmasters() -> list:
    User = get_user_model()
    return list(User.objects.filter(groups__name=Role.WEBMASTER.group_name, is_active=True))


def members_of(units) -> list:
    User = get_user_model()
    return list(User.objects.filter(memberships__unit__in=units, is_active=True).distinct())


@receiver(item_expiring, dispatch_uid="prakat_item_expiring")
def on_item_expiring(sender, page, days_left: int, **kwargs) -> None:
    message = _(
        "“%(title)s” comes down after %(end)s, in %(days)d days. If it must stay, ask to "
        "publish an update with a new publication end."
    ) % {"title": page.title, "end": format_date(page.publication_end), "days": days_left}
    Notification.send(members_of([page.owner_unit]) + webmasters(), message, page=page)


@receiver(item_taken_down, dispatch_uid="prakat_item_taken_down")
def on_item_taken_down(sender, page, **kwargs) -> None:
    message = _(
        "“%(title)s” came down: its publication period ended on %(end)s. It is archived, "
        "not deleted; ask to publish it again if it is still needed."
    ) % {"title": page.title, "end": format_date(page.publication_end)}
    Notification.send(members_of([page.owner_unit]) + webmasters(), message, page=page)


@receiver(renewal_due, dispatch_uid="prakat_renewal_due")
def on_renewal_due(sender, agency, entry, status, units, **kwargs) -> None:
    message = _("“%(entry)s” is %(status)s on the website: please ask to publish the new one.") % {
        "entry": entry.title_th,
        "status": getattr(status, "label", status),
    }
    # The link opens the request form with the category already chosen.
    url = reverse("publishing:request_new")
    category = CategoryPage.objects.filter(checklist_key=entry.key).first()
    if category is not None:
        url += f"?category={category.pk}"
    Notification.send(members_of(units) or webmasters(), message, url=url)
