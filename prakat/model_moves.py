"""Models that move from one app to another keep everything that points at them.

A model's content type names its app. When a model moves to another app (its table kept,
as the first migrations of statistics, survey and e-services do for the models that were the
"engagement" app's), its content type is renamed to the new app, so whatever points at it
follows: the permissions granted to groups and people (shown in Wagtail's group editor), the
entries of Wagtail's log (the audit log), the reference index. Where the new app's content type
exists already (Django makes the content types of installed apps after every ``migrate``),
what points at the old one is moved onto it and the old one deleted. Content types of models
that no longer exist anywhere are deleted with their permissions.

Called from migrations, with the migration's ``apps``.
"""

from __future__ import annotations

from collections.abc import Iterable


def move_content_types(
    apps, old_app: str, new_app: str, models: Iterable[str], gone: Iterable[str] = ()
) -> None:
    """Give the content types of ``models`` (lower-case model names) of ``old_app`` to
    ``new_app``; delete those of ``gone``, models of ``old_app`` that exist no more."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in models:
        old = ContentType.objects.filter(app_label=old_app, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=new_app, model=model).first()
        if new is None:
            old.app_label = new_app
            old.save(update_fields=["app_label"])
        else:
            _merge(apps, old, new)
    ContentType.objects.filter(app_label=old_app, model__in=list(gone)).delete()


def _merge(apps, old, new) -> None:
    """Move what points at content type ``old`` onto ``new``, then delete ``old``."""
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(content_type=old):
        kept = Permission.objects.filter(content_type=new, codename=permission.codename).first()
        if kept is None:
            permission.content_type = new
            permission.save(update_fields=["content_type"])
            continue
        # The groups and people who held the old permission hold the kept one.
        for model, name in _many_to_many(apps, Permission):
            for holder in model._base_manager.filter(**{name: permission}):
                getattr(holder, name).add(kept)
        for model, name in _foreign_keys(apps, Permission):
            model._base_manager.filter(**{name: permission}).update(**{name: kept})
        permission.delete()
    for model, name in _foreign_keys(apps, type(old)):
        model._base_manager.filter(**{name: old}).update(**{name: new})
    old.delete()


def _foreign_keys(apps, target) -> Iterable[tuple[type, str]]:
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.many_to_one and field.related_model is target:
                yield model, field.name


def _many_to_many(apps, target) -> Iterable[tuple[type, str]]:
    for model in apps.get_models():
        for field in model._meta.local_many_to_many:
            if field.related_model is target:
                yield model, field.name
