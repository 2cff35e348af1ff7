"""The webmaster's two steps: the export file, then where each old category goes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prakat.agency.models import Unit
from prakat.content.models import CategoryPage
from prakat.site_import import wxr
from prakat.site_import.fetching import address_refusal
from prakat.thai.text import normal_form

# An export file is the whole old site's text: bigger than any one upload the site takes.
EXPORT_LIMIT_MB = 64


class ExportFileForm(forms.Form):
    export_file = forms.FileField(
        label=_("WordPress export file (.xml)"),
        help_text=_(
            "On the old website: Tools › Export › All content › Download Export File. At "
            "most %(limit)d MB."
        )
        % {"limit": EXPORT_LIMIT_MB},
    )

    def clean_export_file(self):
        upload = self.cleaned_data["export_file"]
        if upload.size > EXPORT_LIMIT_MB * 1024 * 1024:
            raise forms.ValidationError(
                gettext("The file is larger than %(limit)d MB, the most an export may be.")
                % {"limit": EXPORT_LIMIT_MB}
            )
        try:
            self.export = wxr.read(upload)
        except wxr.NotAnExport as error:
            raise forms.ValidationError(
                gettext(
                    "This is not a WordPress export file: export it from the old website "
                    "with Tools › Export, and send the .xml file it gives."
                )
            ) from error
        upload.seek(0)
        return upload


def _category_choices(site) -> list[tuple[str, str]]:
    home = site.root_page
    pages = CategoryPage.objects.descendant_of(home).order_by("path")
    return [("", gettext("Leave out"))] + [
        (str(page.pk), f"{'— ' * (page.depth - home.depth - 1)}{page.title}") for page in pages
    ]


def _suggested(name: str, choices: list[tuple[str, str]]) -> str:
    """The category here with the old category's name, if there is exactly one."""
    wanted = normal_form(name)
    found = [pk for pk, title in choices if pk and normal_form(title.lstrip("— ")) == wanted]
    return found[0] if len(found) == 1 else ""


class MappingForm(forms.Form):
    """One choice per old category (with how many published posts it holds), the unit the
    items come from, the old pages, and the address the old files are fetched from."""

    owner_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label=_("Owner unit of the items brought in"),
        help_text=_("Shown to the public as the items' source; it can be changed item by item."),
    )
    import_pages = forms.BooleanField(
        label=_("Bring the old pages as general pages under the home page"),
        required=False,
        initial=True,
    )
    files_url = forms.URLField(
        label=_("Address the old website's files are fetched from"),
        help_text=_(
            "The old website's address, as in the export. If the old website has moved (its "
            "name now leads here), give the address it answers at now. Only files under "
            "/wp-content/uploads/ there are fetched."
        ),
        assume_scheme="https",
    )

    def __init__(self, *args, site, summary: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = Unit.objects.filter(agency__site=site).order_by("name")
        self.fields["files_url"].initial = summary.get("base_url", "")
        choices = _category_choices(site)
        self.category_fields = []
        for slug, name, count in summary.get("categories", []):
            field_name = f"category__{slug}"
            self.fields[field_name] = forms.ChoiceField(
                label=gettext("%(name)s (%(count)d published posts)")
                % {"name": name, "count": count},
                choices=choices,
                required=False,
                initial=_suggested(name, choices),
            )
            self.category_fields.append(field_name)
        self.order_fields([*self.category_fields, "owner_unit", "import_pages", "files_url"])

    def clean_files_url(self) -> str:
        address = self.cleaned_data["files_url"]
        if refusal := address_refusal(address):
            raise forms.ValidationError(refusal)
        return address

    def category_map(self) -> dict[str, int | None]:
        return {
            name.removeprefix("category__"): int(value) if value else None
            for name in self.category_fields
            for value in [self.cleaned_data.get(name)]
        }
