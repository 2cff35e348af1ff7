"""Rotation: which old archives a scheduled backup deletes.

Kept: the newest archive of each of the last ``daily`` days that have one, and the newest
archive of each of the last ``monthly`` months that have one; an archive either rule keeps
stays, and the newest archive of all always stays. Days and months are counted among those
that have an archive, not on the calendar, so a machine that was off for a month does not
wake up to delete everything it had.

Only the backup command's own archives take part: plain files named
``prakat-YYYYMMDD-HHMMSS.backup`` (the Bangkok time the command wrote into the name). Anything
else in the folder — an archive being written (``.partial``), a copy renamed by hand, a link,
another program's file — is never touched.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from pathlib import Path

ARCHIVE_NAME = re.compile(r"prakat-(\d{8}-\d{6})\.backup")


def archive_time(name: str) -> datetime.datetime | None:
    """When an archive of this name was made, or None when the name is not one of ours."""
    match = ARCHIVE_NAME.fullmatch(name)
    if match is None:
        return None
    try:
        return datetime.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
    except ValueError:  # prakat-20261399-…: not a name the command writes
        return None


def archives_to_keep(names: Iterable[str], *, daily: int, monthly: int) -> set[str]:
    """The archive names among ``names`` that the rotation keeps (see the module)."""
    dated = sorted(
        ((when, name) for name in names if (when := archive_time(name)) is not None),
        reverse=True,
    )
    if not dated:
        return set()
    keep = {dated[0][1]}
    for period, count in (("%Y-%m-%d", daily), ("%Y-%m", monthly)):
        periods: set[str] = set()
        for when, name in dated:  # newest first: the first of a period is its newest
            key = when.strftime(period)
            if key in periods:
                continue
            if len(periods) == count:
                break
            periods.add(key)
            keep.add(name)
    return keep


def rotate(folder: Path, *, daily: int, monthly: int) -> list[Path]:
    """Delete from ``folder`` the archives the rotation does not keep; return them, oldest
    first."""
    archives = {
        path.name: path
        for path in folder.iterdir()
        if archive_time(path.name) is not None and path.is_file() and not path.is_symlink()
    }
    keep = archives_to_keep(archives, daily=daily, monthly=monthly)
    removed = sorted(path for name, path in archives.items() if name not in keep)
    for path in removed:
        path.unlink()
    return removed
