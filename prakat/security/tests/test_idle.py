import time

import pytest
from django.urls import reverse

from prakat.security.idle import LAST_ACTIVITY_KEY
from prakat.security.models import SecuritySettings

pytestmark = pytest.mark.database_neutral


def _set_last_activity(client, seconds_ago: float) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = time.time() - seconds_ago
    session.save()


def test_an_idle_staff_member_is_signed_out_with_a_thai_message(client, webmaster):
    client.force_login(webmaster)
    assert client.get("/admin/").status_code == 200
    _set_last_activity(client, 31 * 60)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    login_page = client.get(response["Location"]).content.decode()
    assert "ออกจากระบบให้โดยอัตโนมัติ" in login_page
    assert "30 นาที" in login_page
    assert client.get("/admin/")["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_limit_is_the_agency_s_own(client, webmaster, built_site):
    settings = SecuritySettings.for_site(built_site.agency.site)
    settings.idle_timeout_minutes = 60
    settings.save()
    client.force_login(webmaster)
    client.get("/admin/")
    _set_last_activity(client, 31 * 60)
    assert client.get("/admin/").status_code == 200


def test_activity_keeps_the_session(client, webmaster):
    client.force_login(webmaster)
    client.get("/admin/")
    _set_last_activity(client, 29 * 60)
    assert client.get("/admin/").status_code == 200
    assert time.time() - client.session[LAST_ACTIVITY_KEY] < 5
