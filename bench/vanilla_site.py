"""Build the pages of the vanilla Wagtail site the benchmark compares Prakat with.

Run inside the project made by ``wagtail start`` (its folder and the repository on the Python
path, its production settings):

    python -m bench.vanilla_site --items 1000 --title … --body …

Under the project's own home page: a page of the same text as Prakat's measured item, made
and published the ordinary way, and an index page listing ``--items`` children (the same
titles and bodies as the items added to Prakat, written in bulk). Prints the URLs as JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys

BATCH = 2000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, required=True)
    parser.add_argument("--title", required=True)
    parser.add_argument("--body", required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsite.settings.production")
    import django

    django.setup()
    json.dump(build(args.items, args.title, args.body), sys.stdout, ensure_ascii=False)


def build(count: int, title: str, body: str) -> dict:
    from django.db import transaction
    from home.models import PER_PAGE, ArticlePage, HomePage, IndexPage

    from bench.bulk import add_children

    home = HomePage.objects.get()
    with transaction.atomic():
        child = home.add_child(instance=ArticlePage(title=title, slug="item", body=body))
        child.save_revision().publish()
        index = home.add_child(instance=IndexPage(title="ข่าวประชาสัมพันธ์", slug="news"))
        index.save_revision().publish()
        for start in range(0, count, BATCH):
            add_children(index, ArticlePage, range(start, min(count, start + BATCH)))
    child.refresh_from_db()
    index.refresh_from_db()
    return {
        "item": child.url,
        "index": index.url,
        "index_last_page": max(1, math.ceil(count / PER_PAGE)),
    }


if __name__ == "__main__":
    main()
