"""Importing a fiscal year's ITA indicator file: checked, compared, then kept.

Each year the assessment's manual renumbers and rewords indicators. An administrator uploads
the new year's file; Prakat checks it against the rules of :mod:`prakat.compliance.indicators`
and the checklist, shows what differs from the year it follows (or from the file it
replaces), and keeps it only on a second, explicit confirmation — one transaction, one line in
the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from prakat.compliance.indicators import (
    Indicator,
    IndicatorError,
    IndicatorSet,
    available_years,
    load_indicator_set,
    read_indicator_text,
)
from prakat.compliance.models import IndicatorFile
from prakat.content.checklist import load_checklist
from prakat.thai.calendar import fiscal_year

IMPORT_ACTION = "prakat.indicator_file_import"
REMOVE_ACTION = "prakat.indicator_file_remove"
# The 2569 file is 30 KB; a file a hundred times longer is not an indicator file.
MAX_FILE_BYTES = 1024 * 1024
EXTENSIONS = (".yaml", ".yml")


@dataclass(frozen=True)
class Difference:
    """One way the new file differs, for the person about to import it."""

    code: str
    change: str


def compared_with(new: IndicatorSet) -> IndicatorSet | None:
    """The set the new file is read against: the year's own file it would replace, else the
    latest year before it; ``None`` for the first year an install has, or when that file no
    longer follows the rules (a checklist key a later release renamed): the new file is what
    mends it."""
    years = [year for year in available_years() if year <= new.fiscal_year]
    try:
        return load_indicator_set(years[-1]) if years else None
    except IndicatorError:
        return None


def _titles(keys: tuple[str, ...]) -> str:
    checklist = load_checklist()
    return ", ".join(checklist[key].title_th if key in checklist else key for key in keys)


def _indicator_differences(code: str, old: Indicator, new: Indicator) -> list[Difference]:
    found: list[Difference] = []
    if old.title_th != new.title_th:
        found.append(
            Difference(
                code, _("Title: “%(old)s” → “%(new)s”") % {"old": old.title_th, "new": new.title_th}
            )
        )
    if old.number != new.number:
        found.append(
            Difference(
                code, _("Number: %(old)s → %(new)s") % {"old": old.number, "new": new.number}
            )
        )
    if old.evidence_th != new.evidence_th:
        found.append(
            Difference(
                code, _("What the assessor asks to see: “%(new)s”") % {"new": new.evidence_th}
            )
        )
    if old.sub_items or new.sub_items:
        found += _items_differences(old.sub_items, new.sub_items, prefix=f"{code} › ")
    else:
        added = tuple(key for key in new.entries if key not in old.entries)
        removed = tuple(key for key in old.entries if key not in new.entries)
        if added:
            found.append(
                Difference(code, _("Answered also by: %(entries)s") % {"entries": _titles(added)})
            )
        if removed:
            found.append(
                Difference(
                    code, _("No longer answered by: %(entries)s") % {"entries": _titles(removed)}
                )
            )
    return found


def _items_differences(
    old: tuple[Indicator, ...], new: tuple[Indicator, ...], prefix: str = ""
) -> list[Difference]:
    found: list[Difference] = []
    before = {item.code: item for item in old}
    after = {item.code: item for item in new}
    for item in new:
        code = f"{prefix}{item.code}"
        if item.code not in before:
            found.append(Difference(code, _("New: %(title)s") % {"title": item.title_th}))
        else:
            found += _indicator_differences(code, before[item.code], item)
    for item in old:
        if item.code not in after:
            found.append(
                Difference(
                    f"{prefix}{item.code}",
                    _("No longer asked: %(title)s") % {"title": item.title_th},
                )
            )
    return found


def differences(old: IndicatorSet, new: IndicatorSet) -> list[Difference]:
    """What changes for the screens if ``new`` is imported where ``old`` stands: indicators,
    their sub-items and OIT items new, gone, renumbered, retitled or answered by other
    checklist entries, and the groups regrouped."""
    found: list[Difference] = []
    if old.framework != new.framework:
        found.append(
            Difference(
                "", _("Framework: %(old)s → %(new)s") % {"old": old.framework, "new": new.framework}
            )
        )
    groups_before = {g.number: g for g in old.groups}
    for group in new.groups:
        code = _("group %(n)d") % {"n": group.number}
        was = groups_before.get(group.number)
        if was is None:
            found.append(Difference(code, _("New: %(title)s") % {"title": group.title_th}))
            continue
        if was.title_th != group.title_th:
            found.append(
                Difference(
                    code,
                    _("Title: “%(old)s” → “%(new)s”")
                    % {"old": was.title_th, "new": group.title_th},
                )
            )
        if was.indicators != group.indicators:
            found.append(
                Difference(
                    code,
                    _("Indicators: %(old)s → %(new)s")
                    % {
                        "old": ", ".join(map(str, was.indicators)),
                        "new": ", ".join(map(str, group.indicators)),
                    },
                )
            )
    numbers = {g.number for g in new.groups}
    for group in old.groups:
        if group.number not in numbers:
            code = _("group %(n)d") % {"n": group.number}
            found.append(
                Difference(code, _("No longer asked: %(title)s") % {"title": group.title_th})
            )
    found += _items_differences(old.indicators, new.indicators)
    if old.oit_edition != new.oit_edition:
        found.append(
            Difference(
                "OIT",
                _("Edition: %(old)s → %(new)s") % {"old": old.oit_edition, "new": new.oit_edition},
            )
        )
    found += _items_differences(old.oit_items, new.oit_items)
    return found


def _checked(text: str) -> IndicatorSet:
    try:
        indicator_set = read_indicator_text(text)
    except IndicatorError as broken:
        raise forms.ValidationError(
            _("The file breaks a rule of indicator files: %(rule)s") % {"rule": broken}
        ) from broken
    # A mistyped year far ahead (2670 for 2570) would hide the year under way from the ITA view.
    last = fiscal_year(timezone.localdate()) + 1
    if indicator_set.fiscal_year > last:
        raise forms.ValidationError(
            _(
                "Fiscal year %(year)d has not come yet: a file may be imported for fiscal "
                "years up to %(last)d."
            )
            % {"year": indicator_set.fiscal_year, "last": last}
        )
    return indicator_set


class IndicatorFileForm(forms.Form):
    """The upload: a YAML file of at most 1 MB, in UTF-8, that follows the rules."""

    file = forms.FileField(
        label=gettext_lazy("Indicator file (YAML)"),
        help_text=gettext_lazy(
            "The fiscal year's indicators in the layout of the files Prakat ships: download "
            "the latest year's file above, change it after the assessment's manual, upload it."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(
                _("Only a YAML file (.yaml or .yml) is accepted: “%(name)s” is not one.")
                % {"name": upload.name}
            )
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("An indicator file may be at most 1 MB."))
        try:
            self.text = upload.read().decode("utf-8")
        except UnicodeDecodeError as bad:
            raise forms.ValidationError(_("The file must be saved as UTF-8 text.")) from bad
        self.indicator_set = _checked(self.text)
        return upload


class ConfirmImportForm(forms.Form):
    """The second step: the text read again from the preview, checked again before it is
    kept, so what is kept is what the rules allow whatever came back."""

    content = forms.CharField(widget=forms.HiddenInput, strip=False)

    def clean_content(self) -> str:
        text = self.cleaned_data["content"]
        self.indicator_set = _checked(text)
        return text


@transaction.atomic
def keep(text: str, indicator_set: IndicatorSet, user) -> IndicatorFile:
    """Keep the file for its fiscal year (replacing an imported one) and log who did it."""
    year = indicator_set.fiscal_year
    replaced = IndicatorFile.objects.filter(fiscal_year=year).exists()
    shipped_replaced = not replaced and year in available_years()
    indicator_file, _created = IndicatorFile.objects.update_or_create(
        fiscal_year=year, defaults={"content": text, "imported_by": user}
    )
    log(
        instance=indicator_file,
        action=IMPORT_ACTION,
        user=user,
        data={
            "fiscal_year": year,
            "replaced": "imported" if replaced else "shipped" if shipped_replaced else "",
            "indicators": len(indicator_set.indicators),
            "oit_items": len(indicator_set.oit_items),
        },
    )
    return indicator_file


@transaction.atomic
def forget(year: int, user) -> bool:
    """Remove the file imported for ``year`` and log who did it; False if there was none."""
    indicator_file = IndicatorFile.objects.filter(fiscal_year=year).first()
    if indicator_file is None:
        return False
    log(instance=indicator_file, action=REMOVE_ACTION, user=user, data={"fiscal_year": year})
    indicator_file.delete()
    return True
