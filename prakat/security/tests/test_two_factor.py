import re

import pytest
from django.urls import reverse
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from prakat.agency.roles import Role
from prakat.security import two_factor
from prakat.security.tests.conftest import current_code

pytestmark = [pytest.mark.usefixtures("two_step_on"), pytest.mark.database_neutral]


def enrolled(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    two_factor.issue_recovery_codes(user)
    return device


def test_a_webmaster_without_a_device_is_sent_to_enrol_before_any_admin_page(client, webmaster):
    client.force_login(webmaster)
    for path in ("/admin/", "/admin/pages/", "/admin/documents/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("security_enrol"))

    page = client.get(reverse("security_enrol"))
    text = page.content.decode()
    assert "ตั้งค่าการยืนยันตัวตนสองขั้นตอน" in text
    assert "<svg" in text  # the QR code
    secret = re.search(r"data-secret>([A-Z2-7 ]+)<", text).group(1)
    device = TOTPDevice.objects.get(user=webmaster, confirmed=False)
    assert secret == two_factor.secret_of(device)

    wrong = client.post(reverse("security_enrol"), {"code": "000000"})
    assert "รหัสนี้ไม่ถูกต้อง" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # a second later, as a person would type again

    done = client.post(reverse("security_enrol"), {"code": current_code(device), "next": "/admin/"})
    assert done["Location"].startswith(reverse("security_recovery_codes"))
    codes_page = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<li><code>([0-9a-f]{10})</code></li>", codes_page)
    assert len(codes) == two_factor.RECOVERY_CODE_COUNT
    # Shown once only.
    again = client.get(reverse("security_recovery_codes")).content.decode()
    assert not re.findall(r"<li><code>", again)
    assert client.get("/admin/").status_code == 200


def test_with_a_device_a_valid_code_is_needed_and_a_wrong_one_is_refused_in_thai(client, webmaster):
    device = enrolled(webmaster)
    client.force_login(webmaster)
    response = client.get("/admin/pages/")
    assert response["Location"] == f"{reverse('security_verify')}?next=%2Fadmin%2Fpages%2F"

    wrong = client.post(reverse("security_verify"), {"code": "123456", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "รหัสนี้ไม่ถูกต้อง" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    for throttled in devices_for_user(webmaster):
        throttled.throttle_reset()  # a second later, as a person would type again
    right = client.post(
        reverse("security_verify"), {"code": current_code(device), "next": "/admin/pages/"}
    )
    assert right["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_repeated_wrong_codes_make_the_person_wait(client, webmaster):
    enrolled(webmaster)
    client.force_login(webmaster)
    client.post(reverse("security_verify"), {"code": "111111"})
    second = client.post(reverse("security_verify"), {"code": "222222"}).content.decode()
    assert "กรุณารอ" in second


def test_a_recovery_code_works_once(client, webmaster, django_user_model):
    enrolled(webmaster)
    code = StaticToken.objects.filter(device__user=webmaster).first().token

    client.force_login(webmaster)
    response = client.post(reverse("security_verify"), {"code": code.upper(), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    dashboard = client.get("/admin/", follow=True).content.decode()
    assert "ใช้รหัสสำรอง" in dashboard
    assert StaticToken.objects.filter(device__user=webmaster).count() == 9

    client.logout()
    client.force_login(webmaster)
    from django_otp.plugins.otp_static.models import StaticDevice

    StaticDevice.objects.filter(user=webmaster).update(throttling_failure_count=0)
    TOTPDevice.objects.filter(user=webmaster).update(throttling_failure_count=0)
    reused = client.post(reverse("security_verify"), {"code": code, "next": "/admin/"})
    assert reused.status_code == 200
    assert "รหัสนี้ไม่ถูกต้อง" in reused.content.decode()


def test_a_requester_is_not_forced_but_may_enrol(client, built_site, make_user):
    requester = make_user("requester", Role.REQUESTER)
    client.force_login(requester)
    assert client.get("/admin/").status_code == 200
    page = client.get(reverse("security_enrol")).content.decode()
    assert "<svg" in page
    assert "บทบาทของท่านต้องใช้" not in page  # offered, not required


def test_auditors_and_administrators_must_use_it_too(built_site, make_user):
    assert two_factor.two_factor_required(make_user("auditor", Role.AUDITOR))
    assert two_factor.two_factor_required(make_user("admin", Role.ADMINISTRATOR))
    assert not two_factor.two_factor_required(make_user("head", Role.UNIT_HEAD))
    assert not two_factor.two_factor_required(make_user("director", Role.DIRECTOR))


def test_the_admin_icons_and_script_translations_load_before_verification(client, webmaster):
    enrolled(webmaster)
    client.force_login(webmaster)
    assert client.get(reverse("wagtailadmin_sprite")).status_code == 200
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200


# --- attacks with the password alone --------------------------------------------------------


def test_with_the_password_alone_no_new_recovery_codes_can_be_issued(client, webmaster):
    """The attack: sign in with the password, ask the two-step page for new recovery codes,
    then use one of them as the second step."""
    enrolled(webmaster)
    real_codes = set(
        StaticToken.objects.filter(device__user=webmaster).values_list("token", flat=True)
    )
    client.force_login(webmaster)

    page = client.get(reverse("security_enrol"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("security_verify"))
    issued = client.post(reverse("security_enrol"), {"action": "new-recovery-codes"})
    assert issued["Location"].startswith(reverse("security_verify"))
    codes_page = client.get(reverse("security_recovery_codes"))
    assert codes_page.status_code == 302
    assert not re.findall(r"<li><code>", codes_page.content.decode())

    # The person's own recovery codes are still the ones they were given.
    kept = set(StaticToken.objects.filter(device__user=webmaster).values_list("token", flat=True))
    assert kept == real_codes
    assert client.get("/admin/").status_code == 302


def test_with_the_password_alone_an_enrolled_person_cannot_enrol_another_device(client, webmaster):
    enrolled(webmaster)
    client.force_login(webmaster)
    response = client.post(reverse("security_enrol"), {"code": "123456"})
    assert response["Location"].startswith(reverse("security_verify"))
    assert TOTPDevice.objects.filter(user=webmaster).count() == 1


def test_the_session_id_changes_when_the_code_is_accepted(client, webmaster):
    device = enrolled(webmaster)
    client.force_login(webmaster)
    before = client.session.session_key
    client.post(reverse("security_verify"), {"code": current_code(device), "next": "/admin/"})
    after = client.session.session_key
    assert after != before
    assert client.get("/admin/").status_code == 200


def test_the_session_id_changes_when_enrolment_is_confirmed(client, webmaster):
    client.force_login(webmaster)
    client.get(reverse("security_enrol"))
    before = client.session.session_key
    device = TOTPDevice.objects.get(user=webmaster, confirmed=False)
    client.post(reverse("security_enrol"), {"code": current_code(device), "next": "/admin/"})
    assert client.session.session_key != before


def test_a_password_only_session_gets_no_withheld_attachment(client, webmaster, built_site):
    """Outside the admin, a session that has not given its code is a visitor: the attachment
    of an item that is not on the site is refused to it as to the public."""
    from prakat.agency.models import Unit
    from prakat.content.models import CategoryPage
    from prakat.content.tests.helpers import make_document, publish_item

    enrolled(webmaster)
    unit = Unit.objects.create(agency=built_site.agency, name="งานพัสดุ")
    document = make_document("ประกาศที่ถอนออกแล้ว", "withdrawn.pdf")
    item = publish_item(
        CategoryPage.objects.live().filter(depth=3).first(),
        "ประกาศที่ถอนออกแล้ว",
        unit,
        attachments=[document],
    )
    item.unpublish()
    url = document.url

    client.force_login(webmaster)
    assert client.get(url).status_code == 404
    assert client.get(f"/admin/pages/{item.pk}/edit/").status_code == 302
    assert client.get(f"/admin/pages/{item.pk}/history/").status_code == 302
    assert client.get("/admin/api/main/pages/").status_code == 302

    device = TOTPDevice.objects.get(user=webmaster)
    client.post(reverse("security_verify"), {"code": current_code(device), "next": "/admin/"})
    assert client.get(url).status_code == 200
