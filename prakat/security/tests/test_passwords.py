import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from prakat.agency.roles import Role

pytestmark = pytest.mark.database_neutral


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


def person(**fields):
    from django.contrib.auth import get_user_model

    return get_user_model()(**fields)


@pytest.mark.parametrize(
    ("password", "fields", "named"),
    [
        ("newstaff2026!A", {"username": "newstaff5"}, "ชื่อผู้ใช้ของท่าน (“newstaff”)"),
        ("NewStaff-2569x", {"username": "newstaff5"}, "ชื่อผู้ใช้ของท่าน (“newstaff”)"),
        ("2569!NEWSTAFFq", {"username": "new.staff_07"}, "ชื่อผู้ใช้ของท่าน (“newstaff”)"),
        ("Xx9!somchai2026", {"username": "s5", "first_name": "Somchai"},
         "ชื่อของท่าน (“Somchai”)"),
        ("รักใจดีมาก2569!Q", {"username": "s5", "last_name": "ใจดีมาก"},
         "นามสกุลของท่าน (“ใจดีมาก”)"),
        ("Nattha-2569!x", {"username": "s5", "first_name": "Nattha Phon"},
         "ชื่อของท่าน (“Nattha”)"),
        ("q!SUDAK2569w", {"username": "s5", "email": "suda.k@example.go.th"},
         "ชื่อบัญชีอีเมล (ส่วนหน้า @)ของท่าน (“sudak”)"),
    ],
)  # fmt: skip
def test_a_password_holding_the_persons_name_is_refused_naming_the_rule(
    db, password, fields, named
):
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        validate_password(password, person(**fields))
    assert any(named in message for message in refused.value.messages), refused.value.messages


@pytest.mark.parametrize(
    ("password", "fields"),
    [
        ("Hospital-web-2569", {"username": "ab12"}),  # fewer than 4 letters: not a name
        ("Hospital-web-2569", {"username": "newstaff5", "first_name": "Ann", "last_name": "Li"}),
        ("Hospital-web-2569", {"username": "x1", "email": "it@example.go.th"}),
        ("Wichai-2569!", None),  # no person to compare with
    ],
)
def test_a_password_without_the_persons_name_passes(db, password, fields):
    validate_password(password, person(**fields) if fields else None)


def test_the_admin_refuses_the_user_name_inside_the_new_password_in_thai(
    client, built_site, make_user
):
    from django.contrib.auth import get_user_model

    admin = make_user("admin", Role.ADMINISTRATOR, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "newstaff5",
            "email": "new5@example.go.th",
            "first_name": "สมหญิง",
            "last_name": "ทดสอบ",
            "password1": "newstaff2026!A",
            "password2": "newstaff2026!A",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "รหัสผ่านต้องไม่มีชื่อผู้ใช้ของท่าน (“newstaff”)" in text
    assert not get_user_model().objects.filter(username="newstaff5").exists()
