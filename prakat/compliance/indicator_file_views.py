"""The administrator's screen of ITA indicator files: the years there are, each file to
download, and a new year's file to import — checked, its differences shown, kept only when
confirmed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from prakat.agency.refusal import right_required
from prakat.agency.rights import right
from prakat.compliance.indicator_import import (
    ConfirmImportForm,
    IndicatorFileForm,
    compared_with,
    differences,
    forget,
    keep,
)
from prakat.compliance.indicators import (
    available_years,
    indicator_file_text,
    shipped_years,
)
from prakat.compliance.models import IndicatorFile
from prakat.spreadsheet import download

RIGHT = right("import_indicator_files")


def _years() -> list[dict]:
    imported = {f.fiscal_year: f for f in IndicatorFile.objects.select_related("imported_by")}
    shipped = set(shipped_years())
    return [
        {
            "year": year,
            "imported": imported.get(year),
            "shipped": year in shipped,
            "download_url": reverse("compliance:indicator_file", args=[year]),
        }
        for year in reversed(available_years())
    ]


def _screen(request: HttpRequest, form: IndicatorFileForm, status: int = 200) -> HttpResponse:
    return TemplateResponse(
        request,
        "compliance/indicator_files.html",
        {
            "page_title": _("ITA indicator files"),
            "header_icon": "list-ul",
            "form": form,
            "years": _years(),
        },
        status=status,
    )


@right_required(RIGHT)
def indicator_files(request: HttpRequest) -> HttpResponse:
    """GET: the years and the upload; POST: the upload checked, then its differences shown
    with a button that keeps it. Nothing is kept by this step."""
    if request.method != "POST":
        return _screen(request, IndicatorFileForm())
    form = IndicatorFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _screen(request, form, status=400)
    new = form.indicator_set
    old = compared_with(new)
    return TemplateResponse(
        request,
        "compliance/indicator_file_preview.html",
        {
            "page_title": _("Import the indicator file of fiscal year %(year)d")
            % {"year": new.fiscal_year},
            "header_icon": "list-ul",
            "new": new,
            "old": old,
            "replaces": old is not None and old.fiscal_year == new.fiscal_year,
            "differences": differences(old, new) if old is not None else [],
            "confirm": ConfirmImportForm(initial={"content": form.text}),
        },
    )


@require_POST
@right_required(RIGHT)
def confirm_import(request: HttpRequest) -> HttpResponse:
    form = ConfirmImportForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("content", []):
            messages.error(request, error)
        return redirect("compliance:indicator_files")
    kept = keep(form.cleaned_data["content"], form.indicator_set, request.user)
    messages.success(
        request,
        _(
            "The indicator file of fiscal year %(year)d was imported: the dashboard, the ITA "
            "view and its exports now use it."
        )
        % {"year": kept.fiscal_year},
    )
    return redirect("compliance:indicator_files")


@require_POST
@right_required(RIGHT)
def remove_import(request: HttpRequest, year: int) -> HttpResponse:
    """Take back an imported file (a wrong one): the year falls back to the file Prakat ships,
    or to the latest year before it, as the screens then say."""
    if not forget(year, request.user):
        raise Http404
    messages.success(
        request,
        _("The imported indicator file of fiscal year %(year)d was removed.") % {"year": year},
    )
    return redirect("compliance:indicator_files")


@right_required(RIGHT)
def indicator_file(request: HttpRequest, year: int) -> HttpResponse:
    """The year's file as it stands, to start the next year's from."""
    text = indicator_file_text(year)
    if text is None:
        raise Http404
    return download(
        request,
        text.encode("utf-8"),
        filename=f"{year}.yaml",
        content_type="application/yaml; charset=utf-8",
        what=_("ITA indicator file of fiscal year %(year)d") % {"year": year},
    )
