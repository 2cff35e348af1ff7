import pytest
from django.core.management import call_command
from django.urls import reverse

from prakat.agency.roles import Role

pytestmark = pytest.mark.database_neutral

PASSWORD = "correct-horse-battery-staple"


def sign_in(client, username, password):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, "next": "/admin/"},
    )


@pytest.fixture
def locked(client, settings, built_site, make_user):
    settings.AXES_FAILURE_LIMIT = 3
    person = make_user("somchai", Role.REQUESTER)
    for _ in range(3):
        assert sign_in(client, "somchai", "wrong-password").status_code in (200, 429)
    return person


def test_after_the_limit_the_account_is_locked_with_a_thai_message(client, locked):
    response = sign_in(client, "somchai", PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "ระงับการเข้าสู่ระบบ" in text
    assert "ลองใหม่ได้หลัง" in text
    assert "ผู้ดูแลระบบ" in text
    assert 'value="somchai"' in text  # the form keeps what was typed
    assert "_auth_user_id" not in client.session


def test_an_administrator_unlocks_on_the_security_page(client, locked, make_user):
    admin = make_user("admin", Role.ADMINISTRATOR)
    client.force_login(admin)
    page = client.get(reverse("security_page")).content.decode()
    assert "somchai" in page
    client.post(
        reverse("security_page"),
        {"action": "unlock", "username": "somchai", "ip_address": "127.0.0.1"},
    )
    client.logout()
    response = sign_in(client, "somchai", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_unlock_from_the_command_line(client, locked):
    call_command("axes_reset_username", "somchai")
    call_command("axes_reset_ip", "127.0.0.1")
    assert sign_in(client, "somchai", PASSWORD).status_code == 302


def test_a_staff_member_cannot_unlock(client, locked, make_user):
    auditor = make_user("auditor", Role.AUDITOR)
    client.force_login(auditor)
    response = client.post(reverse("security_page"), {"action": "unlock", "username": "somchai"})
    assert response.status_code in (302, 403)  # Wagtail sends the refused to the dashboard
