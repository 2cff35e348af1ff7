"""Two-step sign-in as a new webmaster meets it in a real browser."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp

pytestmark = pytest.mark.browser

CREATE = """
from django.contrib.auth import get_user_model
from prakat.agency.roles import Role
user = get_user_model().objects.create_user("webmaster3", password="Strong-pass-2569")
user.groups.add(Role.WEBMASTER.group())
"""


@pytest.fixture
def new_webmaster(app_server):
    app_server.manage("shell", "-c", CREATE)
    yield
    # Other tests read the users list of the shared server.
    app_server.manage(
        "shell", "-c", "from django.contrib.auth.models import User; "
        "User.objects.filter(username='webmaster3').delete()",
    )  # fmt: skip


def test_a_new_webmaster_enrols_before_reaching_the_admin(app_server, browser_page, new_webmaster):
    page = browser_page
    page.goto(app_server.url("/admin/login/"))
    page.locator("input[name=username]").fill("webmaster3")
    page.locator("input[name=password]").fill("Strong-pass-2569")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/two-step/"))
    assert page.locator("h1").inner_text() == "ตั้งค่าการยืนยันตัวตนสองขั้นตอน"
    assert page.locator(".security-qr svg").count() == 1

    page.goto(app_server.url("/admin/pages/"))
    page.wait_for_url(re.compile(r"/admin/two-step/"))  # no way round it

    page.locator("input[name=code]").fill("000000")
    page.locator("form.login-form button[type=submit]").click()
    page.locator(".messages .error").get_by_text("รหัสนี้ไม่ถูกต้อง").wait_for()

    page.wait_for_timeout(1500)  # a wrong code makes the next wait a second
    key = b32decode(page.locator("[data-secret]").inner_text().replace(" ", ""))
    page.locator("input[name=code]").fill(f"{totp(key):06d}")
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/two-step/recovery-codes/"))
    assert page.locator(".security-recovery-codes li").count() == 10
    page.get_by_role("link", name="เก็บรหัสแล้ว ดำเนินการต่อ").click()
    page.wait_for_url(re.compile(r"/admin/pages/"))  # where they were going
    assert "/two-step/" not in page.url
