"""What the site shows by itself counts, and a section is current only when what it requires is.

An assessor opening ถาม-ตอบ, ช่องทางการร้องเรียน, สถิติผู้เข้าชมเว็บไซต์ or ศูนย์ข้อมูลข่าวสาร finds
the e-services' forms, the live visitor counts, the survey and the information centre there:
those entries are met without anyone publishing an item. And a section (ข้อมูลข่าวสารตาม
พ.ร.บ., สถิติ) is met only when its required sub-entries are, whatever stands under the
section itself.
"""

import datetime
from urllib.parse import urlsplit

import pytest
from wagtail.models import Site

from prakat.compliance.currency import Status, checklist_status, field_problems
from prakat.compliance.tests.support import at, category, publish_on
from prakat.security.models import SecuritySettings

pytestmark = pytest.mark.database_neutral

TODAY = datetime.date(2026, 11, 20)

# Written from what each entry's page shows: where the assessor is sent from it.
SHOWN = {
    "visitor-statistics": "จำนวนการเข้าชม",
    "satisfaction": "/survey/",
    "questions": "/e-services/question/",
    "complaint-channels": "/e-services/complaint/",
    "feedback": "/e-services/question/",
    "privacy-policy": "/privacy/",
    "oia-info-centre": "/information-centre/",
}


@pytest.fixture
def privacy_notice(built_site):
    notice = SecuritySettings.for_site(Site.objects.get(is_default_site=True))
    notice.privacy_notice = "<p>หน่วยงานเก็บข้อมูลส่วนบุคคลเท่าที่จำเป็นต่อการให้บริการ</p>"
    notice.save()


def statuses(agency) -> dict:
    return {result.key: result for result in checklist_status(agency, TODAY)}


def test_what_the_site_shows_by_itself_reads_current_and_links_its_page(
    client, built_site, privacy_notice
):
    results = statuses(built_site.agency)
    for key, shown in SHOWN.items():
        result = results[key]
        assert result.status is Status.CURRENT, key
        assert result.public_url == category(key).get_full_url(), key
        page = client.get(urlsplit(result.public_url).path)
        assert page.status_code == 200
        assert shown in page.content.decode(), key


def test_an_entry_the_site_does_not_show_stays_missing(client, built_site):
    # The notice the site starts with is shown; emptied, nothing is, nor is it linked.
    assert statuses(built_site.agency)["privacy-policy"].status is Status.CURRENT
    notice = SecuritySettings.for_site(Site.objects.get(is_default_site=True))
    notice.privacy_notice = "<p></p>"
    notice.save()
    assert statuses(built_site.agency)["privacy-policy"].status is Status.MISSING
    page = client.get(urlsplit(category("privacy-policy").get_full_url()).path)
    assert 'href="/privacy/"' not in page.content.decode().split("<footer")[0]
    # A category taken off the site shows nothing, forms or not.
    category("questions").unpublish()
    assert statuses(built_site.agency)["questions"].status is Status.MISSING


def test_the_e_services_are_the_channel_for_the_public_s_comments(built_site):
    def channel_missing() -> bool:
        return any("ความคิดเห็น" in p.title for p in field_problems(built_site.agency, TODAY))

    assert not channel_missing()
    category("feedback").unpublish()
    category("complaint-channels").unpublish()
    assert channel_missing()
    category("feedback").save_revision().publish()
    assert not channel_missing()


def test_a_section_is_current_only_when_its_required_entries_are(built_site, unit):
    agency = built_site.agency
    # An item filed under the section itself does not make the section's required parts.
    publish_on("oia", "ประกาศข้อมูลข่าวสาร", unit, at(2026, 11, 2, 9, 0))
    results = statuses(agency)
    assert results["oia"].status is Status.MISSING
    # The information centre is shown by the site; the other six required parts are not.
    assert results["oia-info-centre"].status is Status.CURRENT
    for key, when in (
        ("web-publishing", at(2026, 10, 5, 9, 0)),
        ("web-publishing-report", at(2026, 10, 6, 9, 0)),
        ("oia-decisions", at(2026, 3, 1, 9, 0)),
        ("oia-policies", at(2026, 3, 1, 9, 0)),
        ("oia-cabinet-resolutions", at(2026, 3, 1, 9, 0)),
    ):
        assert results[key].status is Status.MISSING, key
        publish_on(key, f"รายการ {key}", unit, when)
    assert statuses(agency)["oia"].status is Status.CURRENT

    # Statistics: the visitor counts and the survey are shown, the two reports are not.
    assert results["statistics"].status is Status.MISSING
    publish_on("service-statistics", "สถิติการให้บริการ ไตรมาส 4", unit, at(2026, 10, 8, 9, 0))
    assert statuses(agency)["statistics"].status is Status.MISSING
    publish_on("service-satisfaction-survey", "ผลสำรวจ 2569", unit, at(2026, 10, 9, 9, 0))
    assert statuses(agency)["statistics"].status is Status.CURRENT
