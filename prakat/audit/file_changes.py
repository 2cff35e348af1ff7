"""Documents and images added or deleted several at a time.

Wagtail logs a document or image added or deleted through its one-at-a-time screens, but not
those of the multiple upload or the bulk delete. The receivers note every file created or
deleted during a request; when the response is ready this logs those that no Wagtail view
logged, so each appears exactly once.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from prakat.audit.request_context import RequestContext


def log_file_changes(context: RequestContext) -> None:
    user = context.request.user if context.request.user.is_authenticated else None
    with transaction.atomic():
        for model, pk, title, action in context.file_changes:
            content_type = ContentType.objects.get_for_model(model)
            exists = model._default_manager.filter(pk=pk).exists()
            if exists != (action == "wagtail.create"):
                continue  # created then deleted, or a delete rolled back: nothing happened
            logged = ModelLogEntry.objects.filter(
                content_type=content_type,
                object_id=str(pk),
                action=action,
                timestamp__gte=context.started,
            ).exists()
            if not logged:
                log(
                    instance=model(pk=pk, title=title),
                    action=action,
                    user=user,
                    title=title,
                    deleted=action == "wagtail.delete",
                    content_changed=True,
                )
    context.file_changes.clear()
