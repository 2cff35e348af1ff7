"""An archive that names a place outside the install's own folders is refused before one file
is written or one row loaded: the disk and the database stay exactly as they were.

These archives are sealed with the right key: the names are checked even when whoever made
the archive holds the key."""

from __future__ import annotations

import hashlib
import tarfile

import pytest

from prakat.backup.tests.conftest import TEST_KEY
from prakat.backup.tests.handmade import member, write_archive
from prakat.backup.tests.install import SENTINEL, restore_is_refused

KEY = bytes.fromhex(TEST_KEY)
OUTSIDE_THE_FOLDERS = "ระบุไฟล์ที่อยู่นอกโฟลเดอร์ของระบบ"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_manifest_name_with_dot_dot_is_refused(install, outside, media, tmp_path):
    archive = write_archive(
        tmp_path / "a.backup",
        KEY,
        {"media": {"ok.txt": sha256(b"ok"), "../../outside/sentinel.txt": sha256(b"evil")}},
        [member("media/ok.txt", b"ok")],
    )
    restore_is_refused(install, archive, OUTSIDE_THE_FOLDERS)


def test_an_absolute_manifest_name_is_refused(install, outside, media, tmp_path):
    archive = write_archive(
        tmp_path / "a.backup", KEY, {"private": {str(outside / "sentinel.txt"): sha256(SENTINEL)}}
    )
    restore_is_refused(install, archive, OUTSIDE_THE_FOLDERS)


def test_a_name_through_a_link_in_the_install_that_leads_outside_is_refused(
    install, outside, media, tmp_path
):
    (media / "door").symlink_to(outside, target_is_directory=True)
    archive = write_archive(
        tmp_path / "a.backup",
        KEY,
        {"media": {"door/sentinel.txt": sha256(b"evil")}},
        [member("media/door/sentinel.txt", b"evil")],
    )
    restore_is_refused(install, archive, "ผ่านลิงก์ที่ชี้ออกไปนอกระบบ")


def test_a_file_the_install_already_has_is_never_replaced(install, outside, media, tmp_path):
    (media / "kept.txt").write_bytes(b"ours")
    archive = write_archive(
        tmp_path / "a.backup",
        KEY,
        {"media": {"kept.txt": sha256(b"something else")}},
        [member("media/kept.txt", b"theirs")],
    )
    restore_is_refused(install, archive, "มีอยู่แล้วในระบบนี้")
    assert (media / "kept.txt").read_bytes() == b"ours"


@pytest.mark.parametrize(
    "kind, link",
    [
        (tarfile.SYMTYPE, "outside"),
        (tarfile.SYMTYPE, "data.json"),
        (tarfile.LNKTYPE, "outside"),
        (tarfile.LNKTYPE, "data.json"),
        (tarfile.CHRTYPE, ""),
        (tarfile.BLKTYPE, ""),
        (tarfile.FIFOTYPE, ""),
        (tarfile.DIRTYPE, ""),
    ],
    ids=["symlink-out", "symlink-in", "hardlink-out", "hardlink-in", "device", "block", "fifo",
         "folder"],
)  # fmt: skip
def test_members_that_are_not_plain_files_are_refused(
    install, outside, media, tmp_path, kind, link
):
    link = str(outside / "sentinel.txt") if link == "outside" else link
    hostile = member("media/evil", type=kind, linkname=link, devmajor=1, devminor=3)
    archive = write_archive(tmp_path / "a.backup", KEY, {"media": {"evil": sha256(b"")}}, [hostile])
    restore_is_refused(install, archive, "ซึ่งไม่ใช่ไฟล์ธรรมดา")


@pytest.mark.parametrize("name", ["absolute", "media/../../outside/sentinel.txt"])
def test_member_names_outside_the_archive_are_refused(install, outside, media, tmp_path, name):
    name = str(outside / "sentinel.txt") if name == "absolute" else name
    archive = write_archive(
        tmp_path / "a.backup", KEY, {"media": {"evil": sha256(b"evil")}}, [member(name, b"evil")]
    )
    restore_is_refused(install, archive, OUTSIDE_THE_FOLDERS)
