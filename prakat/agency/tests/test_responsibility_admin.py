"""The responsibility matrix is administered with the agency, naming categories in Thai."""

import pytest
from django.test import Client

from prakat.agency.models import Responsibility
from prakat.agency.roles import Role

pytestmark = pytest.mark.database_neutral


def test_the_matrix_lists_each_category_by_its_thai_title(built_site, make_user):
    Responsibility.objects.create(agency=built_site.agency, category_key="pr-news")
    Responsibility.objects.create(agency=built_site.agency, category_key="no-such-category")
    client = Client()
    client.force_login(make_user("itadmin", Role.ADMINISTRATOR, is_superuser=True))
    html = client.get("/admin/snippets/agency/responsibility/").content.decode()
    assert "ข่าวสารทั่วไป" in html
    # A key the checklist does not know is shown as it is, not hidden.
    assert "no-such-category" in html
