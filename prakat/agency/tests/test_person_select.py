"""A unit's members are chosen by Thai name and position, as they sign, never by user name,
and the list costs the same few queries however many people it offers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prakat.agency.models import Membership, Unit

pytestmark = pytest.mark.database_neutral


def test_a_unit_s_members_are_chosen_by_thai_name_and_position(client, built_site, make_user):
    from prakat.agency.roles import Role

    pr = Unit.objects.create(agency=built_site.agency, name="งานประชาสัมพันธ์")
    head = make_user("wichai", Role.UNIT_HEAD, first_name="วิชัย", last_name="มั่นคง")
    Membership.objects.create(unit=pr, user=head, position="หัวหน้างานประชาสัมพันธ์", is_head=True)
    newcomer = make_user("somsri", first_name="สมศรี", last_name="ใจงาม")  # in no unit yet
    admin = make_user("boss", is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = reverse("wagtailsnippets_agency_unit:edit", args=[pr.pk])
    html = client.get(url).content.decode()
    select = html[html.index('name="memberships-0-user"') :]
    select = select[: select.index("</select>")]
    assert f'<option value="{head.pk}" selected>วิชัย มั่นคง, หัวหน้างานประชาสัมพันธ์</option>' in select
    assert f'<option value="{newcomer.pk}">สมศรี ใจงาม</option>' in select
    assert ">wichai<" not in select and ">somsri<" not in select
    # More people offered, each with a position, cost no more queries.
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    it = Unit.objects.create(agency=built_site.agency, name="ศูนย์เทคโนโลยีสารสนเทศ")
    for n in range(20):
        person = make_user(f"staff{n}", first_name=f"เจ้าหน้าที่{n}", last_name="ทดสอบ")
        Membership.objects.create(unit=it, user=person, position="นักวิชาการคอมพิวเตอร์")
    client.get(url)  # what is read once after a change, read
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert "เจ้าหน้าที่19 ทดสอบ, นักวิชาการคอมพิวเตอร์" in html
    assert len(many) == len(few)
