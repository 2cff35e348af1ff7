"""A picture on the site is changed or deleted only by those who oversee publishing: its
uploader replacing it would change the live site with no request."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Site

from prakat.agency.identity import Identity
from prakat.agency.models import Membership
from prakat.agency.roles import Role
from prakat.content.models import CategoryPage
from prakat.content.tests import helpers

pytestmark = pytest.mark.database_neutral


@pytest.fixture
def requester(built_site, make_user, unit):
    person = make_user("pr-requester", Role.REQUESTER)
    Membership.objects.create(unit=unit, user=person)
    return person


def uploaded_by(person):
    image = get_image_model()(title="ภาพกิจกรรม", uploaded_by_user=person)
    image.file = ContentFile(helpers.png_bytes(), name="activity.png")
    image.save()
    return image


def tries_to_change(client, image) -> tuple[int, int]:
    """The edit screen's answer, and what replacing the file did to it."""
    before = image.file.name
    opened = client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code
    client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "ภาพที่ถูกเปลี่ยน", "collection": image.collection_id,
         "file": SimpleUploadedFile("other.png", helpers.png_bytes(), "image/png")},
    )  # fmt: skip
    image.refresh_from_db()
    return opened, image.file.name != before


def test_the_uploader_changes_a_picture_until_it_is_on_the_site(client, requester, webmaster):
    image = uploaded_by(requester)
    client.force_login(requester)
    assert tries_to_change(client, image) == (200, True)  # not on the site yet: theirs
    identity = Identity.for_site(Site.objects.get(is_default_site=True))
    identity.logo = image
    identity.save()
    opened, replaced = tries_to_change(client, image)
    assert opened == 302 and not replaced
    client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert get_image_model().objects.filter(pk=image.pk).exists()
    image.refresh_from_db()
    assert image.title == "ภาพที่ถูกเปลี่ยน"  # only the first, allowed, change
    # The webmaster, who oversees publishing, still may.
    client.force_login(webmaster)
    assert tries_to_change(client, image)[0] == 200


def test_a_live_item_s_cover_is_not_changed_by_its_uploader(client, requester, unit):
    image = uploaded_by(requester)
    with helpers.committed():
        helpers.publish_item(
            CategoryPage.objects.get(checklist_key="pr-news"), "ข่าวกิจกรรม", unit,
            cover_image=image,
        )  # fmt: skip
    client.force_login(requester)
    assert tries_to_change(client, image) == (302, False)
