"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os

import pytest

# Playwright's synchronous API runs an event loop in the main thread; Django would otherwise
# refuse ORM calls made by tests in the same process after a browser test has started.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# --- which tests the PostgreSQL pass runs ----------------------------------------------------
#
# `make test` runs the suite on SQLite and again on PostgreSQL. A test that never reaches the
# database proves the same thing on both, so the PostgreSQL pass leaves it to the SQLite pass:
# it runs a test only if the test's fixtures reach the database (every way in, `db`,
# `transactional_db`, `live_server`, …, goes through `django_db_setup`) or it is marked
# `django_db`. Browser tests reach the database through their server instead, doing what the
# tests without a browser do on both databases: they run on SQLite only. The whole stack served
# on PostgreSQL (the demo loaded into a fresh database, gunicorn, a request with its file
# through Wagtail's workflow to a published item) is the scale-out test's, which the
# PostgreSQL pass runs on its server. A test module marked `database_neutral` proves what does
# not depend on the engine (an archive's seal, a file's type, a PDF's text, a password rule,
# a seed agency's configuration, who holds which right, a request's steps, an entry's status
# on a date): it reaches the database only through the ORM's plain reads and writes to set up
# and check what it tests, and runs on SQLite only. What the engines do differently (search,
# listings searched, committed data and locks, migrations, backup and restore, dates grouped
# and averaged by the database, text the engine refuses, the demo loaded) stays in both passes.


def reaches_the_database(item: pytest.Item) -> bool:
    """Whether the test uses the test database, as pytest-django itself decides it."""
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return True
    if item.get_closest_marker("django_db") is not None:
        return True
    return "django_db_setup" in getattr(item, "fixturenames", ())


def runs_on_postgresql(item: pytest.Item) -> bool:
    if item.get_closest_marker("scale_out") is not None:
        return True
    if item.get_closest_marker("browser") is not None:
        return False
    if item.get_closest_marker("database_neutral") is not None:
        return False
    return reaches_the_database(item)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return
    kept, left = [], []
    for item in items:
        (kept if runs_on_postgresql(item) else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Passwords made and checked in the tests' own process are hashed with MD5: the real
    hasher is slow on purpose (a third of a second a password), and the suite makes hundreds.
    Nothing here tests the hasher; the server the browser tests drive keeps the real one."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def _jobs_run_in_process():
    """Jobs run where they are asked for; tests call the scheduled ones directly."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Every test writes media into its own folder, so nothing leaks between tests."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()


@pytest.fixture(autouse=True)
def _traffic_log_in_tmp(settings, tmp_path):
    """Every test's requests are logged into its own folder (the audit app's traffic log)."""
    settings.TRAFFIC_LOG_DIR = tmp_path / "traffic"


@pytest.fixture(autouse=True)
def _nothing_kept_from_another_test():
    """Each test starts with an empty cache and nothing kept per site version: the version
    each test starts from is the same (the rows of a test are rolled back), its pages are
    not. Kept-per-version memory is dropped by what the tests do with signals anyway."""
    from django.core.cache import cache

    from prakat.content import site_version

    cache.clear()
    site_version.forget()
    site_version.at_once.set()


@pytest.fixture(autouse=True)
def _search_time_limit_out_of_the_way(settings):
    """A search is stopped after a second (``PRAKAT_SEARCH_TIME_LIMIT``): on a busy test
    machine, with the tests' rows never committed for the database's statistics, an ordinary
    search can take that long, and a test of what it finds would fail by the clock. The tests
    of the limit itself set theirs (content/tests/test_search.py)."""
    settings.SEARCH_TIME_LIMIT = 60


@pytest.fixture(autouse=True)
def _two_step_sign_in_off(settings):
    """Tests sign people in with force_login, which has no second step; the security app's
    tests (and the browser tests, whose server signs in by form) turn the requirement on."""
    settings.SECURITY_REQUIRE_TWO_FACTOR = False


TEST_AGENCY_NAME = "โรงพยาบาลทดสอบ"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the site skeleton once per test database; each test's changes roll back. The
    database as the migrations left it is kept first: every install a test sets up beside
    this one starts from it. The built site is kept too, for the tests that commit."""
    from prakat import empty_install, kept_database
    from prakat.content.skeleton import build_site

    with django_db_blocker.unblock():
        empty_install.keep_the_test_database()
        build_site(agency_name=TEST_AGENCY_NAME)
        kept_database.keep()


def _the_built_site():
    """The site as the suite built it, read back as building it again would return it."""
    from wagtail.models import Site

    from prakat.agency.models import Agency
    from prakat.content.checklist import load_checklist
    from prakat.content.skeleton import BuildResult

    site = Site.objects.filter(is_default_site=True).select_related("root_page").get()
    return BuildResult(
        home=site.root_page.specific,
        agency=Agency.for_site(site),
        existing=[entry.key for entry in load_checklist()],
    )


@pytest.fixture
def built_site(db):
    """The agency's home page and category tree, as ``manage.py build_site`` makes them.

    The site was built with the test database and each test's changes roll back, so building
    it again would find everything and create nothing: the result is read back as that
    second build would return it (a few queries instead of a few hundred a test).
    """
    from wagtail.models import Site

    from prakat import kept_database

    if not Site.objects.exists():
        kept_database.put_back()  # a test with committed data emptied the database
    return _the_built_site()


@pytest.fixture
def committed_site(transactional_db):
    """The site for tests whose data must be committed (several connections at once).

    Such tests empty the database when they end; each starts from the site as the suite
    built it, put back."""
    from prakat import kept_database

    kept_database.put_back()
    return _the_built_site()


@pytest.fixture
def unit(built_site):
    from prakat.agency.models import Unit

    return Unit.objects.create(agency=built_site.agency, name="งานประชาสัมพันธ์")


@pytest.fixture
def make_user(db):
    from django.contrib.auth import get_user_model

    from prakat.agency.roles import Role

    def make(username: str, role: Role | None = None, **extra):
        user = get_user_model().objects.create_user(
            username=username, password="correct-horse-battery-staple", **extra
        )
        if role is not None:
            user.groups.add(role.group())
        return user

    return make


@pytest.fixture
def webmaster(built_site, make_user):
    from prakat.agency.roles import Role

    return make_user("webmaster", Role.WEBMASTER, first_name="ณัฐพล", last_name="ศรีสวัสดิ์")


# --- browser tests -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """The demo agency served by a real server process, as ``make run`` serves it."""
    from prakat.browser import serve_app

    with serve_app(tmp_path_factory.mktemp("app")) as server:
        yield server


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    from prakat.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh Thai-speaking browser tab in Bangkok time."""
    context = chromium.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
