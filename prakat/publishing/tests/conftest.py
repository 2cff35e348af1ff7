import pytest

from prakat.agency.models import Membership, Unit
from prakat.agency.roles import Role
from prakat.content.models import CategoryPage
from prakat.publishing.submission import RequestDetails, submit


@pytest.fixture
def people(built_site, make_user):
    """A PR unit with a requester and its head, an IT unit with two webmasters, a director."""
    agency = built_site.agency
    pr = Unit.objects.create(agency=agency, name="งานประชาสัมพันธ์")
    it = Unit.objects.create(agency=agency, name="ศูนย์เทคโนโลยีสารสนเทศ")
    legal = Unit.objects.create(agency=agency, name="กลุ่มงานนิติการ")

    def member(user, unit, position, head=False):
        Membership.objects.create(user=user, unit=unit, position=position, is_head=head)
        return user

    class People:
        requester = member(
            make_user("requester", Role.REQUESTER, first_name="สุดา", last_name="ใจดี",
                      email="suda@example.go.th"),
            pr, "นักประชาสัมพันธ์",
        )  # fmt: skip
        head = member(
            make_user("head", Role.UNIT_HEAD, first_name="วิชัย", last_name="มั่นคง",
                      email="wichai@example.go.th"),
            pr, "หัวหน้างานประชาสัมพันธ์", head=True,
        )  # fmt: skip
        other_head = member(
            make_user("legalhead", Role.UNIT_HEAD, first_name="นิติ", last_name="ธรรม"),
            legal, "หัวหน้ากลุ่มงานนิติการ", head=True,
        )  # fmt: skip
        director = member(
            make_user("director", Role.DIRECTOR, first_name="ประเสริฐ", last_name="รักษาดี",
                      email="director@example.go.th"),
            it, "ผู้อำนวยการโรงพยาบาล",
        )  # fmt: skip
        webmaster = member(
            make_user("webmaster", Role.WEBMASTER, first_name="ณัฐพล", last_name="ศรีสวัสดิ์",
                      email="natthaphon@example.go.th"),
            it, "นักวิชาการคอมพิวเตอร์",
        )  # fmt: skip
        webmaster2 = member(
            make_user("webmaster2", Role.WEBMASTER, first_name="กมล", last_name="แก้ว"),
            it, "เจ้าพนักงานเครื่องคอมพิวเตอร์",
        )  # fmt: skip

    People.unit = pr
    People.agency = agency
    return People


@pytest.fixture
def news():
    return CategoryPage.objects.get(checklist_key="pr-news")


@pytest.fixture
def submitted(people, news):
    return submit(
        people.requester,
        news,
        RequestDetails(title="ขอเชิญร่วมบริจาคโลหิต", summary="ณ ห้องรับบริจาคโลหิต ชั้น 2"),
    )
