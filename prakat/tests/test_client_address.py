"""One client address for the whole site: behind a reverse proxy every limit and log sees the
visitor named in the proxy's header, and without the setting that header is ignored.

Every request below reaches the server from the same proxy, 10.0.0.2; only the header the
proxy adds tells the visitors apart.
"""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import ModelLogEntry

from prakat.agency.roles import Role
from prakat.client import Client, client, client_address
from prakat.eservices import cases
from prakat.eservices.models import Case
from prakat.survey.models import SurveyResponse

pytestmark = pytest.mark.database_neutral

PROXY = "10.0.0.2"
SOMSRI = "198.51.100.20"
MANA = "203.0.113.45"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
ANSWER = {"current": "5", "findable": "4", "easy_to_use": "3", "design": "4", "overall": "5"}
QUESTION = {"subject": "เวลาเปิดทำการวันเสาร์", "details": "คลินิกเปิดวันเสาร์กี่โมง"}


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()  # the rate limits count in the cache
    yield
    cache.clear()


@pytest.fixture
def behind_proxy(settings):
    settings.TRAFFIC_LOG_PROXY_HEADER = "X-Forwarded-For"


def via_proxy(visitor: str) -> dict:
    # A client may send its own X-Forwarded-For; the proxy appends the address it saw.
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"192.0.2.1, {visitor}"}


def get(**meta):
    return RequestFactory().get("/", **meta)


# --- the function itself ----------------------------------------------------------------------


def test_without_the_setting_the_forwarded_header_is_ignored(settings):
    settings.TRAFFIC_LOG_PROXY_HEADER = ""
    request = get(REMOTE_PORT="51234", **via_proxy(SOMSRI))
    assert client(request) == Client(PROXY, "51234", "")
    assert client_address(request) == PROXY


def test_behind_the_proxy_the_last_forwarded_entry_is_the_client(settings, behind_proxy):
    settings.TRAFFIC_LOG_PROXY_PORT_HEADER = "X-Real-Port"
    request = get(REMOTE_PORT="51234", HTTP_X_REAL_PORT="40001", **via_proxy(SOMSRI))
    assert client(request) == Client(SOMSRI, "40001", PROXY)
    assert client_address(request) == SOMSRI


def test_a_request_without_the_header_or_with_no_address_in_it_is_the_connections(
    behind_proxy,
):
    assert client(get(REMOTE_ADDR=PROXY)) == Client(PROXY, "", "")
    garbage = get(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, <script>")
    assert client(garbage) == Client(PROXY, "", "")
    ipv6 = get(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="2001:db8::7")
    assert client_address(ipv6) == "2001:db8::7"


# --- the survey: one answer a visitor a day, and its rate limit -------------------------------


def answer(http, visitor, **extra):
    return http.post("/survey/", {**ANSWER, **extra}, HTTP_USER_AGENT=FIREFOX, **via_proxy(visitor))


def test_behind_the_proxy_two_visitors_each_answer_the_survey(client, built_site, behind_proxy):
    assert answer(client, SOMSRI).status_code == 302
    assert answer(client, MANA).status_code == 302
    assert SurveyResponse.objects.count() == 2
    # Each is still held to one answer a day.
    assert answer(client, SOMSRI).status_code == 409
    assert SurveyResponse.objects.count() == 2


def test_without_the_setting_the_visitors_behind_a_proxy_are_one(client, built_site, settings):
    settings.TRAFFIC_LOG_PROXY_HEADER = ""
    assert answer(client, SOMSRI).status_code == 302
    assert answer(client, MANA).status_code == 409  # the header is not believed
    assert SurveyResponse.objects.count() == 1


def test_behind_the_proxy_the_survey_rate_limit_counts_each_visitor(
    client, built_site, settings, behind_proxy
):
    settings.SURVEY_POSTS_PER_MINUTE = 2
    for n in range(2):  # incomplete answers, each from another browser: only the limit counts
        assert answer(client, SOMSRI, overall="", HTTP_USER_AGENT=f"b{n}").status_code == 200
    assert answer(client, SOMSRI, HTTP_USER_AGENT="b3").status_code == 429
    assert answer(client, MANA).status_code == 302


def test_without_the_setting_the_survey_rate_limit_holds_the_proxy(client, built_site, settings):
    settings.TRAFFIC_LOG_PROXY_HEADER = ""
    settings.SURVEY_POSTS_PER_MINUTE = 2
    for n in range(2):
        assert answer(client, SOMSRI, overall="", HTTP_USER_AGENT=f"b{n}").status_code == 200
    assert answer(client, MANA).status_code == 429


# --- e-services: sending and tracking are limited per visitor ---------------------------------


def ask(http, visitor):
    return http.post("/e-services/question/", QUESTION, **via_proxy(visitor))


def test_behind_the_proxy_the_e_service_limit_counts_each_visitor(client, built_site, behind_proxy):
    for _ in range(cases.SUBMISSIONS_PER_HOUR):
        assert ask(client, SOMSRI).status_code == 302
    assert ask(client, SOMSRI).status_code == 429
    assert ask(client, MANA).status_code == 302
    assert Case.objects.count() == cases.SUBMISSIONS_PER_HOUR + 1


def test_without_the_setting_the_e_service_limit_holds_the_proxy(client, built_site, settings):
    settings.TRAFFIC_LOG_PROXY_HEADER = ""
    for _ in range(cases.SUBMISSIONS_PER_HOUR):
        assert ask(client, SOMSRI).status_code == 302
    assert ask(client, MANA).status_code == 429
    assert Case.objects.count() == cases.SUBMISSIONS_PER_HOUR


def test_behind_the_proxy_tracking_lookups_are_limited_per_visitor(
    client, built_site, behind_proxy
):
    track = "/e-services/track/"
    for _ in range(cases.LOOKUPS_PER_HOUR):
        client.post(track, {"code": "ABCD-EFGH-JK"}, **via_proxy(SOMSRI))
    assert client.post(track, {"code": "ABCD-EFGH-JK"}, **via_proxy(SOMSRI)).status_code == 429
    assert client.post(track, {"code": "ABCD-EFGH-JK"}, **via_proxy(MANA)).status_code == 404


# --- staff sign-in: the lock-out and the audit log ---------------------------------------------


def sign_in(http, username, password, visitor):
    return http.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, "next": "/admin/"},
        **via_proxy(visitor),
    )


def test_behind_the_proxy_a_locked_address_is_the_visitors_not_the_proxys(
    client, built_site, settings, behind_proxy, make_user
):
    settings.AXES_FAILURE_LIMIT = 3
    make_user("somchai", Role.REQUESTER)
    for name in ("a", "b", "c"):  # three names, so only the address reaches the limit
        sign_in(client, name, "wrong-password", SOMSRI)
    assert sign_in(client, "somchai", "correct-horse-battery-staple", SOMSRI).status_code == 429
    assert sign_in(client, "somchai", "correct-horse-battery-staple", MANA).status_code == 302


def test_without_the_setting_a_lock_out_holds_everyone_behind_the_proxy(
    client, built_site, settings, make_user
):
    settings.TRAFFIC_LOG_PROXY_HEADER = ""
    settings.AXES_FAILURE_LIMIT = 3
    make_user("somchai", Role.REQUESTER)
    for name in ("a", "b", "c"):
        sign_in(client, name, "wrong-password", SOMSRI)
    assert sign_in(client, "somchai", "correct-horse-battery-staple", MANA).status_code == 429


def test_behind_the_proxy_the_audit_log_names_the_visitors_address(
    client, built_site, behind_proxy, make_user
):
    make_user("somchai", Role.REQUESTER)
    sign_in(client, "somchai", "wrong-password", SOMSRI)
    assert sign_in(client, "somchai", "correct-horse-battery-staple", MANA).status_code == 302
    failure = ModelLogEntry.objects.get(action="prakat.sign_in_failure")
    success = ModelLogEntry.objects.get(action="prakat.sign_in")
    assert failure.data["address"] == SOMSRI
    assert success.data["address"] == MANA
