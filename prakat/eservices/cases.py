"""Complaints and questions from the public: tracking codes, who may see a case, and each
step staff take on it (one transaction a step, every step written to the case's history).

Corruption complaints are seen only by the people the agency names
(:class:`CorruptionComplaintHandlers`), not by webmasters, executives or superusers who are not
named: a complainant about misconduct must be able to trust that the people complained about
cannot read it. Who names whom, and every opening of such a complaint, goes into the audit
log.

A submission is all or nothing: its files are written first, into a folder of random name,
then the case, its attachment rows, its first step and the tracking code in the citizen's
session commit in one transaction. Files a crash leaves behind have no row and are erased by
the job ``remove-orphan-case-files``.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import os
import posixpath
import re
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.db.models.signals import m2m_changed
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from huey import crontab
from wagtail.log_actions import log

from prakat.agency.access import unit_ids_of
from prakat.agency.models import Agency, Membership, Unit, display_name
from prakat.agency.refusal import holds
from prakat.agency.rights import right
from prakat.agency.roles import Role
from prakat.client import client_address
from prakat.eservices.log_actions import CORRUPTION_COMPLAINT_OPENED, HANDLERS_CHANGE
from prakat.eservices.models import (
    ATTACHMENT_ROOT,
    Case,
    CaseAttachment,
    CaseEvent,
    CaseKind,
    CaseStatus,
    CorruptionComplaintHandlers,
    attachment_name,
    new_attachment_folder,
    private_storage,
)
from prakat.schedule.jobs import scheduled_job
from prakat.thai.dates import format_datetime

# No 0/O, 1/I/L, U/V look-alikes: a code read out over the phone or copied by hand survives.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
CODE_LENGTH = 10
# Contact details and files of a case closed this long ago are erased (the PDPA notice says so).
RETENTION_DAYS = 2 * 365
# Per address (hashed), per hour.
SUBMISSIONS_PER_HOUR = 10
LOOKUPS_PER_HOUR = 20
# Who sees general complaints and questions, besides the members of the assigned unit.
HANDLE_CASES = right("handle_cases")
# A file in the e-services folder that no attachment row names is erased once it is this old;
# younger, it may belong to a submission still being stored.
ORPHAN_AGE = datetime.timedelta(hours=1)


def new_tracking_code() -> str:
    """Ten characters from a 29-letter alphabet: about 4×10¹⁴ codes, drawn by ``secrets``."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What a person typed (any case, with dashes or spaces) as a stored code, or ``""``."""
    code = re.sub(r"[\s\-–]", "", typed or "").upper()
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return ""
    return code


def find_case(typed: str) -> Case | None:
    """The case of a typed code. A malformed code still costs one query, so how long the
    answer takes says nothing about whether a code exists."""
    code = normalise_code(typed) or "-" * CODE_LENGTH
    case = Case.objects.filter(tracking_code=code).first()
    return case


# --- abuse limits ---------------------------------------------------------------------------


def address_hash(request) -> str:
    """A keyed hash of the client's address: enough to count, never the address itself."""
    address = client_address(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def over_limit(request, what: str, limit: int) -> bool:
    """Count one more ``what`` from this address this hour; True once past ``limit``."""
    hour = timezone.now().strftime("%Y%m%d%H")
    key = f"prakat:eservice:{what}:{address_hash(request)}:{hour}"
    cache.add(key, 0, 3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 3600)
        count = 1
    return count > limit


# --- who sees what --------------------------------------------------------------------------


def _handled_sites(user) -> models.QuerySet:
    """The sites (one per agency) whose list of corruption complaint handlers names ``user``."""
    return CorruptionComplaintHandlers.objects.filter(people=user).values("site_id")


def is_corruption_handler(user, agency: Agency) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return CorruptionComplaintHandlers.objects.filter(site_id=agency.site_id, people=user).exists()


def sees_all_general_cases(user) -> bool:
    return holds(user, HANDLE_CASES)


def visible_cases(user) -> models.QuerySet:
    """The cases ``user`` may see: checked on every list, page and download."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    if sees_all_general_cases(user):
        general = ~models.Q(kind=CaseKind.CORRUPTION_COMPLAINT)
    else:
        units = Membership.objects.filter(user=user).values("unit_id")
        general = ~models.Q(kind=CaseKind.CORRUPTION_COMPLAINT) & models.Q(unit_id__in=units)
    corruption = models.Q(
        kind=CaseKind.CORRUPTION_COMPLAINT, agency__site_id__in=_handled_sites(user)
    )
    return Case.objects.filter(general | corruption)


def may_use_cases(user) -> bool:
    """Whether the staff screens of e-services are any use to ``user`` (the menu item)."""
    return (
        sees_all_general_cases(user)
        or bool(unit_ids_of(user))
        or (user.is_authenticated and _handled_sites(user).exists())
    )


def may_name_handlers(user) -> bool:
    """Asked of the handlers setting's own permission policy, which Wagtail's settings
    screen asks too: administrators, superusers, and groups given the permission."""
    policy = CorruptionComplaintHandlers.get_permission_policy()
    return policy.user_has_permission(user, "change")


# --- steps ----------------------------------------------------------------------------------


def _record(case: Case, action: str, actor=None, text: str = "") -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        action=action,
        actor=actor,
        actor_name=display_name(actor) if actor is not None else "",
        text=text,
    )


def submit_case(
    agency: Agency,
    *,
    kind: str,
    subject: str,
    details: str,
    files: Iterable = (),
    also: Callable[[Case], None] | None = None,
    **contact,
) -> Case:
    """Store a case from the public, with its files, under a fresh tracking code: all of it
    or nothing.

    The files are written first, into a new folder of random name. Then one transaction
    commits the case with its code, a row for each file and the first step, and runs
    ``also`` (the view puts the code in the citizen's session there, so the code is kept
    exactly when the case is). Should the transaction fail, the files are deleted at once;
    should the server die before the commit, they stay with no row naming them and the job
    ``remove-orphan-case-files`` erases them.
    """
    stored = _store_files(files)
    try:
        with transaction.atomic():
            case = _create_with_fresh_code(
                agency=agency, kind=kind, subject=subject, details=details, **contact
            )
            for name, upload in stored:
                CaseAttachment.objects.create(
                    case=case, file=name, original_filename=upload.name, size=upload.size or 0
                )
            _record(case, CaseEvent.Action.RECEIVED)
            if also is not None:
                also(case)
            transaction.on_commit(lambda: _tell_about_new_case(case))
    except BaseException:
        _delete_files([name for name, _upload in stored])
        raise
    return case


def _create_with_fresh_code(**fields) -> Case:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Case.objects.create(tracking_code=new_tracking_code(), **fields)
        except IntegrityError:  # the same code drawn twice: draw again
            continue
    raise RuntimeError("no free tracking code after five draws")


def _store_files(files: Iterable) -> list[tuple[str, object]]:
    """Write a submission's files into a new folder; (stored name, upload) for each."""
    files = list(files)
    if not files:
        return []
    folder = new_attachment_folder()
    stored: list[tuple[str, object]] = []
    try:
        for upload in files:
            stored.append(
                (private_storage.save(attachment_name(folder, upload.name), upload), upload)
            )
    except BaseException:
        _delete_files([name for name, _upload in stored])
        raise
    return stored


def assign(case: Case, unit: Unit, actor) -> None:
    with transaction.atomic():
        case.unit = unit
        if case.status == CaseStatus.RECEIVED:
            case.status = CaseStatus.IN_PROGRESS
        case.save(update_fields=["unit", "status"])
        _record(case, CaseEvent.Action.ASSIGNED, actor, unit.name)


def reply(case: Case, text: str, actor, *, note: str = "") -> None:
    """A reply the citizen reads on the tracking page; ``note`` stays inside the agency."""
    with transaction.atomic():
        case.status = CaseStatus.REPLIED
        case.closed_at = None
        case.save(update_fields=["status", "closed_at"])
        _record(case, CaseEvent.Action.REPLIED, actor, text)
        if note:
            _record(case, CaseEvent.Action.NOTE, actor, note)
        if case.contact_email:
            transaction.on_commit(lambda: _tell_citizen_about_reply(case))


def add_note(case: Case, text: str, actor) -> None:
    with transaction.atomic():
        _record(case, CaseEvent.Action.NOTE, actor, text)


def close(case: Case, actor, *, note: str = "") -> None:
    with transaction.atomic():
        case.status = CaseStatus.CLOSED
        case.closed_at = timezone.now()
        case.save(update_fields=["status", "closed_at"])
        _record(case, CaseEvent.Action.CLOSED, actor, note)


def reopen(case: Case, actor) -> None:
    with transaction.atomic():
        case.status = CaseStatus.IN_PROGRESS
        case.closed_at = None
        case.save(update_fields=["status", "closed_at"])
        _record(case, CaseEvent.Action.REOPENED, actor)


def set_published_as_qa(case: Case, published: bool, actor) -> None:
    """Questions with a reply may be shown on the public Q&A list (no contact details)."""
    if case.kind != CaseKind.QUESTION or not case.public_replies().exists():
        raise ValueError("only an answered question can be published")
    with transaction.atomic():
        case.published_as_qa_at = timezone.now() if published else None
        case.save(update_fields=["published_as_qa_at"])
        action = CaseEvent.Action.PUBLISHED_QA if published else CaseEvent.Action.UNPUBLISHED_QA
        _record(case, action, actor)


def published_questions() -> models.QuerySet:
    return Case.objects.filter(kind=CaseKind.QUESTION, published_as_qa_at__isnull=False).order_by(
        "-published_as_qa_at", "-pk"
    )


# --- e-mails --------------------------------------------------------------------------------


def tracking_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse("eservices:track")


def send_code_to_citizen(case: Case) -> None:
    if not case.contact_email:
        return
    body = _(
        "Your %(kind)s “%(subject)s” was received on %(date)s.\n\n"
        "Tracking code: %(code)s\n\nFollow it at %(url)s"
    ) % {
        "kind": case.get_kind_display(),
        "subject": case.subject,
        "date": _date(case.received_at),
        "code": case.display_code,
        "url": tracking_url(),
    }
    send_mail(
        _("Tracking code %(code)s") % {"code": case.display_code},
        body,
        settings.DEFAULT_FROM_EMAIL,
        [case.contact_email],
    )


def _tell_citizen_about_reply(case: Case) -> None:
    # The reply itself is not mailed: the tracking page, behind the code, is where it is read.
    body = _(
        "The agency has replied to “%(subject)s” (tracking code %(code)s). "
        "Read the reply at %(url)s"
    ) % {"subject": case.subject, "code": case.display_code, "url": tracking_url()}
    send_mail(
        _("Reply to %(code)s") % {"code": case.display_code},
        body,
        settings.DEFAULT_FROM_EMAIL,
        [case.contact_email],
    )


def staff_to_tell(case: Case) -> list:
    """Who hears of a new case: the named handlers for corruption, else the webmasters."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if case.is_corruption:
        people = User.objects.filter(
            pk__in=CorruptionComplaintHandlers.people.through.objects.filter(
                corruptioncomplainthandlers__site_id=case.agency.site_id
            ).values("user_id")
        )
    else:
        people = User.objects.filter(groups__name=Role.WEBMASTER.group_name)
    return list(people.filter(is_active=True).exclude(email="").distinct())


def _tell_about_new_case(case: Case) -> None:
    people = staff_to_tell(case)
    if not people:
        return
    url = settings.WAGTAILADMIN_BASE_URL + reverse("eservices_admin:case", args=[case.pk])
    # The subject line says what arrived, not what it says: mail may be read over a shoulder.
    send_mail(
        _("New %(kind)s %(code)s") % {"kind": case.get_kind_display(), "code": case.display_code},
        _("A new %(kind)s has arrived. Open it at %(url)s")
        % {"kind": case.get_kind_display(), "url": url},
        settings.DEFAULT_FROM_EMAIL,
        [p.email for p in people],
    )


def _date(value: datetime.datetime) -> str:
    return format_datetime(value)


# --- retention ------------------------------------------------------------------------------


def erase_expired_contacts(now: datetime.datetime | None = None) -> int:
    """Erase contact details and files of cases closed more than RETENTION_DAYS ago.

    The subject, details and replies stay: they are the agency's record and feed the
    complaint statistics; what could identify the person goes.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=RETENTION_DAYS)
    due = Case.objects.filter(
        status=CaseStatus.CLOSED, closed_at__lt=cutoff, contact_erased_at__isnull=True
    )
    erased = 0
    for case in due:
        with transaction.atomic():
            files = [a.file.name for a in case.attachments.all()]
            case.attachments.all().delete()
            case.contact_name = case.contact_phone = case.contact_email = ""
            case.contact_erased_at = now
            case.save(
                update_fields=[
                    "contact_name",
                    "contact_phone",
                    "contact_email",
                    "contact_erased_at",
                ]
            )
            _record(case, CaseEvent.Action.ERASED)
            transaction.on_commit(lambda names=files: _delete_files(names))
        erased += 1
    return erased


def _delete_files(names: list[str]) -> None:
    folders = set()
    for name in names:
        private_storage.delete(name)
        folders.add(posixpath.dirname(name))
    for folder in folders:
        _remove_if_empty(folder)


def _remove_if_empty(folder: str) -> bool:
    try:
        os.rmdir(private_storage.path(folder))
    except OSError:  # not empty (or gone already): left as it is
        return False
    except NotImplementedError:  # a bucket has no folders, only names
        return False
    return True


# 19:00 UTC is 02:00 in Bangkok: a quiet hour.
@scheduled_job("erase-closed-case-contacts", crontab(hour="19", minute="0"))
def erase_closed_case_contacts() -> str:
    return f"{erase_expired_contacts()} case(s) erased"


# --- files no case names ----------------------------------------------------------------


def remove_orphan_files(now: datetime.datetime | None = None) -> int:
    """Erase the files in the private storage's e-services folder that no attachment row
    names and that are older than ORPHAN_AGE, then the folders so emptied (or empty and as
    old); the number of files erased.

    Such files are what a crash during a submission leaves (see :func:`submit_case`), or a
    crash between erasing a case's rows and its files. Younger ones are left alone: they may
    belong to a submission still being stored.
    """
    cutoff = ((now or timezone.now()) - ORPHAN_AGE).timestamp()
    try:
        location = Path(private_storage.path(""))
    except NotImplementedError:  # a bucket: no folders to walk or empty, only names
        return _remove_orphan_objects(cutoff)
    root = location / ATTACHMENT_ROOT
    if not root.is_dir():
        return 0
    named = set(CaseAttachment.objects.values_list("file", flat=True))
    removed = 0
    emptied: set[Path] = set()
    for folder, _subfolders, files in os.walk(root, topdown=False):
        here = Path(folder)
        for file in files:
            path = here / file
            if path.relative_to(location).as_posix() in named:
                continue
            if path.lstat().st_mtime >= cutoff:
                continue
            path.unlink()
            removed += 1
            emptied.add(here)
        if here == root or any(here.iterdir()):
            continue
        if here in emptied or here.stat().st_mtime < cutoff:
            here.rmdir()
            emptied.add(here.parent)
    return removed


def _remove_orphan_objects(cutoff: float) -> int:
    """``remove_orphan_files`` in a storage without folders (a bucket)."""
    named = set(CaseAttachment.objects.values_list("file", flat=True))
    removed = 0
    folders = [ATTACHMENT_ROOT]
    while folders:
        folder = folders.pop()
        subfolders, files = private_storage.listdir(folder)
        folders.extend(f"{folder}/{sub}" for sub in subfolders)
        for file in files:
            name = f"{folder}/{file}"
            if name in named or private_storage.get_modified_time(name).timestamp() >= cutoff:
                continue
            private_storage.delete(name)
            removed += 1
    return removed


@scheduled_job("remove-orphan-case-files", crontab(minute="25"))
def remove_orphan_case_files() -> str:
    return f"{remove_orphan_files()} file(s) with no case removed"


# --- the audit log: handlers named and removed, corruption complaints opened --------------


def case_label(case: Case) -> str:
    """How the audit log names a case: by its number, never its code or subject (the code
    opens the public tracking page; the subject may name the person complained about)."""
    return _("Complaint no. %(number)s") % {"number": case.pk}


def record_opening(case: Case, user, attachment: CaseAttachment | None = None) -> None:
    """Write down that ``user`` opened a corruption complaint (its page or one file)."""
    if not case.is_corruption:
        return
    from django.contrib.auth import get_user_model

    # A request's user may be a lazy wrapper (two-step sign-in), which Wagtail's log cannot
    # place; log against the account itself.
    user = get_user_model()._default_manager.filter(pk=user.pk).first() or user
    data = {"case": case.pk}
    if attachment is not None:
        data["attachment"] = attachment.pk
    log(
        instance=case,
        action=CORRUPTION_COMPLAINT_OPENED,
        user=user,
        title=case_label(case),
        data=data,
    )


def handler_names(users: Iterable) -> list[str]:
    return sorted(
        f"{display_name(u)} ({u.get_username()})" if u.get_full_name() else u.get_username()
        for u in users
    )


def handlers_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """Log who was named and who removed, whatever screen or command changed the list."""
    # backup reads every app's models, e-services' among them: asked only when a list changes.
    from prakat.backup.archive import restoring

    if restoring():  # a restore replays the archive's rows; nobody changed anything
        return
    if action == "pre_clear":
        instance._handlers_before_clear = set(instance.people.values_list("pk", flat=True))
        return
    if action == "post_clear":
        pk_set, key = instance.__dict__.pop("_handlers_before_clear", set()), "removed"
    elif action in ("post_add", "post_remove"):
        key = "added" if action == "post_add" else "removed"
    else:
        return
    if not pk_set:
        return
    people = model._default_manager.filter(pk__in=pk_set)
    log(
        instance=instance,
        action=HANDLERS_CHANGE,
        title=str(instance),
        data={key: handler_names(people)},
    )


m2m_changed.connect(
    handlers_changed,
    sender=CorruptionComplaintHandlers.people.through,
    dispatch_uid="prakat_corruption_handlers_changed",
)
