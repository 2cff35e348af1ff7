from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from prakat.agency.roles import Role
from prakat.content.checklist import load_checklist
from prakat.content.models import CategoryPage, EnglishHomePage, HomePage
from prakat.content.skeleton import build_site


def test_builds_home_and_every_checklist_entry_as_a_category(built_site):
    checklist = load_checklist()
    home = built_site.home
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == home
    assert built_site.agency.name == "โรงพยาบาลทดสอบ"
    categories = {c.checklist_key: c for c in CategoryPage.objects.descendant_of(home)}
    assert set(categories) == {e.key for e in checklist}
    for entry in checklist:
        page = categories[entry.key]
        parent = page.get_parent().specific
        if entry.parent is None:
            assert parent == home
        else:
            assert parent.checklist_key == entry.parent
        assert page.title == entry.title_th
        assert page.slug == entry.key
        assert page.live
        assert page.show_in_menus == entry.is_top


def test_builds_everything_from_an_empty_tree(built_site):
    built_site.home.delete()
    fresh = build_site(agency_name="โรงพยาบาลใหม่")
    assert fresh.created == [e.key for e in load_checklist()]
    assert Site.objects.get(is_default_site=True).root_page.specific == fresh.home


def test_wagtail_welcome_page_gives_way_to_the_home_page(built_site):
    root = Page.get_first_root_node()
    # The Thai home page, and beside it its English translation, a draft until written.
    children = [(p.specific_class, p.live) for p in root.get_children()]
    assert children == [(HomePage, True), (EnglishHomePage, False)]


def test_running_twice_creates_nothing_new(built_site):
    pages_before = Page.objects.count()
    again = build_site(agency_name="ชื่ออื่น")
    assert again.created == []
    assert len(again.existing) == len(load_checklist())
    assert Page.objects.count() == pages_before
    assert again.home == built_site.home
    # An agency that already has a name keeps it.
    assert again.agency.name == "โรงพยาบาลทดสอบ"


def test_a_category_renamed_or_moved_by_a_webmaster_is_left_alone(built_site):
    history = CategoryPage.objects.get(checklist_key="history")
    history.title = "ความเป็นมาของโรงพยาบาล"
    history.save()
    history.move(CategoryPage.objects.get(checklist_key="knowledge"), "last-child")
    build_site()
    assert CategoryPage.objects.filter(checklist_key="history").count() == 1
    moved = CategoryPage.objects.get(checklist_key="history")
    assert moved.title == "ความเป็นมาของโรงพยาบาล"
    assert moved.get_parent().specific.checklist_key == "knowledge"


def test_roles_get_their_permissions_on_the_site(built_site, make_user):
    home = built_site.home
    webmaster = make_user("wm", Role.WEBMASTER)
    requester = make_user("rq", Role.REQUESTER)
    auditor = make_user("au", Role.AUDITOR)
    assert home.permissions_for_user(webmaster).can_publish()
    # Requesters ask for items in the categories; under the home page only the general pages
    # are written by hand, by those who publish.
    category = CategoryPage.objects.child_of(home).first()
    assert category.permissions_for_user(requester).can_add_subpage()
    assert not home.permissions_for_user(requester).can_add_subpage()
    assert home.permissions_for_user(webmaster).can_add_subpage()
    assert not home.permissions_for_user(requester).can_publish()
    assert not home.permissions_for_user(auditor).can_add_subpage()
    for role in Role:
        group = Group.objects.get(name=role.group_name)
        assert group.permissions.filter(codename="access_admin").exists()
