import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from prakat.agency.roles import Role


@pytest.mark.parametrize(
    ("password", "thai"),
    [
        ("Ab1!", "สั้นเกินไป"),
        ("1234567890123", "ตัวเลขล้วน"),
        ("password1234", "ใช้กันทั่วไป"),
        ("abcdefghijklmn", "อย่างน้อย 3"),
    ],
)
def test_weak_passwords_are_refused_in_thai(db, password, thai):
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any(thai in message for message in refused.value.messages), refused.value.messages


def test_a_strong_password_passes(db):
    validate_password("Hospital-web-2569")
    validate_password("รหัสผ่านยาวพอ2569x")


def test_the_admin_refuses_a_weak_new_password_in_thai(client, built_site, make_user):
    admin = make_user("admin", Role.ADMINISTRATOR, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "newperson",
            "email": "new@example.go.th",
            "first_name": "สมหญิง",
            "last_name": "ทดสอบ",
            "password1": "abcdefghijk",
            "password2": "abcdefghijk",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "อย่างน้อย 3" in text
    assert 'value="newperson"' in text
