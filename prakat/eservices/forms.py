"""The public's forms for complaints, questions and the tracking code, and the staff's forms
for the steps of a case. Every refusal names the rule in Thai; what was typed is kept."""

from __future__ import annotations

import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prakat.agency.models import Unit
from prakat.content.upload_policy import UploadPolicy
from prakat.eservices.models import CaseKind

MAX_ATTACHMENTS = 3
SUBJECT_MAX = 200
DETAILS_MAX = 5000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _required(message: str) -> dict:
    return {"required": message}


class CaseForm(forms.Form):
    """A complaint (``with_kind``) or a question from the public."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Type of complaint"),
        choices=[
            (CaseKind.GENERAL_COMPLAINT, gettext_lazy("General complaint or about a service")),
            (CaseKind.CORRUPTION_COMPLAINT, gettext_lazy("Corruption or misconduct by staff")),
        ],
        widget=forms.RadioSelect,
        error_messages=_required(gettext_lazy("Choose the type of complaint.")),
    )
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=SUBJECT_MAX,
        error_messages={
            "required": gettext_lazy("Write a subject: a few words saying what it is about."),
            "max_length": gettext_lazy("Write the subject in at most %(limit_value)d characters."),
        },
    )
    details = forms.CharField(
        label=gettext_lazy("Details"),
        max_length=DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("What happened, when and where, and what you would like done."),
        error_messages={
            "required": gettext_lazy("Write the details, so the agency can look into it."),
            "max_length": gettext_lazy("Write the details in at most %(limit_value)d characters."),
        },
    )
    contact_name = forms.CharField(label=gettext_lazy("Name"), max_length=200, required=False)
    contact_phone = forms.CharField(
        label=gettext_lazy("Phone"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    contact_email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        help_text=gettext_lazy(
            "The tracking code is sent here, and a note when the agency replies."
        ),
        error_messages={
            "invalid": gettext_lazy("Write the e-mail address in full, e.g. name@example.com.")
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    attachments = MultipleFileField(label=gettext_lazy("Attachments (optional)"), required=False)
    # Hidden from people; programs that fill every field give themselves away.
    website = forms.CharField(label=gettext_lazy("Leave this empty"), required=False)
    # Drawn when the form is shown; the same form sent twice makes one case.
    submission = forms.CharField(
        required=False, max_length=64, widget=forms.HiddenInput(attrs={"autocomplete": "off"})
    )

    def __init__(self, *args, policy: UploadPolicy, with_kind: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy
        self.fields["submission"].initial = secrets.token_hex(16)
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        if with_kind:
            self.fields["attachments"].help_text = " ".join(
                [policy.describe(), _("At most %(count)d files.") % {"count": MAX_ATTACHMENTS}]
            )
            self.fields["attachments"].widget.attrs["accept"] = ",".join(
                f".{e}" for e in policy.accepted_extensions()
            )
        else:
            del self.fields["kind"]
            del self.fields["attachments"]
            self.fields["subject"].error_messages["required"] = _(
                "Write a subject: a few words saying what your question is about."
            )
            self.fields["details"].label = _("Your question")
            self.fields["details"].help_text = ""
            self.fields["details"].error_messages["required"] = _("Write your question.")

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def visible_fields(self):
        return [f for f in super().visible_fields() if f.name != "website"]

    def clean_subject(self) -> str:
        return " ".join(self.cleaned_data["subject"].split())

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data["contact_phone"].strip()
        if not phone:
            return ""
        digits = re.sub(r"[\s\-().]", "", phone)
        if digits.startswith("+66"):
            digits = "0" + digits[3:]
        if not re.fullmatch(r"0\d{8,9}", digits):
            raise ValidationError(
                _("Write the phone number with 9 or 10 digits, e.g. 081-234-5678 or 055-123456.")
            )
        return phone

    def clean_attachments(self) -> list:
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                _("Attach at most %(count)d files; you chose %(chosen)d.")
                % {"count": MAX_ATTACHMENTS, "chosen": len(files)}
            )
        errors = []
        for upload in files:
            try:
                self.policy.check(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            errors.append(_("Files are not kept when a form comes back: choose them again."))
            raise ValidationError(errors)
        return files


class TrackForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Tracking code"),
        max_length=30,
        help_text=gettext_lazy("As it was shown when you sent your message, e.g. K7Q4-PX2M-9D."),
        error_messages=_required(gettext_lazy("Write your tracking code.")),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


# --- staff ----------------------------------------------------------------------------------


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.none(),
        error_messages=_required(gettext_lazy("Choose the unit that handles it.")),
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency=agency)


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=gettext_lazy("Reply to the citizen"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Shown on the tracking page to whoever has the code."),
        error_messages=_required(gettext_lazy("Write the reply.")),
    )
    note = forms.CharField(
        label=gettext_lazy("Internal note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Seen only by staff who may see this case."),
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Internal note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required(gettext_lazy("Write the note.")),
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Internal note on closing (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
