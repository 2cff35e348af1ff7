"""Forms for deciding on a request: a reason is required to send one back.

The workflow task models offer these (``get_form_for_action``), as Wagtail's own tasks offer
``wagtail.forms``; so they import no model of publishing, only its words (``choices``).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from prakat.agency.models import name_and_position, with_positions
from prakat.agency.roles import Role
from prakat.content.models import CategoryPage
from prakat.publishing.choices import RejectionReason
from prakat.publishing.routing import holders, open_approval_steps


def category_choices(home=None) -> list[tuple[int | str, str]]:
    """Every category in site order, indented under its parent, for one select."""
    categories = CategoryPage.objects.live()
    if home is not None:
        categories = categories.descendant_of(home)
    categories = categories.order_by("path")
    base_depth = min((c.depth for c in categories), default=0)
    choices: list[tuple[int | str, str]] = [("", _("— choose a category —"))]
    for category in categories:
        indent = "\u2003" * (category.depth - base_depth)
        choices.append((category.pk, f"{indent}{category.title}"))
    return choices


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


PERSONAL_DATA_CONFIRMATION = _("I have checked the personal data found above: it may be published.")


class PublishForm(ApproveForm):
    takes_publication_request = True
    category = forms.TypedChoiceField(
        label=_("File it in the category"),
        coerce=int,
        required=False,
        help_text=_("Move the item here first if the requester chose the wrong category."),
    )
    confirm_personal_data = forms.BooleanField(label=PERSONAL_DATA_CONFIRMATION, required=False)

    def __init__(self, *args, publication_request=None, personal_data_found=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not personal_data_found:
            del self.fields["confirm_personal_data"]  # nothing to confirm
        self.fields["category"].choices = category_choices()
        if publication_request is not None:
            page = publication_request.page.get_latest_revision_as_object()
            self.fields["category"].initial = page.get_parent().pk

    go_live_at = forms.DateTimeField(
        label=_("Publish at (optional)"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Leave empty to publish now."),
    )


def verbal_approvers():
    """Everyone who could approve a request: unit heads and directors."""
    return (
        get_user_model()
        .objects.filter(
            Q(memberships__is_head=True) | Q(groups__name=Role.DIRECTOR.group_name),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


class ApproverChoiceField(forms.ModelChoiceField):
    """People are chosen by their Thai name and position, as they sign, never by username."""

    def label_from_instance(self, user) -> str:
        return name_and_position(user)


class UrgentPublishForm(forms.Form):
    """The urgent path: a webmaster publishes on an approver's spoken word."""

    confirm_personal_data = forms.BooleanField(label=PERSONAL_DATA_CONFIRMATION, required=False)
    verbal_approver = ApproverChoiceField(
        label=_("Who approved verbally"),
        # Asked afresh for each form (below): this module is read while the models load.
        queryset=None,
        error_messages={"required": _("Choose who gave the verbal approval.")},
    )
    verbal_approved_at = forms.DateTimeField(
        label=_("When the verbal approval was given"),
        widget=AdminDateTimeInput,
        error_messages={"required": _("Give the date and time of the verbal approval.")},
    )

    def __init__(
        self, *args, publication_request=None, personal_data_found=True, user=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if not personal_data_found:
            del self.fields["confirm_personal_data"]  # nothing to confirm
        self.fields["verbal_approver"].queryset = with_positions(verbal_approvers())
        if user is not None:
            # The webmaster who publishes is never the approver of the same request.
            self.fields["verbal_approver"].queryset = self.fields[
                "verbal_approver"
            ].queryset.exclude(pk=user.pk)
        if publication_request is not None:
            # Only who holds an approval step still open: their word counts for that step.
            steps = open_approval_steps(publication_request)
            holding = [
                pk
                for step in steps
                for pk in holders(publication_request, step).values_list("pk", flat=True)
            ]
            self.fields["verbal_approver"].queryset = self.fields[
                "verbal_approver"
            ].queryset.filter(pk__in=holding)


class DetailsCorrectionForm(forms.Form):
    """What the publisher may correct on the request page before publishing, without opening
    the page editor: the source and the data period."""

    source_reference = forms.CharField(
        label=_("Source / reference"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    data_period_start = forms.DateField(
        label=_("Data period from"), required=False, widget=AdminDateInput
    )
    data_period_end = forms.DateField(
        label=_("Data period to"), required=False, widget=AdminDateInput
    )

    def clean(self):
        data = super().clean()
        check_data_period(self, data)
        return data


def check_data_period(form: forms.Form, data: dict) -> None:
    """A data period ends on or after the day it starts; the error goes under its end."""
    start, end = data.get("data_period_start"), data.get("data_period_end")
    if start and end and end < start:
        form.add_error(
            "data_period_end", _("The data period must end on or after the day it starts.")
        )
