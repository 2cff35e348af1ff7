"""The CIO (ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง) is an executive record marked as the agency's
CIO, shown on its own entry under general information with photo, name, position and
contact; the executives and CIO entries read current on the completeness dashboard when
their pages show what ITA asks for, and only then."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.images import get_image_model

from prakat.agency.models import Executive
from prakat.compliance.currency import Status, checklist_status
from prakat.content.models import CategoryPage
from prakat.content.tests.helpers import png_bytes

pytestmark = pytest.mark.database_neutral


def photo(title: str):
    image = get_image_model()(title=title)
    image.file = ContentFile(png_bytes(), name="portrait.png")
    image.save()
    return image


def statuses(agency) -> dict[str, Status]:
    today = timezone.localdate()
    return {
        r.key: r.status for r in checklist_status(agency, today) if r.key in ("executives", "cio")
    }


def test_the_cio_entry_shows_the_cio_alone(client, built_site):
    agency = built_site.agency
    Executive.objects.create(
        agency=agency, name="ประเสริฐ รักษาดี", position="ผู้อำนวยการโรงพยาบาล",
        phone="0 5571 4223", photo=photo("ผอ."), sort_order=0,
    )  # fmt: skip
    Executive.objects.create(
        agency=agency, name="อรุณี ทองดี", position="รองผู้อำนวยการฝ่ายบริหาร",
        phone="0 5571 4224", email="cio@example.go.th", photo=photo("CIO"), is_cio=True,
        sort_order=1,
    )  # fmt: skip
    cio = client.get(CategoryPage.objects.get(checklist_key="cio").url).content.decode()
    assert "ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO)</h2>" in cio
    assert 'alt="อรุณี ทองดี"' in cio and "รองผู้อำนวยการฝ่ายบริหาร" in cio
    assert 'href="tel:055714224"' in cio
    assert "ประเสริฐ รักษาดี" not in cio
    everyone = client.get(CategoryPage.objects.get(checklist_key="executives").url)
    assert "ประเสริฐ รักษาดี" in everyone.content.decode()
    assert "อรุณี ทองดี" in everyone.content.decode()


def test_the_dashboard_counts_what_the_executive_records_show(built_site):
    agency = built_site.agency
    assert statuses(agency) == {"executives": Status.MISSING, "cio": Status.MISSING}
    director = Executive.objects.create(
        agency=agency, name="ประเสริฐ รักษาดี", position="ผู้อำนวยการโรงพยาบาล",
        phone="0 5571 4223", photo=photo("ผอ."),
    )  # fmt: skip
    # Executives listed in full; nobody is the CIO yet.
    assert statuses(agency) == {"executives": Status.CURRENT, "cio": Status.MISSING}
    director.is_cio = True
    director.save()
    assert statuses(agency) == {"executives": Status.CURRENT, "cio": Status.CURRENT}
    # A record without the phone ITA asks for is not enough for either.
    director.phone = ""
    director.save()
    assert statuses(agency) == {"executives": Status.MISSING, "cio": Status.MISSING}
