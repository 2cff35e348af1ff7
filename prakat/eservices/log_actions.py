"""The entries e-services write in Wagtail's log, in words staff read: changes to the list of
corruption complaint handlers, and each opening of a corruption complaint."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

HANDLERS_CHANGE = "prakat.corruption_handlers_change"
CORRUPTION_COMPLAINT_OPENED = "prakat.corruption_complaint_opened"


@hooks.register("register_log_actions")
def register_eservice_actions(actions) -> None:
    @actions.register_action(HANDLERS_CHANGE)
    class HandlersChange(LogFormatter):
        label = _("Corruption complaint handlers changed")

        def format_message(self, log_entry) -> str:
            data = log_entry.data or {}
            parts = []
            if added := data.get("added"):
                parts.append(_("added: %(names)s") % {"names": ", ".join(added)})
            if removed := data.get("removed"):
                parts.append(_("removed: %(names)s") % {"names": ", ".join(removed)})
            message = (
                _("Carried over from the earlier list of handlers")
                if data.get("carried_over")
                else _("Corruption complaint handlers changed")
            )
            return f"{message} ({'; '.join(parts)})" if parts else str(message)

    @actions.register_action(CORRUPTION_COMPLAINT_OPENED)
    class CorruptionComplaintOpened(LogFormatter):
        label = _("Corruption complaint opened")

        def format_message(self, log_entry) -> str:
            data = log_entry.data or {}
            if "attachment" in data:
                return _(
                    "Opened attachment no. %(attachment)s of corruption complaint no. %(case)s"
                ) % {"attachment": data["attachment"], "case": data.get("case", "")}
            return _("Opened corruption complaint no. %(case)s") % {"case": data.get("case", "")}
