"""The entries the currency checks write in Wagtail's log, in words staff read."""

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from prakat.compliance.expiry import (
    EARLIER_TAKE_DOWN_ACTION,
    EXPIRY_NOTICE_ACTION,
    TAKE_DOWN_ACTION,
)
from prakat.compliance.indicator_import import IMPORT_ACTION, REMOVE_ACTION
from prakat.thai.dates import format_date


# After Wagtail's own actions: the scheduled take-down is told in Prakat's words.
@hooks.register("register_log_actions", order=100)
def register_currency_actions(actions) -> None:
    for action in (TAKE_DOWN_ACTION, EARLIER_TAKE_DOWN_ACTION):
        actions.register_action(
            action,
            _("Take down: publication period ended"),
            _("Taken down and archived: its publication period ended"),
        )

    @actions.register_action(EXPIRY_NOTICE_ACTION)
    class ExpiryNotice(LogFormatter):
        label = _("Expiry notice")

        def format_message(self, log_entry) -> str:
            end = datetime.date.fromisoformat(log_entry.data["publication_end"])
            return _("Owner unit and webmasters told that it comes down after %(end)s") % {
                "end": format_date(end)
            }

    @actions.register_action(IMPORT_ACTION)
    class IndicatorFileImport(LogFormatter):
        label = _("Import ITA indicator file")

        def format_message(self, log_entry) -> str:
            data = log_entry.data
            replaced = {
                "imported": _(", replacing the file imported before"),
                "shipped": _(", standing before the file Prakat ships"),
            }.get(data.get("replaced", ""), "")
            return _(
                "ITA indicator file of fiscal year %(year)s imported: %(indicators)s indicators "
                "and %(oit)s OIT items%(replaced)s"
            ) % {
                "year": data["fiscal_year"],
                "indicators": data["indicators"],
                "oit": data["oit_items"],
                "replaced": replaced,
            }

    @actions.register_action(REMOVE_ACTION)
    class IndicatorFileRemoval(LogFormatter):
        label = _("Remove imported ITA indicator file")

        def format_message(self, log_entry) -> str:
            return _("Imported ITA indicator file of fiscal year %(year)s removed") % {
                "year": log_entry.data["fiscal_year"]
            }
