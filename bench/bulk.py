"""Pages added in bulk: the rows Wagtail's ``add_child`` and ``publish`` would leave, written a
few thousand at a time. Used inside either site's Django (Prakat's, or the vanilla one's)."""

from __future__ import annotations

import datetime

from bench.content import item_text

# Added pages are older than anything a site starts with, newest first, so a listing's first
# page shows the same pages whatever the number added.
NEWEST = datetime.datetime(2025, 1, 1, 9, 0, tzinfo=datetime.UTC)


def add_children(parent, model, numbers: range, **fields) -> list[int]:
    """Live pages of ``model`` under ``parent``, one for each number (titles and bodies from
    ``bench.content``; ``fields`` the same for all); returns their ids in order."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import Page

    parent.refresh_from_db()
    last = parent.get_last_child()
    first_step = (Page._str2int(last.path[-Page.steplen :]) if last else 0) + 1
    depth = parent.depth + 1
    content_type = ContentType.objects.get_for_model(model)
    pages, bodies = [], []
    for offset, number in enumerate(numbers):
        title, body = item_text(number)
        slug = f"bench-item-{number}"
        moment = NEWEST - datetime.timedelta(minutes=number)
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                path=Page._get_path(parent.path, depth, first_step + offset),
                depth=depth,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                locale_id=parent.locale_id,
                live=True,
                first_published_at=moment,
                last_published_at=moment,
            )
        )
        bodies.append(body)
    Page.objects.bulk_create(pages)
    by_path = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
    ids = [by_path[page.path] for page in pages]
    insert_rows(connection, model, [{"body": body, **fields} for body in bodies], ids)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return ids


def insert_rows(connection, model, rows: list[dict], ids: list[int]) -> None:
    """The subclass rows of multi-table pages (Django's bulk_create refuses those): every
    column of the model's own table, with the given values or the field's default, so a
    field added to the model later is filled as Django would fill it."""
    parent_link = model._meta.pk
    fields = [field for field in model._meta.local_concrete_fields if field is not parent_link]
    values = []
    for page_id, row in zip(ids, rows, strict=True):
        line = [page_id]
        for field in fields:
            if field.attname in row:
                value = row[field.attname]
            elif field.name in row:
                value = row[field.name]
            else:
                value = field.get_default()
            line.append(field.get_db_prep_save(value, connection))
        values.append(line)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in [parent_link.column, *(f.column for f in fields)])
    marks = ", ".join(["%s"] * (len(fields) + 1))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})",  # noqa: S608
            values,
        )
