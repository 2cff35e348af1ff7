"""The cases' listing is Wagtail's own index, ruled by the access policy: each person sees only
the cases ``visible_cases`` gives them, filtered by type, status, unit and Buddhist-era days
received, searched by subject or tracking code, sorted and paged; the e-services menu group
shows each person the items they may open."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from prakat.agency.models import Agency, Membership
from prakat.agency.roles import Role
from prakat.eservices.models import Case, CaseKind, CaseStatus, CorruptionComplaintHandlers
from prakat.eservices.viewsets import CasePermissionPolicy

LISTING = "/admin/e-services/"
RESULTS = "/admin/e-services/results/"
CODE = re.compile(r"\b[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}\b")
# 2026-11-20 in Bangkok (UTC+7) runs from 19 November 17:00 to 20 November 17:00 UTC.
ON_THE_20TH = datetime.datetime(2026, 11, 19, 17, 30, tzinfo=datetime.UTC)
LATE_ON_THE_19TH = datetime.datetime(2026, 11, 19, 16, 30, tzinfo=datetime.UTC)


@pytest.fixture
def agency(built_site):
    return Agency.current()


@pytest.fixture
def other_unit(agency):
    return agency.units.create(name="งานการเงิน")


def make_case(agency, code: str, **fields) -> Case:
    fields.setdefault("subject", "เรื่องทั่วไป")
    fields.setdefault("kind", CaseKind.GENERAL_COMPLAINT)
    return Case.objects.create(agency=agency, tracking_code=code, details="รายละเอียด", **fields)


def codes(client: Client, query: dict | None = None, url: str = LISTING) -> list[str]:
    """The tracking codes the listing shows, in its order."""
    response = client.get(url, query or {})
    assert response.status_code == 200
    return CODE.findall(response.content.decode())


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_each_person_lists_only_the_cases_they_may_see(
    agency, webmaster, unit, make_user, other_unit
):
    ours = make_case(agency, "AAAA2222AA", unit=unit)
    theirs = make_case(agency, "BBBB3333BB", unit=other_unit)
    corruption = make_case(agency, "CCCC4444CC", kind=CaseKind.CORRUPTION_COMPLAINT)
    member = make_user("member", Role.REQUESTER)
    Membership.objects.create(unit=unit, user=member, position="นักวิชาการ")
    inspector = make_user("inspector", Role.REQUESTER)
    CorruptionComplaintHandlers.for_site(agency.site).people.add(inspector)
    administrator = make_user("itadmin", Role.ADMINISTRATOR, is_superuser=True)

    expected = {
        webmaster: {ours.display_code, theirs.display_code},
        administrator: {ours.display_code, theirs.display_code},
        member: {ours.display_code},
        inspector: {corruption.display_code},
    }
    for person, cases_seen in expected.items():
        client = signed_in(person)
        assert set(codes(client)) == cases_seen, person
        assert set(codes(client, url=RESULTS)) == cases_seen, person
    # Wagtail's own questions get the same answers from the policy…
    policy = CasePermissionPolicy()
    newcomer = make_user("newcomer", Role.REQUESTER)
    viewers = set(policy.users_with_permission("view"))
    assert {webmaster, administrator, member, inspector} <= viewers and newcomer not in viewers
    assert not policy.users_with_any_permission(["add", "change", "delete"]).exists()
    assert set(policy.instances_user_has_permission_for(member, "view")) == {ours}
    assert policy.user_has_permission_for_instance(inspector, "view", corruption)
    assert not policy.user_has_permission_for_instance(webmaster, "view", corruption)
    assert not policy.user_has_permission(webmaster, "change")
    # …which asks the access policy, not the model's permissions, which nobody holds.
    assert not any(
        person.has_perm(f"eservices.{action}_case")
        for person in (webmaster, member, inspector)
        for action in ("add", "change", "delete", "view")
    )


def test_someone_the_e_services_are_no_use_to_meets_the_thai_refusal(built_site, make_user):
    client = signed_in(make_user("newcomer", Role.REQUESTER))
    for url in (LISTING, RESULTS):
        response = client.get(url)
        assert response.status_code == 403
        html = response.content.decode()
        assert "หน้านี้สำหรับผู้ที่มีสิทธิ์ “ติดตามและตอบเรื่องร้องเรียนทั่วไปและคำถามทุกเรื่อง”" in html
        assert "บทบาทที่มีสิทธิ์นี้: ผู้ดูแลระบบ, ผู้ดูแลเว็บไซต์, ผู้บริหาร, ผู้อำนวยการ" in html


def test_filters_by_type_status_unit_and_buddhist_era_days(agency, webmaster, unit):
    question = make_case(agency, "DDDD5555DD", kind=CaseKind.QUESTION, received_at=ON_THE_20TH)
    closed = make_case(agency, "EEEE6666EE", status=CaseStatus.CLOSED, received_at=LATE_ON_THE_19TH)
    assigned = make_case(agency, "FFFF7777FF", unit=unit, status=CaseStatus.IN_PROGRESS)
    client = signed_in(webmaster)
    assert codes(client, {"kind": "question"}) == [question.display_code]
    assert codes(client, {"status": "closed"}) == [closed.display_code]
    assert codes(client, {"unit": unit.pk}) == [assigned.display_code]
    # Days as Thai staff type and pick them, counted in Bangkok.
    days = {"received_at_from": "20/11/2569", "received_at_to": "20/11/2569"}
    assert codes(client, days) == [question.display_code]
    days = {"received_at_from": "19/11/2569", "received_at_to": "20/11/2569"}
    assert set(codes(client, days)) == {question.display_code, closed.display_code}
    page = client.get(LISTING).content.decode()
    for label in ("ทุกประเภท", "ทุกสถานะ", "ทุกกลุ่มงาน/งาน", "วันที่รับเรื่อง"):
        assert label in page
    # A question is asked (คำถาม); the survey's heading of the same English word is not.
    row = re.search(rf"{question.display_code}.*?</tr>", page, re.S).group(0)
    assert "คำถาม" in row and "หัวข้อ" not in row


def test_search_finds_a_subject_or_a_code_as_people_write_it(agency, webmaster):
    toilets = make_case(agency, "GGGG8888GG", subject="ห้องน้ำชั้นสองสกปรก")
    parking = make_case(agency, "HHHH9999HH", subject="ที่จอดรถไม่พอ")
    client = signed_in(webmaster)
    assert codes(client, {"q": "ห้องน้ำ"}) == [toilets.display_code]
    assert codes(client, {"q": "hhhh-9999-hh"}) == [parking.display_code]
    assert codes(client, {"q": "HHHH 9999"}) == [parking.display_code]
    assert codes(client, {"q": "ไม่มีเรื่องนี้"}) == []


def test_sorted_newest_first_by_default_and_fifty_a_page(agency, webmaster):
    first = datetime.datetime(2026, 10, 1, 3, 0, tzinfo=datetime.UTC)
    made = [
        make_case(
            agency,
            f"K{n:03d}".translate(str.maketrans("0123456789", "23456789AB")) + "MNPQRS",
            subject=f"เรื่องที่ {n:02d}",
            received_at=first + datetime.timedelta(days=n),
        )
        for n in range(51)
    ]
    newest_first = [case.display_code for case in reversed(made)]
    client = signed_in(webmaster)
    assert codes(client) == newest_first[:50]
    assert codes(client, {"p": 2}) == newest_first[50:]
    assert codes(client, {"ordering": "received_at"}) == newest_first[::-1][:50]
    assert codes(client, {"ordering": "-subject", "p": 2}) == [made[0].display_code]
    page = client.get(LISTING).content.decode()
    assert "20 พฤศจิกายน 2569 เวลา 10:00 น." in page  # the newest, received in B.E. and Bangkok


def menu_urls(client: Client) -> set[str]:
    """The addresses the admin's sidebar menu offers, read from its data."""
    html = client.get("/admin/").content.decode()
    found = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    return set(re.findall(r'"url": "([^"]+)"', json.dumps(json.loads(found.group(1)))))


def test_the_e_services_menu_group_shows_each_person_their_items(
    agency, webmaster, unit, make_user
):
    cases_url, statistics_url = LISTING, "/admin/e-services/statistics/"
    handlers_url = reverse(
        "wagtailsettings:edit", args=["eservices", "corruptioncomplainthandlers"]
    )
    member = make_user("member", Role.REQUESTER)
    Membership.objects.create(unit=unit, user=member, position="นักวิชาการ")
    expected = {
        webmaster: {cases_url, statistics_url},
        make_user("itadmin", Role.ADMINISTRATOR): {cases_url, statistics_url, handlers_url},
        member: {cases_url},
        make_user("newcomer", Role.REQUESTER): set(),
    }
    for person, items in expected.items():
        offered = menu_urls(signed_in(person))
        assert offered & {cases_url, statistics_url, handlers_url} == items, person


def test_a_step_is_only_ever_posted(agency, webmaster):
    case = make_case(agency, "JJJJ2222JJ")
    client = signed_in(webmaster)
    for step in ("assign", "reply", "note", "close", "reopen", "publish", "unpublish"):
        assert client.get(reverse(f"eservices_admin:{step}", args=[case.pk])).status_code == 405
    assert not case.events.exists()
