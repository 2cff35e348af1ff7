"""A table's content digest is the same before a backup and after its rows are loaded back,
whatever the rows hold: the archive keeps times to the millisecond."""

import datetime

from django.contrib.auth import get_user_model
from django.core import serializers

from prakat.backup.archive import row_digests

UTC = datetime.UTC


def reload_as_a_restore_does(model) -> None:
    """Write the table's rows out as ``data.json`` does and load them back over themselves."""
    dumped = serializers.serialize("json", model._base_manager.order_by("pk"))
    for loaded in serializers.deserialize("json", dumped):
        loaded.save()


def test_times_with_fewer_than_a_millisecond_digest_the_same_after_reloading(make_user):
    for username, microsecond in [("a", 500), ("b", 0), ("c", 123456), ("d", 999)]:
        user = make_user(username)
        user.last_login = datetime.datetime(2026, 3, 10, 3, 0, 6, microsecond, tzinfo=UTC)
        user.save()
    before = row_digests()["auth.User"]
    reload_as_a_restore_does(get_user_model())
    assert get_user_model().objects.get(username="a").last_login.microsecond == 0
    assert row_digests()["auth.User"] == before


def test_a_changed_row_changes_its_table_digest(make_user):
    user = make_user("requester")
    before = row_digests()
    user.is_superuser = True
    user.save()
    after = row_digests()
    assert after["auth.User"] != before["auth.User"]
    assert {t for t in before if after[t] != before[t]} == {"auth.User"}
