"""Checking a right, and the one Thai refusal that names it.

Views ask through :class:`RightRequiredMixin` (class views) or :func:`right_required`
(function views), menus through :class:`RightMenuItem`, templates through ``perms``. A person
without the right meets one page, in the admin's dress, that says which right the screen
needs and which roles hold it — never a bare "Forbidden", never a silent redirect.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib.auth.models import Group, Permission
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin.menu import MenuItem


class Refused(Exception):
    """The person lacks ``permission``; the refusal middleware turns this into the page.

    Not a ``PermissionDenied``: Wagtail's admin would catch that and redirect home with a
    message that names no rule.
    """

    def __init__(self, permission: str):
        super().__init__(permission)
        self.permission = permission


def holds(user, permission: str, *, superuser_passes: bool = True) -> bool:
    """Does ``user`` hold ``permission`` ("app_label.codename")?

    ``superuser_passes=False`` asks whether the right was given to the person (directly or
    through a role), not merely implied by being a superuser.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if superuser_passes or not user.is_superuser:
        return user.has_perm(permission)
    app_label, codename = permission.split(".", 1)
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return granted.filter(group__user=user).exists() or granted.filter(user=user).exists()


def require(user, permission: str, *, superuser_passes: bool = True) -> None:
    if not holds(user, permission, superuser_passes=superuser_passes):
        raise Refused(permission)


class RightRequiredMixin:
    """A class view for the holders of ``required_right`` only."""

    required_right: str = ""
    superuser_passes = True

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        require(request.user, self.required_right, superuser_passes=self.superuser_passes)
        return super().dispatch(request, *args, **kwargs)


def right_required(
    permission: str, *, superuser_passes: bool = True
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A function view for the holders of ``permission`` only."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            require(request.user, permission, superuser_passes=superuser_passes)
            return view(request, *args, **kwargs)

        return checked

    return decorate


class RightMenuItem(MenuItem):
    """A menu item shown to the holders of ``right`` only."""

    def __init__(self, *args, right: str, superuser_passes: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.right = right
        self.superuser_passes = superuser_passes

    def is_shown(self, request: HttpRequest) -> bool:
        return holds(request.user, self.right, superuser_passes=self.superuser_passes)


def describe(permission: str) -> tuple[str, list[str]]:
    """What the right lets a person do, in the person's language, and the groups holding it."""
    app_label, codename = permission.split(".", 1)
    found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if found is None:
        return permission, []
    holders = Group.objects.filter(permissions=found).order_by("name")
    return _(found.name), list(holders.values_list("name", flat=True))


class RefusalMiddleware:
    """Shows the refusal page for :class:`Refused`, with status 403."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, Refused):
            return None
        label, holders = describe(exception.permission)
        response = TemplateResponse(
            request,
            "agency/refused.html",
            {"right_label": label, "holders": holders, "page_title": _("No access")},
            status=403,
        )
        return response.render()
