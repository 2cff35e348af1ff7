"""Of the media folder only staff avatars have a URL (``/media/avatar_images/…``): no path
through that URL leads anywhere else in the folder, such as the original upload of an image
that is not on the site."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.images import get_image_model

from prakat.content.tests import helpers

pytestmark = pytest.mark.database_neutral


@pytest.mark.parametrize(
    "path",
    [
        "/media/avatar_images/../{name}",
        "/media/avatar_images/%2E%2E/{name}",
        "/media/avatar_images//../{name}",
        "/media/avatar_images/./../{name}",
    ],
)
def test_the_avatar_url_leads_nowhere_else_in_the_media_folder(built_site, path):
    image = get_image_model()(title="ภาพที่ยังไม่เผยแพร่")
    image.file = ContentFile(helpers.png_bytes(), name="draft.png")
    image.save()
    assert image.file.name.startswith("original_images/")

    response = Client().get(path.format(name=image.file.name))

    assert response.status_code in {400, 404}
    assert b"".join(getattr(response, "streaming_content", [response.content])) != (
        helpers.png_bytes()
    )


def test_an_avatar_is_still_served(built_site, settings):
    folder = settings.MEDIA_ROOT / "avatar_images"
    folder.mkdir()
    (folder / "avatar_1234_ฉัน.png").write_bytes(helpers.png_bytes())

    response = Client().get("/media/avatar_images/avatar_1234_ฉัน.png")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == helpers.png_bytes()
