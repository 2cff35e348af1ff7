"""Every staff screen in Thai: each role signs in and reads its screens in Chromium.

Each role reads its dashboard with its menu and every screen that shows it something of its
own; a screen that looks the same to every role that opens it is read once, and a screen that
refuses a role is asked only whether it still refuses (Wagtail's refusal is read once).
The check reads the visible text of the main content and any dialog (what a person or a
screen reader meets), leaves out what people typed (names, usernames, e-mail addresses,
file names, web addresses) and fails on any English word not on a short list of names that
stay English. Titles of pages and documents and names of units are what people (or the
checklist, for the ITA's own English names such as "No Gift Policy") wrote, so they count as
typed.
"""

import json
import re

import pytest

# Names kept in English, as Thai staff write them too.
KEPT_IN_ENGLISH = {
    "Wagtail", "PDF", "URL", "HTML", "ID", "MB", "KB", "RSS", "ITA", "MOIT", "OIT", "CSV", "XLSX",
    "IT", "CIO", "Web", "Master", "Service",  # "Web Master", "e-Service" in the seeds' own words
    "pdf", "xls", "xlsx", "doc", "docx", "jpg", "jpeg", "png", "zip", "rar",
    # The old website's software and its files' types; the English pages' link, named as
    # the public sees it.
    "WordPress", "xml", "gif", "English",
}  # fmt: skip

EVERYONE = [
    "/admin/",
    "/admin/account/",
    "/admin/pages/",
    "/admin/pages/{category}/",
    "/admin/pages/{item}/edit/",
    "/admin/pages/{item}/history/",
    "/admin/documents/",
    "/admin/images/",
    "/admin/pages/search/?q=ประวัติ",
    "/admin/publishing/",
    "/admin/publishing/new/",
    "/admin/publishing/{request}/",
    "/admin/publishing/notifications/",
    "/admin/publishing/guide/",
]
MANAGERS = [
    "/admin/documents/multiple/add/",
    "/admin/documents/edit/{document}/",
    "/admin/images/multiple/add/",
    "/admin/collections/",
    "/admin/workflows/list/",
    "/admin/workflows/tasks/index/",
    "/admin/reports/locked/",
    "/admin/reports/site-history/",
    "/admin/reports/aging-pages/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/users/",
    "/admin/users/new/",
    "/admin/groups/",
    "/admin/snippets/agency/unit/",
    "/admin/snippets/agency/responsibility/",
    "/admin/survey/",
    "/admin/e-services/",
    "/admin/e-services/statistics/",
    "/admin/e-services/handlers/",
]
# The records' listings: the monthly reports and the scheduled jobs' runs.
RECORDS = ["/admin/publishing/reports/", "/admin/scheduled-jobs/"]
ROLES = {
    "requester": EVERYONE,
    "unithead": EVERYONE,
    "director": EVERYONE,
    "executive": EVERYONE,
    "auditor": EVERYONE + RECORDS,
    "webmaster": EVERYONE + MANAGERS + RECORDS,
    "itadmin": EVERYONE + MANAGERS + RECORDS,
}
# Screens that look the same to every role above that opens them (the same form, guide or
# upload screen, the same report): read once, by the role named. Each role's own dashboard,
# with its menu, and every screen whose content depends on the role are read for each role.
ALIKE = {
    "/admin/publishing/new/": "requester",
    "/admin/publishing/guide/": "requester",
    "/admin/documents/multiple/add/": "webmaster",
    "/admin/documents/edit/{document}/": "webmaster",
    "/admin/images/multiple/add/": "webmaster",
    "/admin/reports/locked/": "webmaster",
    "/admin/reports/workflow/": "webmaster",
    "/admin/reports/workflow_tasks/": "webmaster",
    "/admin/survey/": "webmaster",
    "/admin/e-services/statistics/": "webmaster",
}
# Screens that send the role back to its dashboard with Wagtail's refusal: what the role meets
# there is its dashboard (read above) and the refusal (read once, below). The sweep makes sure
# they still refuse, so that a screen a role comes to open is not left unread.
PAGES_OF_THE_UNIT = ["/admin/pages/{item}/edit/", "/admin/pages/{item}/history/"]
NOT_FILES_OR_PAGES = [
    "/admin/pages/",
    "/admin/pages/{category}/",
    *PAGES_OF_THE_UNIT,
    "/admin/documents/",
    "/admin/images/",
    "/admin/pages/search/?q=ประวัติ",
]
REFUSED = {
    "requester": PAGES_OF_THE_UNIT,
    "unithead": PAGES_OF_THE_UNIT,
    "director": [],
    "executive": NOT_FILES_OR_PAGES,
    "auditor": NOT_FILES_OR_PAGES,
    "webmaster": [
        *PAGES_OF_THE_UNIT,
        "/admin/collections/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/users/",
        "/admin/users/new/",
        "/admin/groups/",
        "/admin/snippets/agency/responsibility/",
        "/admin/e-services/handlers/",
    ],
    "itadmin": [],
}


def screens_read_by(role: str) -> list[str]:
    """The role's screens the sweep reads as that role."""
    return [
        path for path in ROLES[role] if path not in REFUSED[role] and ALIKE.get(path, role) == role
    ]


VISIBLE_TEXT = """() => {
  const roots = [document.querySelector("main") || document.body,
                 ...document.querySelectorAll("[role=dialog]")];
  const out = [];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, parent = node.parentElement;
      if (!parent || parent.closest("option, select, textarea, script, style, template")) continue;
      if (!parent.checkVisibility()) continue;
      out.push(node.textContent);
    }
  }
  return out.join(" ");
}"""
# Addresses, links, file names, paths, and e-service tracking codes (XXXX-XXXX-XX).
TYPED = re.compile(
    r"\S+@\S+|https?://\S+|\S+\.[A-Za-z]{2,4}\b|/\S*|\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}\b"
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


# The menu: every entry's label, folded-away sub-menus included.
MENU_LABELS = """() => {
  const labels = [];
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object")
      for (const [key, inner] of Object.entries(value))
        if (key === "label" && typeof inner === "string") labels.push(inner);
        else walk(inner);
  };
  walk(JSON.parse(document.getElementById("wagtail-sidebar-props").textContent));
  return labels.join(" ") + " " + document.getElementById("wagtail-sidebar").innerText;
}"""


@pytest.fixture(scope="module")
def facts(app_server) -> dict:
    """What people (and the checklist) wrote: page and document titles, unit names, and the
    usernames of accounts other tests made on the same server; and the objects the screens
    open."""
    out = app_server.manage(
        "shell",
        "-c",
        "import json; from wagtail.models import Page; from prakat.agency.models import Unit; "
        "from prakat.content.models import *; from prakat.publishing.models import *; "
        "from django.contrib.auth.models import User; "
        "print(json.dumps({'typed': [*Page.objects.values_list('title', flat=True), "
        "*Unit.objects.values_list('name', flat=True), "
        "*AgencyDocument.objects.values_list('title', flat=True), "
        "*User.objects.values_list('username', flat=True)], 'ids': {"
        "'category': CategoryPage.objects.get(checklist_key='history').pk, "
        "'item': InformationItemPage.objects.filter(live=True).first().pk, "
        "'document': AgencyDocument.objects.first().pk, "
        "'request': PublicationRequest.objects.first().pk}}, ensure_ascii=False))",
    )
    found = json.loads(out.strip().splitlines()[-1])
    return {"typed": sorted(found["typed"], key=len, reverse=True), "ids": found["ids"]}


def english_words(text: str, allowed: set[str], typed: list[str]) -> set[str]:
    for value in typed:
        text = text.replace(value, " ")
    return {w for w in WORD.findall(TYPED.sub(" ", text)) if w not in allowed}


def test_each_screen_is_read_by_a_role_that_opens_it_or_refuses_the_role():
    for role, screens in ROLES.items():
        assert set(REFUSED[role]) <= set(screens), role
    for path, reader in ALIKE.items():
        assert path in ROLES[reader] and path not in REFUSED[reader], path
    for role, screens in ROLES.items():
        for path in screens:
            read = path in screens_read_by(role) or path in screens_read_by(ALIKE.get(path, role))
            assert read or path in REFUSED[role], (role, path)


@pytest.mark.browser
@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_screen_of_the_role_is_in_thai(app_server, chromium, facts, role):
    # What people typed stays as typed: demo usernames.
    allowed = KEPT_IN_ENGLISH | set(app_server.accounts)
    context = chromium.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
    page = context.new_page()
    app_server.sign_in(page, role)
    found: dict[str, set[str]] = {}
    for path in screens_read_by(role):
        page.goto(app_server.url(path.format(**facts["ids"])))
        text = page.evaluate(VISIBLE_TEXT)
        if path == "/admin/":
            text += " " + page.evaluate(MENU_LABELS)
        for word in english_words(text, allowed, facts["typed"]):
            found.setdefault(word, set()).add(path)
    # Asked without following the answer: a refusal is a redirect to the dashboard.
    opened = []
    for path in REFUSED[role]:
        answer = context.request.get(app_server.url(path.format(**facts["ids"])), max_redirects=0)
        if (answer.status, answer.headers.get("location")) != (302, "/admin/"):
            opened.append(path)
    context.close()
    assert found == {}, f"English on {role}'s screens: {found}"
    assert opened == [], f"{role} is no longer refused these; read them: {opened}"


@pytest.mark.browser
def test_wagtails_refusal_is_in_thai(app_server, chromium, facts):
    allowed = KEPT_IN_ENGLISH | set(app_server.accounts)
    context = chromium.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
    page = context.new_page()
    app_server.sign_in(page, "auditor")
    page.goto(app_server.url("/admin/pages/"))
    page.locator(".messages").get_by_text("ขออภัย, คุณไม่สามารถเปิดหน้านี้ได้").wait_for()
    assert page.url == app_server.url("/admin/")
    text = page.evaluate(VISIBLE_TEXT)
    context.close()
    assert english_words(text, allowed, facts["typed"]) == set()
