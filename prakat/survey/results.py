"""What the survey says for a period: the mean and the share at each level of every aspect,
and the answers themselves as CSV or XLSX for staff."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from prakat.spreadsheet import append_row, csv_bytes
from prakat.survey.answers import Aspect, Level
from prakat.survey.models import SurveyRating, SurveyResponse
from prakat.thai.calendar import Period
from prakat.thai.dates import format_datetime


@dataclass(frozen=True)
class Share:
    level: int
    label: str
    count: int
    percent: float

    @property
    def percent_text(self) -> str:
        return f"{self.percent:.1f}"


@dataclass(frozen=True)
class AspectSummary:
    code: str
    label: str
    answers: int
    mean: float | None
    shares: list[Share]

    @property
    def mean_text(self) -> str:
        return "–" if self.mean is None else f"{self.mean:.2f}"

    @property
    def bar_percent(self) -> str:
        """The mean as a share of the highest level, for the width of a chart bar."""
        return "0" if self.mean is None else f"{self.mean / max(Level) * 100:.1f}"


@dataclass(frozen=True)
class Summary:
    start: datetime.date
    end: datetime.date
    responses: int
    aspects: list[AspectSummary]


def summarise(start: datetime.date, end: datetime.date) -> Summary:
    """Every aspect's mean (of those who rated it) and share at each level, ``start``–``end``."""
    first, after = Period(start, end).instants()
    counted = (
        SurveyRating.objects.filter(
            response__submitted_at__gte=first, response__submitted_at__lt=after
        )
        .values("aspect", "level")
        .annotate(n=Count("id"))
        .values_list("aspect", "level", "n")
    )
    counts: dict[tuple[str, int], int] = {(a, lv): n for a, lv, n in counted}
    aspects = []
    for aspect in Aspect:
        by_level = {level: counts.get((aspect.value, level.value), 0) for level in Level}
        answers = sum(by_level.values())
        mean = sum(lv * n for lv, n in by_level.items()) / answers if answers else None
        shares = [
            Share(
                level=level.value,
                label=str(level.label),
                count=by_level[level],
                percent=by_level[level] * 100 / answers if answers else 0.0,
            )
            for level in Level
        ]
        aspects.append(AspectSummary(aspect.value, str(aspect.label), answers, mean, shares))
    responses = SurveyResponse.objects.filter(
        submitted_at__gte=first, submitted_at__lt=after
    ).count()
    return Summary(start=start, end=end, responses=responses, aspects=aspects)


def export_rows(start: datetime.date, end: datetime.date) -> list[list[str | int]]:
    """A heading row, then one row an answer: when (B.E., Bangkok time), levels, comment."""
    first, after = Period(start, end).instants()
    responses = SurveyResponse.objects.filter(
        submitted_at__gte=first, submitted_at__lt=after
    ).prefetch_related("ratings")
    rows: list[list[str | int]] = [
        [_("No."), _("Submitted"), *(str(a.label) for a in Aspect), _("Comment")]
    ]
    for number, response in enumerate(responses, 1):
        levels = {r.aspect: r.level for r in response.ratings.all()}
        rows.append(
            [
                number,
                format_datetime(response.submitted_at),
                *(levels.get(a.value, "") for a in Aspect),
                response.comment,
            ]
        )
    return rows


def export_csv(start: datetime.date, end: datetime.date) -> bytes:
    # The public writes the comments: csv_bytes keeps a would-be formula as text.
    return csv_bytes(export_rows(start, end))


def export_xlsx(start: datetime.date, end: datetime.date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Survey responses")
    for row in export_rows(start, end):
        append_row(sheet, row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {"A": 6, "B": 30}
    for column in sheet.iter_cols(min_row=1, max_row=1):
        letter = column[0].column_letter
        sheet.column_dimensions[letter].width = widths.get(letter, 18)
    sheet.column_dimensions[sheet.cell(1, sheet.max_column).column_letter].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
