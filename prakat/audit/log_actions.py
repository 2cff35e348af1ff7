"""The actions Prakat adds to Wagtail's log, in words staff read, and recording an export."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter, log

from prakat.audit.request_context import current
from prakat.client import client_address

SIGN_IN = "prakat.sign_in"
SIGN_IN_FAILURE = "prakat.sign_in_failure"
SIGN_OUT = "prakat.sign_out"
GROUPS_CHANGE = "prakat.groups_change"
PERMISSIONS_CHANGE = "prakat.permissions_change"
EXPORT = "prakat.export"


class ChangeFormatter(LogFormatter):
    """``added: …; removed: …`` from the entry's data."""

    def format_message(self, log_entry) -> str:
        parts = []
        if added := log_entry.data.get("added"):
            parts.append(_("added: %(names)s") % {"names": ", ".join(added)})
        if removed := log_entry.data.get("removed"):
            parts.append(_("removed: %(names)s") % {"names": ", ".join(removed)})
        return f"{self.message} ({'; '.join(parts)})" if parts else str(self.message)


@hooks.register("register_log_actions")
def register_audit_actions(actions) -> None:
    actions.register_action(SIGN_IN, _("Sign in"), _("Signed in"))
    actions.register_action(SIGN_OUT, _("Sign out"), _("Signed out"))

    @actions.register_action(SIGN_IN_FAILURE)
    class SignInFailure(LogFormatter):
        label = _("Sign-in failure")

        def format_message(self, log_entry) -> str:
            return _("Failed sign-in as “%(username)s”") % {
                "username": log_entry.data.get("username", "")
            }

    @actions.register_action(GROUPS_CHANGE)
    class GroupsChange(ChangeFormatter):
        label = _("Role membership change")
        message = _("Roles changed")

    @actions.register_action(PERMISSIONS_CHANGE)
    class PermissionsChange(ChangeFormatter):
        label = _("Permission change")
        message = _("Permissions changed")

    @actions.register_action(EXPORT)
    class Export(LogFormatter):
        label = _("Export")

        def format_message(self, log_entry) -> str:
            return _("Exported: %(what)s") % {"what": log_entry.data.get("what", "")}


def record_export(user, what: str, request: HttpRequest | None = None, **data) -> None:
    """Write down that ``user`` exported ``what`` (a sentence staff read).

    Other apps need not import this: ``log(instance=…, action="prakat.export",
    data={"what": …})`` writes the same entry. The client's address is added by the audit
    middleware while a request runs.
    """
    from django.contrib.auth import get_user_model

    # A request's user may be a lazy wrapper (two-step sign-in), which Wagtail's log cannot
    # place; log against the account itself.
    user = get_user_model()._default_manager.filter(pk=user.pk).first() or user
    data = {"what": str(what), **data}
    if request is not None and current() is None:
        data.setdefault("address", client_address(request))
    log(instance=user, action=EXPORT, user=user, title=str(what), data=data)
