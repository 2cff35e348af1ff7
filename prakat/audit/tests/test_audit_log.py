"""The audit log: who did what, when and from where, shown to auditors and administrators."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from wagtail.documents import get_document_model
from wagtail.models import ModelLogEntry, PageLogEntry
from wagtail.snippets.models import get_snippet_models

from prakat.agency.roles import Role
from prakat.content.tests import helpers

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def auditor(make_user):
    return make_user("auditor", Role.AUDITOR, first_name="ตรวจ", last_name="สอบ")


def sign_in(client, username, password, address):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_sign_in_failure_and_sign_out_are_in_the_report_with_the_address(
    client, webmaster, auditor
):
    sign_in(client, "webmaster", "wrong-password-123", "198.51.100.7")
    sign_in(client, "nobody-here", "another-secret-456", "198.51.100.8")
    assert sign_in(client, "webmaster", PASSWORD, "198.51.100.7").status_code == 302
    client.post(reverse("wagtailadmin_logout"), REMOTE_ADDR="198.51.100.7")

    entries = {e.action: e for e in ModelLogEntry.objects.filter(action__startswith="prakat.")}
    assert entries["prakat.sign_in"].user == webmaster
    assert entries["prakat.sign_in"].data["address"] == "198.51.100.7"
    assert entries["prakat.sign_out"].data["address"] == "198.51.100.7"
    failures = ModelLogEntry.objects.filter(action="prakat.sign_in_failure").order_by("pk")
    assert [(f.data["username"], f.data["address"]) for f in failures] == [
        ("webmaster", "198.51.100.7"),
        ("nobody-here", "198.51.100.8"),
    ]
    everything = str([e.data for e in ModelLogEntry.objects.all()])
    assert "wrong-password-123" not in everything and "another-secret-456" not in everything

    client.force_login(auditor)
    html = client.get(reverse("audit_log")).content.decode()
    assert "เข้าสู่ระบบไม่สำเร็จในชื่อ “nobody-here”" in html
    assert "เข้าสู่ระบบแล้ว" in html and "ออกจากระบบแล้ว" in html
    assert "198.51.100.8" in html


def test_approval_and_publishing_entries_carry_the_address(client, people, submitted, auditor):
    client.force_login(people.head)
    url = reverse("publishing:request_detail", args=[submitted.pk])
    client.post(url, {"action": "approve"}, REMOTE_ADDR="192.0.2.10")
    approve = PageLogEntry.objects.get(action="wagtail.workflow.approve")
    assert approve.user == people.head
    assert approve.data["address"] == "192.0.2.10"

    client.force_login(auditor)
    response = client.get(reverse("audit_log"), {"action": "wagtail.workflow.approve"})
    assert "192.0.2.10" in response.content.decode()


def test_the_report_exports_one_persons_entries_as_csv_and_the_export_is_logged(
    client, webmaster, make_user, auditor
):
    other = make_user("other", Role.REQUESTER)
    sign_in(client, "webmaster", PASSWORD, "198.51.100.7")
    sign_in(client, "other", PASSWORD, "198.51.100.9")
    client.force_login(auditor)
    response = client.get(
        reverse("audit_log"), {"user": webmaster.pk, "export": "csv"}, REMOTE_ADDR="192.0.2.5"
    )
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and {r["ผู้ใช้"] for r in rows} == {"ณัฐพล ศรีสวัสดิ์"}
    assert "198.51.100.7" in {r["ที่อยู่ไอพี"] for r in rows}
    assert other.username not in text
    export = ModelLogEntry.objects.get(action="prakat.export")
    assert export.user == auditor and export.data["address"] == "192.0.2.5"


@pytest.mark.parametrize("role", [Role.WEBMASTER, Role.REQUESTER, Role.EXECUTIVE])
def test_only_auditors_and_administrators_see_the_report(client, built_site, make_user, role):
    client.force_login(make_user("someone", role))
    response = client.get(reverse("audit_log"))
    assert response.status_code == 403
    assert "บทบาทที่มีสิทธิ์นี้: ผู้ดูแลระบบ, ผู้ตรวจประเมิน" in response.content.decode()


def test_administrators_see_the_report(client, built_site, make_user):
    client.force_login(make_user("admin", Role.ADMINISTRATOR))
    assert client.get(reverse("audit_log")).status_code == 200


def test_entries_cannot_be_changed_or_deleted(webmaster):
    entry = ModelLogEntry.objects.filter(user__isnull=True).first()
    assert entry is not None  # the role given to the webmaster was logged
    entry.label = "แก้ไข"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        ModelLogEntry.objects.all().delete()
    # No screen edits or deletes them: not a snippet, no Django admin, no URL names them.
    assert ModelLogEntry not in get_snippet_models()
    assert PageLogEntry not in get_snippet_models()
    names = [str(p.pattern) for p in get_resolver().url_patterns]
    assert not any("logentry" in name.lower() for name in names)


def test_role_changes_are_logged_with_what_changed(make_user):
    user = make_user("newcomer")
    user.groups.add(Role.WEBMASTER.group())
    user.groups.remove(Role.WEBMASTER.group())
    entries = ModelLogEntry.objects.filter(action="prakat.groups_change", object_id=str(user.pk))
    assert [e.data for e in entries.order_by("pk")] == [
        {"added": ["ผู้ดูแลเว็บไซต์"]},
        {"removed": ["ผู้ดูแลเว็บไซต์"]},
    ]
    Group.objects.get(name="ผู้ดูแลเว็บไซต์").user_set.add(user)
    assert entries.count() == 3


def test_multiple_upload_and_bulk_delete_of_documents_are_logged_once_each(client, webmaster):
    client.force_login(webmaster)
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("สรุป.pdf", helpers.pdf_bytes()), "collection": "1"},
        REMOTE_ADDR="192.0.2.77",
    )
    assert response.json()["success"] is True
    document = get_document_model().objects.get()
    created = ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(document.pk))
    assert created.count() == 1 and created.get().data["address"] == "192.0.2.77"

    client.post(
        reverse("wagtaildocs:add"),
        {"title": "คำสั่ง", "file": SimpleUploadedFile("คำสั่ง.pdf", helpers.pdf_bytes()),
         "collection": "1"},
    )  # fmt: skip
    second = get_document_model().objects.exclude(pk=document.pk).get()
    created = ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(second.pk))
    assert created.count() == 1

    url = (
        reverse("wagtail_bulk_action", args=["content", "agencydocument", "delete"])
        + f"?id={document.pk}&id={second.pk}"
    )
    client.post(url)
    assert not get_document_model().objects.exists()
    deleted = ModelLogEntry.objects.filter(action="wagtail.delete")
    assert sorted(e.object_id for e in deleted) == sorted([str(document.pk), str(second.pk)])
