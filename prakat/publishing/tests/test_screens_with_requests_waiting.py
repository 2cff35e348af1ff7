"""The staff screens that show the requests on their way read each row's request, step and
rights for the whole screen at once: their queries do not grow with the requests waiting,
but for what Wagtail's own listings read row by row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PagePermissionTester

from prakat.content.going_live import publication_authorised
from prakat.content.models import InformationItemPage
from prakat.publishing.submission import RequestDetails, submit
from prakat.publishing.tests.test_workflow import act

pytestmark = pytest.mark.database_neutral


def ask(people, news, count: int, *, approve: bool) -> None:
    for number in range(count):
        title = f"ข่าวกิจกรรม ครั้งที่ {number + 1}"
        made = submit(people.requester, news, RequestDetails(title=title, summary=title))
        if approve:
            act(made, people.head, "approve")


def queries(client, url: str) -> int:
    # The first visit after a change reads again what is kept per site version.
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def grown(client, people, news, who: str, url: str) -> int:
    """Queries added to the screen by eight more requests waiting (four for each step)."""
    client.force_login(getattr(people, who))
    ask(people, news, 2, approve=True)
    ask(people, news, 2, approve=False)
    few = queries(client, url)
    ask(people, news, 4, approve=True)
    ask(people, news, 4, approve=False)
    return queries(client, url) - few


@pytest.mark.parametrize("who", ["webmaster", "head"])
def test_the_request_list_reads_the_same_however_many_wait(client, people, news, who):
    assert grown(client, people, news, who, "/admin/publishing/") == 0


def test_the_webmasters_explorer_reads_the_same_however_many_wait(client, people, news):
    assert grown(client, people, news, "webmaster", f"/admin/pages/{news.pk}/") == 0


def test_the_heads_explorer_adds_only_wagtails_delete_check_a_row(client, people, news):
    # The eight new items are the head's unit's drafts: Wagtail asks of each whether it may
    # be deleted (one query a row); nothing of the request is read row by row.
    assert grown(client, people, news, "head", f"/admin/pages/{news.pk}/") <= 8


@pytest.mark.parametrize("who", ["webmaster", "head"])
def test_the_dashboard_adds_only_wagtails_own_reads_a_row(client, people, news, who):
    # Four more rows wait for each of them: four queries a row, three of them Wagtail's panel
    # of what awaits the person (the row's task, read twice, and its steps with their
    # status) and the row's run, which the panel does not read with its objects. Before,
    # each row read its request, category and decisions again for every question asked of
    # it (some thirty queries a row).
    assert grown(client, people, news, who, "/admin/") <= 4 * 4


@pytest.mark.parametrize("who", ["requester", "head", "webmaster", "director"])
def test_an_items_delete_rule_gives_wagtails_answer(people, news, who):
    """The explorer asks each row whether it may be deleted: for an item that is asked of
    the item alone, and the answer is the one Wagtail's own rule gives."""
    user = getattr(people, who)
    draft = submit(people.requester, news, RequestDetails(title="ร่างข่าว")).page
    with publication_authorised():
        live = news.add_child(
            instance=InformationItemPage(
                title="ข่าวที่เผยแพร่แล้ว", owner_unit=people.unit, owner=people.requester
            )
        )
    for item in (draft, InformationItemPage.objects.get(pk=live.pk)):
        item.refresh_from_db()
        wagtails = PagePermissionTester(user, item).can_delete()
        assert item.permissions_for_user(user).can_delete() == wagtails, (who, item.live)
