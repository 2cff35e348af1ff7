"""The request form (แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์) as staff fill it in."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from prakat.agency.models import unit_of, with_positions
from prakat.content.checklist import ChecklistEntry, load_checklist
from prakat.content.models import CategoryPage, InformationItemPage
from prakat.content.upload_policy import UploadPolicy
from prakat.publishing.choices import ReceivedAs
from prakat.publishing.forms import ApproverChoiceField, category_choices, check_data_period
from prakat.publishing.submission import RequestDetails, refuse_another_units_category

OPENED = "prakat.publishing.request_form.opened"


# Files that are pictures: shown as such on the item, so they carry a credit.
PICTURE_EXTENSIONS = ("jpg", "jpeg", "png")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class PublicationRequestForm(forms.Form):
    category = forms.TypedChoiceField(
        label=_("Category"),
        coerce=int,
        error_messages={"required": _("Choose the category the information belongs in.")},
    )
    item = forms.ModelChoiceField(
        label=_("Updates an existing item"),
        queryset=InformationItemPage.objects.live().order_by("title"),
        required=False,
        empty_label=_("— no, this is a new item —"),
        help_text=_("For example a new action plan that replaces last year's."),
    )
    title = forms.CharField(
        label=_("Topic"),
        max_length=255,
        error_messages={"required": _("Write the topic of the information.")},
    )
    summary = forms.CharField(
        label=_("Details (summary)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    files = MultipleFileField(
        label=_("Attachments"),
        required=False,
    )
    photo_credit = forms.CharField(
        label=_("Pictures by"),
        max_length=120,
        required=False,
        help_text=_("Who took the pictures attached (.jpg, .png): needed when there are any."),
    )
    external_link = forms.URLField(
        label=_("External link"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Write a full web address, such as https://www.moph.go.th/")},
    )
    source_reference = forms.CharField(
        label=_("Source / reference"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Where the information comes from, e.g. the Royal Gazette, the ministry's letter "
            "and its number. Laws, regulations and knowledge need it."
        ),
    )
    data_period_start = forms.DateField(
        label=_("Data period from"), required=False, widget=AdminDateInput
    )
    data_period_end = forms.DateField(
        label=_("Data period to"), required=False, widget=AdminDateInput
    )
    publication_end = forms.DateField(
        label=_("Publish until"),
        required=False,
        widget=AdminDateInput,
        help_text=_("The item is taken down after this day. Leave empty if it has no end."),
    )
    remarks = forms.CharField(
        label=_("Remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    opened = forms.CharField(widget=forms.HiddenInput, required=False)
    urgent = forms.BooleanField(
        label=_("Urgent"),
        required=False,
        help_text=_("The webmaster may publish on verbal approval; the written approval follows."),
    )

    def __init__(self, *args, home=None, user=None, attached=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # The names of the files a request being fixed already has: they count as details.
        self.attached = list(attached)
        self.fields["category"].choices = category_choices(home)
        if user is not None:
            # A staff member updates their own units' items, not the whole site's.
            self.fields["item"].queryset = (
                self.fields["item"].queryset.filter(owner_unit__memberships__user=user).distinct()
            )
        # When the form was first shown, signed so it cannot be set by hand: the time the
        # requester took to prepare the request is measured from it.
        self.initial.setdefault("opened", signing.dumps(timezone.now().timestamp(), salt=OPENED))
        self.upload_policy = UploadPolicy.current()
        self.fields["files"].help_text = self.upload_policy.describe()
        self.fields["files"].widget.attrs["accept"] = ",".join(
            f".{e}" for e in self.upload_policy.accepted_extensions()
        )

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        errors = []
        for file in files:
            try:
                self.upload_policy.check(file)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            errors.append(str(_("Nothing was saved. Choose the files again after fixing them.")))
            raise ValidationError(errors)
        return files

    def clean(self):
        data = super().clean()
        if (
            not (data.get("summary") or "").strip()
            and not self.files.getlist("files")
            and not self.attached
        ):
            self.add_error(
                "summary", _("Give the details: write a summary, attach a file, or both.")
            )
        check_data_period(self, data)
        pictures = [
            name
            for name in [f.name for f in self.files.getlist("files")] + self.attached
            if name.lower().rsplit(".", 1)[-1] in PICTURE_EXTENSIONS
        ]
        if pictures and not (data.get("photo_credit") or "").strip():
            self.add_error(
                "photo_credit",
                _("Pictures carry a credit: say who took %(names)s.")
                % {"names": ", ".join(pictures)},
            )
        self.check_category_is_the_units(data.get("category"))
        entry = self.checklist_entry(data.get("category"))
        if entry is not None and entry.covers_period:
            for field in ("data_period_start", "data_period_end"):
                if not data.get(field) and field not in self.errors:
                    self.add_error(
                        field,
                        _("Each item of “%(category)s” covers a period: give the first and "
                          "the last day of its data.") % {"category": entry.title_th},
                    )  # fmt: skip
        if (
            entry is not None
            and entry.cites_source
            and not data.get("source_reference", "").strip()
        ):
            self.add_error(
                "source_reference",
                _("“%(category)s” asks where its information comes from: give its source.")
                % {"category": entry.title_th},
            )
        return data

    def asking_user(self):
        """Whose request this is: the person filling the form."""
        return self.user

    def check_category_is_the_units(self, category_pk: int | None) -> None:
        asking = self.asking_user()
        unit = unit_of(asking) if asking is not None else None
        category = CategoryPage.objects.filter(pk=category_pk).first() if category_pk else None
        if unit is None or category is None:
            return
        try:
            refuse_another_units_category(unit, category)
        except ValidationError as refusal:
            self.add_error("category", refusal)

    def checklist_entry(self, category_pk: int | None) -> ChecklistEntry | None:
        """The checklist entry of the chosen category, or of its nearest parent that has one."""
        if not category_pk:
            return None
        category = CategoryPage.objects.filter(pk=category_pk).first()
        if category is None:
            return None
        checklist = load_checklist()
        for ancestor in CategoryPage.objects.ancestor_of(category, inclusive=True).order_by(
            "-depth"
        ):
            if ancestor.checklist_key in checklist:
                return checklist[ancestor.checklist_key]
        return None

    def clean_opened(self) -> datetime.datetime | None:
        try:
            stamp = signing.loads(self.cleaned_data.get("opened") or "", salt=OPENED)
        except signing.BadSignature:
            return None
        return datetime.datetime.fromtimestamp(float(stamp), tz=datetime.UTC)

    def category_page(self) -> CategoryPage:
        return CategoryPage.objects.get(pk=self.cleaned_data["category"])

    def details(self) -> RequestDetails:
        data = self.cleaned_data
        return RequestDetails(
            title=data["title"],
            summary=data.get("summary", ""),
            external_link=data.get("external_link", ""),
            remarks=data.get("remarks", ""),
            source_reference=data.get("source_reference", ""),
            photo_credit=data.get("photo_credit", ""),
            data_period_start=data.get("data_period_start"),
            data_period_end=data.get("data_period_end"),
            publication_end=data.get("publication_end"),
            urgent=data.get("urgent", False),
            files=list(data.get("files") or []),
            form_opened_at=data.get("opened"),
        )


class RecordedRequestForm(PublicationRequestForm):
    """A request that came on paper or by e-mail, recorded by a webmaster for the person who
    signed it: the same fields, who asked, how it came, and the signed form scanned."""

    on_behalf_of = ApproverChoiceField(
        label=_("Who asked"),
        queryset=None,
        help_text=_("The staff member who signed the request form; their unit head approves."),
        error_messages={"required": _("Choose who signed the request form.")},
    )
    received_as = forms.ChoiceField(label=_("How it came"), choices=ReceivedAs.choices)
    signed_form = forms.FileField(
        label=_("The signed request form, scanned"),
        error_messages={
            "required": _("Attach the signed request form: it is the request's evidence.")
        },
    )

    field_order = ["on_behalf_of", "received_as", "signed_form"]

    def __init__(self, *args, user=None, **kwargs):
        # Every unit's items may be updated on its behalf; submitting checks the unit.
        super().__init__(*args, user=None, **kwargs)
        staff = get_user_model().objects.filter(memberships__isnull=False, is_active=True)
        if user is not None:
            staff = staff.exclude(pk=user.pk)
        self.fields["on_behalf_of"].queryset = with_positions(
            staff.distinct().order_by("first_name", "last_name")
        )
        self.fields["signed_form"].help_text = self.upload_policy.describe()

    def asking_user(self):
        return self.cleaned_data.get("on_behalf_of")

    def clean_signed_form(self):
        signed_form = self.cleaned_data["signed_form"]
        self.upload_policy.check(signed_form)
        return signed_form
