"""The contact entries show the agency's own contact details, kept once in its settings, with
its map embedded from OpenStreetMap; an entry whose detail is not set says nothing is
published yet."""

import re
from decimal import Decimal

import pytest

from prakat.agency.models import Agency
from prakat.content.models import CategoryPage

pytestmark = pytest.mark.database_neutral


def page(client, key: str):
    return client.get(CategoryPage.objects.get(checklist_key=key).url)


def contact_section(html: str) -> str:
    start = html.index('<section aria-labelledby="contact-heading"')
    return html[start : html.index("</section>", start)]


def test_each_contact_entry_shows_its_detail_from_the_settings(client, built_site):
    agency = Agency.current()
    agency.address = "1 ถนนราชดำเนิน ตำบลในเมือง อำเภอเมือง จังหวัดกำแพงเพชร 62000"
    agency.phone = "055 714 223"
    agency.fax = "055 711 265"
    agency.email = "saraban@kph.go.th"
    agency.latitude, agency.longitude = Decimal("16.482100"), Decimal("99.522600")
    agency.save()

    whole = contact_section(page(client, "contact").content.decode())
    assert "ติดต่อหน่วยงาน" in whole
    assert "<dt>ที่อยู่</dt><dd>1 ถนนราชดำเนิน ตำบลในเมือง" in whole
    assert '<a href="tel:055714223">055 714 223</a>' in whole
    assert "<dt>โทรสาร</dt><dd>055 711 265</dd>" in whole
    assert '<a href="mailto:saraban@kph.go.th">saraban@kph.go.th</a>' in whole
    (frame,) = re.findall(r'<iframe class="contact-map" src="([^"]+)" title="แผนที่ตั้งหน่วยงาน"', whole)
    assert frame.startswith("https://www.openstreetmap.org/export/embed.html?")
    assert "marker=16.482100,99.522600" in frame.replace("&amp;", "&")

    phone_only = contact_section(page(client, "contact-phone").content.decode())
    assert "055 714 223" in phone_only
    assert "055 711 265" not in phone_only and "saraban@" not in phone_only
    response = page(client, "contact-map")
    assert "<iframe" in contact_section(response.content.decode())
    # The public pages let in the providers the agency allows: a new agency's are every
    # provider the site knows (prakat/content/tests/test_embeds.py narrows them).
    csp = response["Content-Security-Policy"]
    assert (
        "frame-src https://www.facebook.com https://www.google.com "
        "https://www.openstreetmap.org https://www.youtube-nocookie.com;"
    ) in csp
    assert "ยังไม่มีข้อมูลเผยแพร่ในหมวดหมู่นี้" not in response.content.decode()


def test_a_contact_entry_without_its_detail_says_nothing_is_published(client, built_site):
    agency = Agency.current()
    agency.fax = ""
    agency.save()
    html = page(client, "contact-fax").content.decode()
    assert 'aria-labelledby="contact-heading"' not in html
    assert "ยังไม่มีข้อมูลเผยแพร่ในหมวดหมู่นี้" in html
    # Other categories never show the agency's contact block.
    assert 'aria-labelledby="contact-heading"' not in page(client, "history").content.decode()


def test_the_completeness_dashboard_counts_what_the_contact_pages_show(client, webmaster):
    from django.utils import timezone

    from prakat.compliance.currency import Status, checklist_status

    agency = Agency.current()
    agency.address = "1 ถนนราชดำเนิน จังหวัดกำแพงเพชร"
    agency.phone, agency.fax, agency.email = "055 714 223", "", "saraban@kph.go.th"
    agency.latitude, agency.longitude = Decimal("16.482100"), Decimal("99.522600")
    agency.save()

    def statuses() -> dict[str, Status]:
        today = timezone.localdate()
        return {
            r.key: r.status for r in checklist_status(agency, today) if r.key.startswith("contact")
        }

    assert statuses() == {
        "contact": Status.MISSING,  # the fax is not set, so the section is not whole
        "contact-address": Status.CURRENT,
        "contact-phone": Status.CURRENT,
        "contact-fax": Status.MISSING,
        "contact-email": Status.CURRENT,
        "contact-map": Status.CURRENT,
    }
    agency.fax = "055 711 265"
    agency.save()
    assert set(statuses().values()) == {Status.CURRENT}
    client.force_login(webmaster)
    dashboard = client.get("/admin/compliance/").content.decode()
    row = dashboard[dashboard.index('data-key="contact-fax"') :]
    assert 'data-status="current"' in row[: row.index("</tr>")]
