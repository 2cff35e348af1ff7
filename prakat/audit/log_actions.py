"""The actions Prakat adds to Wagtail's log, in words staff read, and recording an export."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

SIGN_IN = "prakat.sign_in"
SIGN_IN_FAILURE = "prakat.sign_in_failure"
SIGN_OUT = "prakat.sign_out"
GROUPS_CHANGE = "prakat.groups_change"
PERMISSIONS_CHANGE = "prakat.permissions_change"
# Written by prakat.spreadsheet for every export; labelled here.
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
