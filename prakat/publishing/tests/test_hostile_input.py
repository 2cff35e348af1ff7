"""Hostile input: what an attacker types or sends changes nothing it should not."""

import pytest
from django.test import Client
from django.urls import reverse

from prakat.agency.models import Membership, Unit
from prakat.agency.roles import Role
from prakat.content.models import AgencyDocument, InformationItemPage, clean_filename
from prakat.content.tests import helpers
from prakat.content.upload_limit import BoundedUploadHandler
from prakat.publishing.models import PublicationRequest
from prakat.publishing.submission import RequestDetails, submit
from prakat.publishing.tests.test_workflow import act

SCRIPT = '<script>alert("x")</script><img src=x onerror="alert(1)">'
SQL = "'; DROP TABLE wagtailcore_page; -- \" OR 1=1"


def test_script_typed_into_a_request_is_shown_as_text_on_the_public_page(client, people, news):
    publication_request = submit(
        people.requester, news,
        RequestDetails(title=f"ประกาศ {SCRIPT}", summary=f"รายละเอียด {SCRIPT}\n\nย่อหน้า"),
    )  # fmt: skip
    act(publication_request, people.head, "approve")
    act(publication_request, people.webmaster, "approve")
    item = InformationItemPage.objects.get(pk=publication_request.page_id)
    assert item.live
    html = Client().get(item.url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<img src=x onerror="alert(1)">' not in html


@pytest.mark.parametrize("query", [SQL, "%", "_", "\\", "' OR '1'='1", "ประกาศ' UNION SELECT 1--"])
def test_sql_metacharacters_in_search_and_filters_change_nothing(client, people, news, query):
    helpers.publish_item(news, "ประกาศรับสมัครงาน", people.unit)
    pages = InformationItemPage.objects.count()
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "ประกาศรับสมัครงาน" not in response.content.decode() or query.startswith("ประกาศ")
    client.force_login(people.webmaster)
    listed = client.get(reverse("publication_requests:index"), {"q": query, "show": query})
    assert listed.status_code == 200
    assert InformationItemPage.objects.count() == pages


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\a.pdf", "a.pdf"),
        ("/var/lib/prakat/secret_key.pdf", "secret_key.pdf"),
        ("รายงาน\u202efdp.exe", "รายงานfdp.exe"),  # right-to-left override hides ".exe"
        ("ประกาศ\x00.pdf", "ประกาศ.pdf"),
        ("...pdf", "pdf"),
        ("ป" * 300 + ".pdf", "ป" * 196 + ".pdf"),
    ],
)
def test_file_names_are_neutralised(sent, kept):
    assert clean_filename(sent) == kept


def test_an_uploaded_name_with_folders_is_stored_by_its_base_name(client, people, settings):
    client.force_login(people.webmaster)
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "ประกาศ",
            "file": SimpleUploadedFile("../../../ประกาศ.pdf", helpers.pdf_bytes()),
            "collection": "1",
        },
    )
    document = AgencyDocument.objects.get()
    assert document.original_filename == "ประกาศ.pdf"
    assert ".." not in document.file.name
    stored = settings.MEDIA_ROOT / document.file.name
    assert stored.resolve().is_relative_to(settings.MEDIA_ROOT.resolve())


def test_an_oversized_upload_is_cut_off_as_it_arrives():
    """50 MB sent, at most the limit and a byte kept; the policy sees the real size."""
    limit = 4 * 1024 * 1024
    handler = BoundedUploadHandler(limit=limit)
    handler.new_file("file", "huge.pdf", "application/pdf", 50 * 1024 * 1024)
    chunk = b"%PDF" + b"0" * (64 * 1024 - 4)
    sent = 0
    for start in range(0, 50 * 1024 * 1024, len(chunk)):
        handler.receive_data_chunk(chunk, start)
        sent += len(chunk)
    uploaded = handler.file_complete(sent)
    uploaded.file.seek(0, 2)
    assert uploaded.file.tell() == limit + 1  # on disk: nothing beyond the limit
    assert uploaded.size == sent  # the policy refuses it by its real size
    uploaded.close()


def test_every_state_changing_form_needs_the_csrf_token(people, news, submitted):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people.requester)
    assert strict.post(reverse("publishing:request_new"), {"title": "x"}).status_code == 403
    strict.force_login(people.head)
    detail = reverse("publishing:request_detail", args=[submitted.pk])
    assert strict.post(detail, {"action": "approve"}).status_code == 403
    strict.force_login(people.webmaster)
    assert strict.post(reverse("wagtaildocs:add"), {"title": "x"}).status_code == 403
    assert strict.post(reverse("notifications:index")).status_code == 403
    assert strict.post(reverse("wagtailadmin_logout")).status_code == 403
    submitted.refresh_from_db()
    assert not submitted.decisions.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/pages/",
        "/admin/documents/",
        "/admin/images/",
        "/admin/users/",
        "/admin/publishing/",
        "/admin/publishing/new/",
        "/admin/publishing/notifications/",
        "/admin/reports/site-history/",
        "/admin/settings/",
        "/admin/scheduled-jobs/",
        "/admin/statistics/",
    ],
)
def test_the_admin_is_unreachable_without_signing_in(client, built_site, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_a_requester_cannot_reach_another_units_request_or_its_files(client, people, news):
    from django.contrib.auth import get_user_model

    legal = Unit.objects.get(name="กลุ่มงานนิติการ")
    outsider = get_user_model().objects.create_user("lawyer", password="correct-horse-42")
    outsider.groups.add(Role.REQUESTER.group())
    Membership.objects.create(user=outsider, unit=legal, position="นิติกร")
    from django.core.files.uploadedfile import SimpleUploadedFile

    draft = SimpleUploadedFile("ร่าง.pdf", helpers.pdf_bytes())
    publication_request = submit(
        people.requester, news, RequestDetails(title="ร่างประกาศ", files=[draft])
    )
    client.force_login(outsider)
    for name in ("publishing:request_detail", "publishing:request_form_pdf"):
        assert client.get(reverse(name, args=[publication_request.pk])).status_code in (403, 404)
    document = (
        InformationItemPage.objects.get(pk=publication_request.page_id).attachments.get().document
    )
    assert Client().get(document.url).status_code == 404  # not public before publication
    assert PublicationRequest.objects.filter(pk=publication_request.pk).exists()
