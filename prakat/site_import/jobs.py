"""The import runs in the job worker: fetching an old site's files takes minutes."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from prakat.site_import import importer
from prakat.site_import.models import SiteImport, Stage


@task()
def import_site_task(site_import_id: int) -> None:
    # Taken by one run only: a second worker (or a retry) finds it running or done.
    if not SiteImport.objects.filter(pk=site_import_id, stage=Stage.QUEUED).update(
        stage=Stage.RUNNING
    ):
        return
    site_import = SiteImport.objects.get(pk=site_import_id)
    try:
        importer.run(site_import)
    except Exception as error:
        # Nothing of the import was written (one transaction); the reason is kept for the
        # webmaster, and the worker's log has the rest.
        with transaction.atomic():
            SiteImport.objects.filter(pk=site_import_id).update(
                stage=Stage.FAILED, failure=f"{type(error).__name__}: {error}"[:2000]
            )
        raise
