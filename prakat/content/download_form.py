"""The downloads centre's form: a file with personal data in it (a filled-in form left in, a
scanned letter) is not offered to the public until the webmaster has looked and confirmed, as
an item's attachments are not published without it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from prakat.agency.models import Agency
from prakat.content.personal_data import scan_document

SHOWN_FINDINGS = 5


class DownloadForm(WagtailAdminModelForm):
    confirm_personal_data = forms.BooleanField(
        required=False,
        label=_("I have checked the file: what was found may be published"),
    )

    def clean(self):
        cleaned = super().clean()
        document = cleaned.get("document")
        if document is None or cleaned.get("confirm_personal_data"):
            return cleaned
        agency = Agency.current()
        ignore = [agency.phone, agency.fax, agency.email] if agency is not None else []
        findings = scan_document(document, ignore)
        if findings:
            listed = "; ".join(
                f"{finding.label} {finding.value} ({finding.where})"
                for finding in findings[:SHOWN_FINDINGS]
            )
            self.add_error(
                "confirm_personal_data",
                gettext(
                    "The file may hold personal data: %(found)s. Check the file; publish it "
                    "only if this may be public, and tick the box to say so."
                )
                % {"found": listed},
            )
        return cleaned
