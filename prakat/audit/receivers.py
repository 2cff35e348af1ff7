"""Signal receivers: every log entry gets the client's address; what Wagtail does not log
(signing in and out, role and permission changes, settings saved, files uploaded or deleted
several at a time) is logged here; log entries can be added, never changed or deleted."""

from __future__ import annotations

from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils.translation import gettext
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models.audit_log import BaseLogEntry

from prakat.audit import log_actions, request_context, writer
from prakat.backup.archive import restoring
from prakat.client import client_address
from prakat.content.signals import page_copies_viewed


def connect() -> None:
    pre_save.connect(stamp_address, dispatch_uid="prakat_audit_address")
    pre_save.connect(refuse_change, dispatch_uid="prakat_audit_refuse_change")
    pre_delete.connect(refuse_delete, dispatch_uid="prakat_audit_refuse_delete")
    user_logged_in.connect(signed_in, dispatch_uid="prakat_audit_sign_in")
    user_logged_out.connect(signed_out, dispatch_uid="prakat_audit_sign_out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="prakat_audit_sign_in_failure")
    user = get_user_model()
    m2m_changed.connect(
        groups_changed, sender=user.groups.through, dispatch_uid="prakat_audit_groups"
    )
    m2m_changed.connect(
        permissions_changed,
        sender=user.user_permissions.through,
        dispatch_uid="prakat_audit_user_permissions",
    )
    m2m_changed.connect(
        permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid="prakat_audit_group_permissions",
    )
    post_save.connect(setting_saved, dispatch_uid="prakat_audit_settings")
    page_copies_viewed.connect(page_copies_viewed_logged, dispatch_uid="prakat_audit_copies")
    for model in (get_document_model(), get_image_model()):
        post_save.connect(file_saved, sender=model, dispatch_uid=f"prakat_audit_{model.__name__}")
        post_delete.connect(
            file_deleted, sender=model, dispatch_uid=f"prakat_audit_del_{model.__name__}"
        )


# --- every entry: from where, and append-only --------------------------------------------


def stamp_address(sender, instance, raw=False, **kwargs) -> None:
    if raw or not isinstance(instance, BaseLogEntry) or not instance._state.adding:
        return
    context = request_context.current()
    if context is not None and context.address and "address" not in (instance.data or {}):
        instance.data = {**(instance.data or {}), "address": context.address}


def refuse_change(sender, instance, raw=False, **kwargs) -> None:
    if isinstance(instance, BaseLogEntry) and not instance._state.adding:
        raise PermissionDenied(gettext("Entries of the audit log cannot be changed."))


def refuse_delete(sender, instance, **kwargs) -> None:
    if isinstance(instance, BaseLogEntry):
        raise PermissionDenied(gettext("Entries of the audit log cannot be deleted."))


# --- signing in and out ------------------------------------------------------------------


def _address_from(request) -> dict:
    """The address when the request is not inside the middleware (the test client's login)."""
    if request is None or request_context.current() is not None:
        return {}
    address = client_address(request)
    return {"address": address} if address else {}


def signed_in(sender, request, user, **kwargs) -> None:
    log(instance=user, action=log_actions.SIGN_IN, user=user, data=_address_from(request))


def signed_out(sender, request, user, **kwargs) -> None:
    if user is None:
        return
    # With two-step sign-in the request's user is a lazy wrapper, which Wagtail's log cannot
    # place; log against the account itself.
    user = get_user_model()._default_manager.filter(pk=user.pk).first() or user
    if request is not None:
        # The request is anonymous from here on; the traffic log still names who it was.
        request.audit_signed_out_username = user.get_username()
    log(instance=user, action=log_actions.SIGN_OUT, user=user, data=_address_from(request))


def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    """Log the name that was tried, never the password (Django has masked it already)."""
    model = get_user_model()
    username = str(credentials.get(model.USERNAME_FIELD) or credentials.get("username") or "")
    account = model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()
    # A name with no account is logged against no one: an unsaved user numbered 0.
    instance = account or model(**{"pk": 0, model.USERNAME_FIELD: username})
    log(
        instance=instance,
        action=log_actions.SIGN_IN_FAILURE,
        user=None,
        title=username,
        data={"username": username, **_address_from(request)},
    )


# --- roles and permissions ---------------------------------------------------------------


def _names(model, pks) -> list[str]:
    if model is Permission:
        return sorted(
            f"{p.content_type.app_label}.{p.codename}"
            for p in Permission.objects.filter(pk__in=pks).select_related("content_type")
        )
    return sorted(str(obj) for obj in model._default_manager.filter(pk__in=pks))


def _log_m2m(action, instance, model, reverse, kind, pk_set) -> None:
    if restoring():  # a restore replays the archive's rows; nobody changed anything
        return
    if kind not in ("post_add", "post_remove") or not pk_set:
        return
    key = "added" if kind == "post_add" else "removed"
    if not reverse:
        log(instance=instance, action=action, data={key: _names(model, pk_set)})
        return
    # Changed from the other side (a group's members, a permission's groups): log on each.
    for other in model._default_manager.filter(pk__in=pk_set):
        log(instance=other, action=action, data={key: [str(instance)]})


def groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    _log_m2m(log_actions.GROUPS_CHANGE, instance, model, reverse, action, pk_set)


def permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if reverse:
        return  # a permission's own groups/users are changed only from their side
    _log_m2m(log_actions.PERMISSIONS_CHANGE, instance, model, reverse, action, pk_set)


# --- settings ----------------------------------------------------------------------------


def setting_saved(sender, instance, created, raw=False, **kwargs) -> None:
    """Wagtail's settings screens save without logging; a save made by a person is logged."""
    if created or raw or not isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        return  # a setting is created when first read: nobody changed anything yet
    context = request_context.current()
    if context is None or not context.request.user.is_authenticated:
        return  # saved by a command or a job, not by a person
    log(instance=instance, action="wagtail.edit", user=context.request.user)


# --- documents and images ----------------------------------------------------------------


def file_saved(sender, instance, created, raw=False, **kwargs) -> None:
    context = request_context.current()
    if created and not raw and context is not None:
        context.file_changes.append((sender, instance.pk, str(instance), "wagtail.create"))


def file_deleted(sender, instance, **kwargs) -> None:
    context = request_context.current()
    if context is not None:
        context.file_changes.append((sender, instance.pk, str(instance), "wagtail.delete"))


# --- the traffic log: views the web server gave from page copies --------------------------


def page_copies_viewed_logged(sender, views, **kwargs) -> None:
    """A view nginx gave from a copy of a page is a request like any other in the log."""
    for _page_id, entry in views:
        writer.record(entry)
