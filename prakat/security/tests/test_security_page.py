import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from prakat.agency.roles import Role
from prakat.security import standard
from prakat.security.clock import ClockStatus
from prakat.security.models import SecuritySettings

pytestmark = pytest.mark.database_neutral


def status_of(page: str, key: str) -> str:
    match = re.search(rf'data-finding="{key}".*?data-status="([a-z-]+)"', page, re.S)
    return match.group(1)


@pytest.fixture
def admin_client(client, built_site, make_user, settings):
    settings.SECURITY_REQUIRE_TWO_FACTOR = True
    admin = make_user("itadmin", Role.ADMINISTRATOR)
    TOTPDevice.objects.create(user=admin, name="authenticator", confirmed=True)
    client.force_login(admin)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=admin).persistent_id
    session.save()
    return client


def test_the_page_shows_computed_statuses(admin_client, make_user):
    make_user("wm", Role.WEBMASTER)
    page = admin_client.get(reverse("security_page")).content.decode()
    assert "ความมั่นคงปลอดภัย" in page
    assert status_of(page, "mfa") == "met"
    assert "1 จาก 2" in page  # the administrator has enrolled, the webmaster not yet
    assert status_of(page, "https") == "not-met"  # the production switch is off here
    assert status_of(page, "throttling") == "met"
    assert status_of(page, "passwords") == "met"
    assert status_of(page, "backups") == "see-related"
    assert status_of(page, "self-assessment") == "not-met"
    assert status_of(page, "clock") in {"met", "not-met", "unknown"}


def test_production_settings_turn_https_and_hsts_to_met(admin_client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    page = admin_client.get(reverse("security_page"), secure=True).content.decode()
    assert status_of(page, "https") == "met"
    assert status_of(page, "hsts") == "met"


def test_clock_findings(built_site):
    security = SecuritySettings.for_site(built_site.agency.site)
    unknown = standard.assess(
        security, ClockStatus(None, reason="no timedatectl"), secure_request=False
    )
    clock = next(f for f in unknown if f.key == "clock")
    assert clock.status is standard.Status.UNKNOWN and "no timedatectl" in clock.detail
    drifting = ClockStatus(True, offset_seconds=3.0, tool="chronyc")
    clock = next(
        f for f in standard.assess(security, drifting, secure_request=False) if f.key == "clock"
    )
    assert clock.status is standard.Status.NOT_MET
    good = ClockStatus(True, offset_seconds=0.002, tool="chronyc", source="time1.nimt.or.th")
    clock = next(
        f for f in standard.assess(security, good, secure_request=False) if f.key == "clock"
    )
    assert clock.status is standard.Status.MET and "2.000" in clock.detail


def test_an_administrator_resets_a_lost_phone(admin_client, make_user):
    webmaster = make_user("wm", Role.WEBMASTER)
    TOTPDevice.objects.create(user=webmaster, name="authenticator", confirmed=True)
    admin_client.post(
        reverse("security_page"), {"action": "reset-two-factor", "user": webmaster.pk}
    )
    assert not TOTPDevice.objects.filter(user=webmaster).exists()


def test_other_staff_do_not_see_it(client, built_site, make_user):
    client.force_login(make_user("req", Role.REQUESTER))
    response = client.get(reverse("security_page"))
    assert response.status_code in (302, 403)
    assert "data-findings" not in response.content.decode()
