"""Rotation of old archives: a scheduled backup keeps the newest archive of each of the last N
days and of each of the last M months, deletes the other archives it wrote, and nothing else."""

import io
import os

import pytest
from django.core.management import CommandError, call_command

from prakat.backup.rotation import archives_to_keep, rotate

pytestmark = pytest.mark.database_neutral

# Three archives on 31 October (the last is that day's and that month's newest), one on each
# of 1–3 November, two on 15 September, one in August 2025 and one in December 2025.
NAMES = [
    "prakat-20251201-031500.backup",
    "prakat-20260801-031500.backup",
    "prakat-20260915-031500.backup",
    "prakat-20260915-120000.backup",
    "prakat-20261031-010000.backup",
    "prakat-20261031-031500.backup",
    "prakat-20261031-231000.backup",
    "prakat-20261101-031500.backup",
    "prakat-20261102-031500.backup",
    "prakat-20261103-031500.backup",
]


def test_the_newest_of_each_recent_day_and_month_is_kept():
    assert archives_to_keep(NAMES, daily=3, monthly=4) == {
        # the last three days that have an archive
        "prakat-20261103-031500.backup",
        "prakat-20261102-031500.backup",
        "prakat-20261101-031500.backup",
        # the newest of each of the last four months: November's is kept above already
        "prakat-20261031-231000.backup",
        "prakat-20260915-120000.backup",
        "prakat-20260801-031500.backup",
    }


def test_days_count_those_with_an_archive_not_the_calendar():
    # A month and a half without backups: the last two days that have one are still kept.
    assert archives_to_keep(NAMES[:7], daily=2, monthly=0) == {
        "prakat-20261031-231000.backup",
        "prakat-20260915-120000.backup",
    }


def test_the_newest_archive_always_stays():
    assert archives_to_keep(NAMES, daily=0, monthly=0) == {"prakat-20261103-031500.backup"}


def test_only_the_commands_own_archives_take_part(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for name in NAMES:
        (folder / name).write_bytes(b"sealed")
    strangers = [
        "prakat-20200101-000000.backup.partial",  # being written
        "prakat-20200101-000000.backup.copy",
        "prakat-before-upgrade.backup",  # renamed by hand to keep it
        "prakat-20201399-000000.backup",  # no such day: not a name the command writes
        "notes.txt",
    ]
    for name in strangers:
        (folder / name).write_bytes(b"other")
    (folder / "prakat-20200102-000000.backup").mkdir()
    outside = folder / "outside.bin"
    outside.write_bytes(b"outside")
    os.symlink(outside, folder / "prakat-20200103-000000.backup")

    removed = rotate(folder, daily=1, monthly=1)

    assert [path.name for path in removed] == [
        "prakat-20251201-031500.backup",
        "prakat-20260801-031500.backup",
        "prakat-20260915-031500.backup",
        "prakat-20260915-120000.backup",
        "prakat-20261031-010000.backup",
        "prakat-20261031-031500.backup",
        "prakat-20261031-231000.backup",
        "prakat-20261101-031500.backup",
        "prakat-20261102-031500.backup",
    ]
    left = sorted(path.name for path in folder.iterdir())
    assert left == sorted(
        [
            "prakat-20261103-031500.backup",
            *strangers,
            "prakat-20200102-000000.backup",
            "prakat-20200103-000000.backup",
            "outside.bin",
        ]
    )
    assert outside.read_bytes() == b"outside"


def backup(*args: str) -> str:
    out = io.StringIO()
    call_command("backup", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def backups(tmp_path):
    """The default archive folder (var/backups of the test's var folder), holding older
    archives of earlier years and a file of the operator's."""
    folder = tmp_path / "var" / "backups"
    folder.mkdir(parents=True)
    for name in [
        "prakat-20240110-031500.backup",
        "prakat-20240111-031500.backup",
        "prakat-20240112-031500.backup",
        "prakat-20240229-031500.backup",
        "prakat-20250105-031500.backup",
    ]:
        (folder / name).write_bytes(b"sealed")
    (folder / "README.txt").write_text("archives are copied to the NAS nightly")
    return folder


def test_the_backup_command_rotates_after_writing(built_site, backups):
    output = backup("--keep-daily", "2", "--keep-monthly", "3")

    made = [p.name for p in backups.iterdir() if p.name.startswith("prakat-2026")]
    assert len(made) == 1
    # Today's new archive, and the newest older one by day (5 January 2025); by month the
    # new one, January 2025's and February 2024's.
    assert sorted(p.name for p in backups.iterdir()) == sorted(
        [
            "README.txt",
            made[0],
            "prakat-20250105-031500.backup",
            "prakat-20240229-031500.backup",
        ]
    )
    assert "หมุนเวียนชุดสำรอง" in output and "ลบชุดสำรองที่เก่ากว่าแล้ว 3 ชุด" in output
    assert str(backups / "prakat-20240110-031500.backup") in output


def test_without_the_options_nothing_is_deleted(built_site, backups):
    before = {p.name for p in backups.iterdir()}
    output = backup()
    after = {p.name for p in backups.iterdir()}
    assert before < after and len(after - before) == 1
    assert "หมุนเวียนชุดสำรอง" not in output


def test_a_negative_number_is_refused_in_thai_and_nothing_is_written(built_site, backups):
    before = {p.name for p in backups.iterdir()}
    with pytest.raises(CommandError, match="ต้องไม่น้อยกว่าศูนย์"):
        backup("--keep-daily", "-1")
    assert {p.name for p in backups.iterdir()} == before
