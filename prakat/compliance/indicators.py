"""ITA indicators as data: one file per Thai fiscal year in ``ita/``.

Indicators change wording and numbering every fiscal year, so each year's set is a file
(``ita/2569.yaml``) mapping each indicator to the checklist entries whose items answer it.
Next year's set is a new file, not a code change.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.utils.translation import gettext

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
    code = str(raw.get("code") or "")
    if not code:
        raise IndicatorError(f"{where}: code is missing")
    sub_items = tuple(
        _indicator(sub, f"{where} sub-item {i}", checklist)
        for i, sub in enumerate(raw.get("sub_items") or (), start=1)
    )
    entries = tuple(raw.get("entries") or ())
    if sub_items:
        if entries:
            raise IndicatorError(f"{where} ({code}): entries are its sub-items' alone")
        entries = tuple(dict.fromkeys(key for sub in sub_items for key in sub.entries))
    unknown = [key for key in entries if key not in checklist]
    if unknown:
        raise IndicatorError(f"{where} ({code}): unknown checklist key(s) {', '.join(unknown)}")
    return Indicator(
        code=code,
        number=raw.get("number"),
        title_th=str(raw.get("title_th") or "").strip(),
        title_en=str(raw.get("title_en") or "").strip(),
        entries=entries,
        evidence_th=str(raw.get("evidence_th") or "").strip(),
        sub_items=sub_items,
    )


def parse_indicator_set(data: dict, checklist: Checklist | None = None) -> IndicatorSet:
    checklist = checklist or load_checklist()
    indicators = tuple(
        _indicator(raw, f"indicator {i}", checklist)
        for i, raw in enumerate(data.get("indicators") or (), start=1)
    )
    if not indicators:
        raise IndicatorError("the file lists no indicators")
    codes = [i.code for i in indicators]
    if len(set(codes)) != len(codes):
        raise IndicatorError("an indicator code is used twice")
    numbers = {i.number for i in indicators}
    groups = tuple(
        IndicatorGroup(
            number=int(raw["number"]),
            title_th=str(raw.get("title_th") or "").strip(),
            indicators=tuple(raw.get("indicators") or ()),
        )
        for raw in data.get("groups") or ()
    )
    grouped = [n for g in groups for n in g.indicators]
    if groups and (sorted(grouped) != sorted(numbers) or len(grouped) != len(set(grouped))):
        raise IndicatorError("every indicator must sit in exactly one group")
    oit = data.get("oit") or {}
    oit_items = tuple(
        _indicator(raw, f"OIT item {i}", checklist)
        for i, raw in enumerate(oit.get("items") or (), start=1)
    )
    return IndicatorSet(
        fiscal_year=int(data["fiscal_year"]),
        framework=str(data.get("framework") or ""),
        groups=groups,
        indicators=indicators,
        oit_edition=oit.get("edition"),
        oit_items=oit_items,
    )


def available_years() -> list[int]:
    return sorted(int(p.stem) for p in INDICATOR_DIR.glob("*.yaml") if p.stem.isdigit())


def indicator_set_for(fiscal_year: int) -> IndicatorSet:
    """The year's own indicator set, or, while its file is not out, the latest year's before
    it standing in (the screens say so, ``missing_year_warning``)."""
    years = [year for year in available_years() if year <= fiscal_year]
    if not years:
        raise IndicatorError(f"no indicator file for fiscal year {fiscal_year} or before")
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


@functools.cache
def load_indicator_set(fiscal_year: int) -> IndicatorSet:
    """The indicator set of a Thai fiscal year (B.E.), e.g. ``load_indicator_set(2569)``."""
    path = INDICATOR_DIR / f"{fiscal_year}.yaml"
    if not path.exists():
        raise IndicatorError(f"no indicator file for fiscal year {fiscal_year}")
    with path.open(encoding="utf-8") as f:
        indicator_set = parse_indicator_set(yaml.safe_load(f))
    if indicator_set.fiscal_year != fiscal_year:
        raise IndicatorError(f"{path.name} says fiscal year {indicator_set.fiscal_year}")
    return indicator_set
