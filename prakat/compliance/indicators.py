"""ITA indicators as data: one file per Thai fiscal year.

Indicators change wording and numbering every fiscal year, so each year's set is a file
mapping each indicator to the checklist entries whose items answer it. Prakat ships the years
it knows in ``ita/`` (``ita/2569.yaml``); an administrator imports a newer year's file from
the admin (:mod:`prakat.compliance.indicator_import`), kept in the database so every machine
of an install reads the same, and an imported year stands before a shipped one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.utils.translation import gettext

from prakat.compliance.models import IndicatorFile
from prakat.content.checklist import Checklist, load_checklist

INDICATOR_DIR = Path(__file__).with_name("ita")


class IndicatorError(ValueError):
    """An indicator file breaks one of its rules; the message says which indicator and rule."""


@dataclass(frozen=True)
class Indicator:
    code: str
    number: int | None
    title_th: str
    title_en: str
    entries: tuple[str, ...]
    evidence_th: str = ""
    # The sub-items the manual numbers (MOIT 2's 2.1.1 … 2.17), each with its own entries.
    sub_items: tuple[Indicator, ...] = ()


@dataclass(frozen=True)
class IndicatorGroup:
    number: int
    title_th: str
    indicators: tuple[int, ...]


@dataclass(frozen=True)
class IndicatorSet:
    fiscal_year: int
    framework: str
    groups: tuple[IndicatorGroup, ...]
    indicators: tuple[Indicator, ...]
    oit_edition: int | None
    oit_items: tuple[Indicator, ...]

    def indicator(self, code: str) -> Indicator:
        for item in (*self.indicators, *self.oit_items):
            if item.code == code:
                return item
        raise KeyError(code)


def _indicator(raw: dict, where: str, checklist: Checklist) -> Indicator:
    if not isinstance(raw, dict):
        raise IndicatorError(gettext("%(where)s: is not a mapping of fields") % {"where": where})
    code = str(raw.get("code") or "")
    if not code:
        raise IndicatorError(gettext("%(where)s: its code is missing") % {"where": where})
    raw_entries = raw.get("entries") or ()
    raw_subs = raw.get("sub_items") or ()
    if not isinstance(raw_entries, list | tuple) or not isinstance(raw_subs, list | tuple):
        raise IndicatorError(
            gettext("%(where)s (%(code)s): entries and sub_items are lists")
            % {"where": where, "code": code}
        )
    entries = tuple(str(key) for key in raw_entries)
    sub_items = tuple(
        _indicator(sub, gettext("%(where)s, sub-item %(n)d") % {"where": code, "n": i}, checklist)
        for i, sub in enumerate(raw_subs, start=1)
    )
    if sub_items:
        if entries:
            raise IndicatorError(
                gettext("%(where)s (%(code)s): its entries are its sub-items' alone")
                % {"where": where, "code": code}
            )
        entries = tuple(dict.fromkeys(key for sub in sub_items for key in sub.entries))
    if not entries:
        raise IndicatorError(
            gettext("%(where)s (%(code)s): name the checklist entries that answer it")
            % {"where": where, "code": code}
        )
    unknown = [key for key in entries if key not in checklist]
    if unknown:
        raise IndicatorError(
            gettext("%(where)s (%(code)s): unknown checklist key(s) %(keys)s")
            % {"where": where, "code": code, "keys": ", ".join(unknown)}
        )
    number = raw.get("number")
    if number is not None and not isinstance(number, int):
        raise IndicatorError(
            gettext("%(where)s (%(code)s): its number must be a whole number")
            % {"where": where, "code": code}
        )
    return Indicator(
        code=code,
        number=number,
        title_th=str(raw.get("title_th") or "").strip(),
        title_en=str(raw.get("title_en") or "").strip(),
        entries=entries,
        evidence_th=str(raw.get("evidence_th") or "").strip(),
        sub_items=sub_items,
    )


# Thai fiscal years (B.E.) a file may be for: from the first ITA year on the web to far ahead.
FIRST_YEAR, LAST_YEAR = 2560, 2700


def _fiscal_year(data: dict) -> int:
    year = data.get("fiscal_year")
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise IndicatorError(
            gettext(
                "fiscal_year must be the Thai fiscal year (B.E.) the file is for, "
                "a whole number from %(first)d to %(last)d"
            )
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


def _unique_codes(items: tuple[Indicator, ...]) -> None:
    seen: set[str] = set()
    for item in items:
        for code in (item.code, *(sub.code for sub in item.sub_items)):
            if code in seen:
                raise IndicatorError(gettext("the code %(code)s is used twice") % {"code": code})
            seen.add(code)


def parse_indicator_set(data: dict, checklist: Checklist | None = None) -> IndicatorSet:
    if not isinstance(data, dict):
        raise IndicatorError(gettext("the file is not a mapping of fields"))
    year = _fiscal_year(data)
    checklist = checklist or load_checklist()
    indicators = tuple(
        _indicator(raw, gettext("indicator %(n)d") % {"n": i}, checklist)
        for i, raw in enumerate(data.get("indicators") or (), start=1)
    )
    if not indicators:
        raise IndicatorError(gettext("the file lists no indicators"))
    numbers = {i.number for i in indicators}
    try:
        groups = tuple(
            IndicatorGroup(
                number=int(raw["number"]),
                title_th=str(raw.get("title_th") or "").strip(),
                indicators=tuple(raw.get("indicators") or ()),
            )
            for raw in data.get("groups") or ()
        )
    except (KeyError, TypeError, ValueError) as bad:
        raise IndicatorError(gettext("every group needs a whole number")) from bad
    if groups and None in numbers:
        raise IndicatorError(gettext("with groups, every indicator needs its number"))
    grouped = [n for g in groups for n in g.indicators]
    if groups and (sorted(grouped) != sorted(numbers) or len(grouped) != len(set(grouped))):
        raise IndicatorError(gettext("every indicator must sit in exactly one group"))
    oit = data.get("oit") or {}
    if not isinstance(oit, dict) or not isinstance(oit.get("items") or [], list):
        raise IndicatorError(gettext("oit is a mapping with its edition and a list of items"))
    oit_items = tuple(
        _indicator(raw, gettext("OIT item %(n)d") % {"n": i}, checklist)
        for i, raw in enumerate(oit.get("items") or (), start=1)
    )
    _unique_codes((*indicators, *oit_items))
    return IndicatorSet(
        fiscal_year=year,
        framework=str(data.get("framework") or ""),
        groups=groups,
        indicators=indicators,
        oit_edition=oit.get("edition"),
        oit_items=oit_items,
    )


def shipped_years() -> list[int]:
    """The fiscal years whose file Prakat ships."""
    return sorted(int(p.stem) for p in INDICATOR_DIR.glob("*.yaml") if p.stem.isdigit())


def shipped_text(fiscal_year: int) -> str | None:
    path = INDICATOR_DIR / f"{fiscal_year}.yaml"
    return path.read_text(encoding="utf-8") if path.exists() else None


def imported_years() -> list[int]:
    return sorted(IndicatorFile.objects.values_list("fiscal_year", flat=True))


def available_years() -> list[int]:
    """Every fiscal year with a file, shipped or imported."""
    return sorted({*shipped_years(), *imported_years()})


def indicator_file_text(fiscal_year: int) -> str | None:
    """The year's file as it stands: the imported one, else the one Prakat ships."""
    imported = (
        IndicatorFile.objects.filter(fiscal_year=fiscal_year)
        .values_list("content", flat=True)
        .first()
    )
    return imported if imported is not None else shipped_text(fiscal_year)


def read_indicator_text(text: str) -> IndicatorSet:
    """Parse a file's text; an :class:`IndicatorError` names what breaks the rules."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as bad:
        mark = getattr(bad, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise IndicatorError(
            gettext("the file is not readable YAML (line %(line)d)") % {"line": line}
        ) from bad
    return parse_indicator_set(data)


@functools.lru_cache(maxsize=16)
def _parsed(text: str) -> IndicatorSet:
    return read_indicator_text(text)


def indicator_set_for(fiscal_year: int) -> IndicatorSet:
    """The year's own indicator set, or, while its file is not out, the latest year's before
    it standing in (the screens say so, ``missing_year_warning``)."""
    years = [year for year in available_years() if year <= fiscal_year]
    if not years:
        raise IndicatorError(
            gettext("there is no indicator file for fiscal year %(year)d or before")
            % {"year": fiscal_year}
        )
    return load_indicator_set(years[-1])


def years_to_show(today_fiscal_year: int) -> list[int]:
    """The fiscal years the ITA view offers: those with a file, and the year under way, whose
    entries are judged by the latest file until its own is added."""
    years = available_years()
    if years and today_fiscal_year > years[-1]:
        years.append(today_fiscal_year)
    return years


def missing_year_warning(fiscal_year: int) -> str:
    """What the dashboard and the ITA view say while the fiscal year under way has no
    indicator file of its own; empty when it has one."""
    years = available_years()
    if fiscal_year in years:
        return ""
    if not years:
        return gettext("There is no ITA indicator file for fiscal year %(year)d.") % {
            "year": fiscal_year
        }
    return gettext(
        "There is no ITA indicator file for fiscal year %(year)d yet: the indicators shown are "
        "those of fiscal year %(shown)d, whose titles and numbers may have changed. Add the "
        "new year's file once the assessment's manual is out."
    ) % {"year": fiscal_year, "shown": years[-1]}


def load_indicator_set(fiscal_year: int) -> IndicatorSet:
    """The indicator set of a Thai fiscal year (B.E.), e.g. ``load_indicator_set(2569)``:
    the imported file where there is one, else the one Prakat ships."""
    text = indicator_file_text(fiscal_year)
    if text is None:
        raise IndicatorError(
            gettext("there is no indicator file for fiscal year %(year)d") % {"year": fiscal_year}
        )
    indicator_set = _parsed(text)
    if indicator_set.fiscal_year != fiscal_year:
        raise IndicatorError(
            gettext("the file of fiscal year %(year)d says fiscal year %(said)d")
            % {"year": fiscal_year, "said": indicator_set.fiscal_year}
        )
    return indicator_set


def shipped_indicator_set(fiscal_year: int) -> IndicatorSet:
    """The file Prakat ships for the year, whatever was imported over it."""
    text = shipped_text(fiscal_year)
    if text is None:
        raise IndicatorError(
            gettext("there is no indicator file for fiscal year %(year)d") % {"year": fiscal_year}
        )
    return _parsed(text)
