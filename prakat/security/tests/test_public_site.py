"""The public site sets no cookies beyond the form-protection one, and shows its privacy notice."""

import pytest
from wagtail.models import Page

from prakat.content.models import CategoryPage

pytestmark = pytest.mark.database_neutral


@pytest.fixture
def public_paths(built_site):
    category = CategoryPage.objects.live().first()
    return [
        "/",
        category.url,
        "/search/?q=ข้อมูล",
        "/statistics/",
        "/privacy/",
        "/information-centre/",
        "/publishing-guideline/",
        "/sitemap.xml",
        "/feeds/news/",
    ]


def test_no_non_essential_cookies_on_public_pages(client, public_paths):
    for path in public_paths:
        response = client.get(path)
        assert response.status_code == 200, path
        names = set(response.cookies)
        assert names <= {"csrftoken"}, (path, names)
        if "csrftoken" in names:
            assert b"csrfmiddlewaretoken" in response.content, path  # only where a form needs it


def test_the_privacy_notice_is_shown_and_linked(client, built_site):
    page = client.get("/privacy/").content.decode()
    assert "นโยบายความเป็นส่วนตัว" in page
    assert "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล" in page
    home = client.get("/").content.decode()
    assert 'href="/privacy/"' in home


def test_the_agency_edits_its_notice(client, built_site):
    from prakat.security.models import SecuritySettings

    notice = SecuritySettings.for_site(built_site.agency.site)
    notice.privacy_notice = "<p>ติดต่อเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล โทร 055-000000</p>"
    notice.save()
    assert "055-000000" in client.get("/privacy/").content.decode()
    assert Page.objects.exists()
