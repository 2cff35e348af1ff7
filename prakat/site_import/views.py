"""The webmaster's screens: the imports made, a new export file, its mapping, its report."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from wagtail.admin import messages
from wagtail.models import Site

from prakat.agency.refusal import right_required
from prakat.agency.rights import right
from prakat.content.upload_limit import BoundedUploadHandler
from prakat.site_import.forms import EXPORT_LIMIT_MB, ExportFileForm, MappingForm
from prakat.site_import.jobs import import_site_task
from prakat.site_import.models import Outcome, SiteImport, Stage

RIGHT = right("import_old_site")


def _site(request: HttpRequest) -> Site:
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


def _imports_of(request: HttpRequest):
    return SiteImport.objects.filter(site=_site(request)).select_related("created_by")


@csrf_exempt  # the token is checked below, once the upload's own limit is set
@right_required(RIGHT)
def imports(request: HttpRequest) -> HttpResponse:
    """GET: the imports made and the upload; POST: the export file read and kept, then its
    mapping asked for. Nothing of the site changes at this step."""
    # An export is bigger than the uploads the rest of the site takes.
    request.upload_handlers = [BoundedUploadHandler(request, limit=EXPORT_LIMIT_MB * 1024 * 1024)]
    return csrf_protect(_imports)(request)


def _imports(request: HttpRequest) -> HttpResponse:
    form = ExportFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["export_file"]
        site_import = SiteImport.objects.create(
            site=_site(request),
            export_file=upload,
            file_name=upload.name[:255],
            source_title=form.export.title[:255],
            source_url=form.export.base_url[:500],
            files_url=form.export.base_url[:500],
            summary=form.export.summary(),
            created_by=request.user,
        )
        return redirect("site_import:mapping", site_import.pk)
    return TemplateResponse(
        request,
        "site_import/imports.html",
        {
            "page_title": _("Old website import"),
            "header_icon": "download",
            "form": form,
            "imports": _imports_of(request),
        },
        status=400 if form.is_bound else 200,
    )


@right_required(RIGHT)
def mapping(request: HttpRequest, pk: int) -> HttpResponse:
    site_import = get_object_or_404(_imports_of(request), pk=pk)
    if site_import.stage != Stage.MAPPING:
        return redirect("site_import:report", pk)
    summary = site_import.summary
    form = MappingForm(request.POST or None, site=site_import.site, summary=summary)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # Confirmed once: a second press (or a second tab) finds it taken already.
            taken = SiteImport.objects.filter(pk=pk, stage=Stage.MAPPING).update(
                category_map=form.category_map(),
                owner_unit=form.cleaned_data["owner_unit"],
                import_pages=form.cleaned_data["import_pages"],
                files_url=form.cleaned_data["files_url"],
                confirmed_by=request.user,
                stage=Stage.QUEUED,
            )
            if taken:
                import_site_task.enqueue(site_import.pk)
        messages.success(
            request, _("The import is on its way; this page shows its report when it is done.")
        )
        return redirect("site_import:report", pk)
    return TemplateResponse(
        request,
        "site_import/mapping.html",
        {
            "page_title": _("Map the old website's categories"),
            "header_icon": "download",
            "site_import": site_import,
            "summary": summary,
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


@right_required(RIGHT)
def report(request: HttpRequest, pk: int) -> HttpResponse:
    site_import = get_object_or_404(_imports_of(request), pk=pk)
    rows = list(site_import.rows.all())
    totals = {outcome: sum(r.outcome == outcome for r in rows) for outcome in Outcome.values}
    return TemplateResponse(
        request,
        "site_import/report.html",
        {
            "page_title": _("Old website import: %(name)s") % {"name": site_import.file_name},
            "header_icon": "download",
            "site_import": site_import,
            "rows": rows,
            "totals": totals,
            "back": reverse("site_import:imports"),
        },
    )
