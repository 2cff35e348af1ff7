"""Every staff screen in Thai: each role signs in and reads its screens in Chromium.

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

pytestmark = pytest.mark.browser

# Names kept in English, as Thai staff write them too.
KEPT_IN_ENGLISH = {
    "Wagtail", "PDF", "URL", "HTML", "ID", "MB", "KB", "RSS", "ITA", "MOIT", "OIT", "CSV", "XLSX",
    "IT", "CIO", "Web", "Master", "Service",  # "Web Master", "e-Service" in the seeds' own words
    "pdf", "xls", "xlsx", "doc", "docx", "jpg", "jpeg", "png", "zip", "rar",
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


@pytest.fixture(scope="module")
def typed(app_server) -> list[str]:
    """What people (and the checklist) wrote: page and document titles, unit names, and the
    usernames of accounts other tests made on the same server."""
    out = app_server.manage(
        "shell",
        "-c",
        "import json; from wagtail.models import Page; from prakat.agency.models import Unit; "
        "from prakat.content.models import AgencyDocument; "
        "from django.contrib.auth.models import User; "
        "print(json.dumps([*Page.objects.values_list('title', flat=True), "
        "*Unit.objects.values_list('name', flat=True), "
        "*AgencyDocument.objects.values_list('title', flat=True), "
        "*User.objects.values_list('username', flat=True)], ensure_ascii=False))",
    )
    return sorted(json.loads(out.strip().splitlines()[-1]), key=len, reverse=True)


@pytest.fixture(scope="module")
def ids(app_server):
    out = app_server.manage(
        "shell",
        "-c",
        "from prakat.content.models import *; from prakat.publishing.models import *; "
        "print(CategoryPage.objects.get(checklist_key='history').pk, "
        "InformationItemPage.objects.filter(live=True).first().pk, "
        "AgencyDocument.objects.first().pk, PublicationRequest.objects.first().pk)",
    )
    category, item, document, request = out.split()[-4:]
    return {"category": category, "item": item, "document": document, "request": request}


def english_words(text: str, allowed: set[str], typed: list[str]) -> set[str]:
    for value in typed:
        text = text.replace(value, " ")
    return {w for w in WORD.findall(TYPED.sub(" ", text)) if w not in allowed}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_screen_of_the_role_is_in_thai(app_server, chromium, ids, typed, role):
    # What people typed stays as typed: demo usernames.
    allowed = KEPT_IN_ENGLISH | set(app_server.accounts)
    context = chromium.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
    page = context.new_page()
    app_server.sign_in(page, role)
    found: dict[str, set[str]] = {}
    for path in ROLES[role]:
        page.goto(app_server.url(path.format(**ids)))
        for word in english_words(page.evaluate(VISIBLE_TEXT), allowed, typed):
            found.setdefault(word, set()).add(path)
    context.close()
    assert found == {}, f"English on {role}'s screens: {found}"
