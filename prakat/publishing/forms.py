"""Forms for deciding on a request: a reason is required to send one back."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from prakat.publishing.models import RejectionReason


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=RejectionReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the reason for sending the request back.")},
    )
    detail = forms.CharField(
        label=_("Explanation for the requester"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == RejectionReason.OTHER and not data.get("detail", "").strip():
            self.add_error("detail", _("Write the reason when you choose “Other”."))
        return data


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PublishForm(ApproveForm):
    go_live_at = forms.DateTimeField(
        label=_("Publish at (optional)"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Leave empty to publish now."),
    )
