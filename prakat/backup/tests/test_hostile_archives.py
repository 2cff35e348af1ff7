"""An archive that names a place outside the install's own folders is refused before one file
is written or one row loaded: the disk and the database stay exactly as they were."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
from pathlib import Path

import pytest

from prakat.backup.tests.install import fresh_install, manage, shell

SENTINEL = b"kept outside the install\n"
DATABASE_STATE = (
    "import json; from prakat.backup.archive import row_counts; print(json.dumps(row_counts()))"
)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def member(name: str, data: bytes = b"", **fields) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(data) if fields.get("type", tarfile.REGTYPE) == tarfile.REGTYPE else 0
    for field, value in fields.items():
        setattr(info, field, value)
    return info, data


def write_archive(path: Path, files: dict[str, dict[str, str]], members=()) -> Path:
    """An archive made by hand: a manifest listing ``files`` (section → name → SHA-256), no
    rows, and ``members`` as they are given."""
    manifest = {"format": 1, "created_at": "2026-03-10T10:00:00+07:00", "rows": {}, **files}
    with tarfile.open(path, "w:gz") as tar:
        for info, data in [
            member("manifest.json", json.dumps(manifest).encode()),
            member("data.json", b"[]"),
            *members,
        ]:
            tar.addfile(info, io.BytesIO(data) if info.isreg() else None)
    return path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file, folder and link under ``folder`` with its content; the databases aside
    (their bytes move with every transaction; their rows are compared instead)."""
    seen = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if ".sqlite3" in path.name:
            continue
        if path.is_symlink():
            seen[name] = f"link to {os.readlink(path)}"
        elif path.is_dir():
            seen[name] = "folder"
        else:
            stat = path.stat()
            seen[name] = f"{sha256(path.read_bytes())} {stat.st_mtime_ns} {oct(stat.st_mode)}"
    return seen


@pytest.fixture(scope="module")
def install(tmp_path_factory):
    """One migrated, empty install; every archive below is refused, so it stays empty."""
    base = tmp_path_factory.mktemp("hostile")
    env = fresh_install(base / "install", database="hostile")
    # The restore unpacks into a temporary folder beside the install, so a name with ".." that
    # leaves the media folder leaves the unpacked archive by the same steps.
    env["TMPDIR"] = str(base)
    migrated = manage(env, "migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stderr
    return base, env, shell(env, DATABASE_STATE)


@pytest.fixture
def outside(install):
    base, _env, _rows = install
    folder = base / "outside"
    folder.mkdir()
    (folder / "sentinel.txt").write_bytes(SENTINEL)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def media(install):
    base, _env, _rows = install
    folder = base / "install" / "media"
    folder.mkdir(exist_ok=True)
    yield folder
    shutil.rmtree(folder)


def restore_is_refused(install, archive: Path, rule: str) -> None:
    base, env, rows = install
    before = snapshot(base)
    result = manage(env, "restore", str(archive))
    assert result.returncode != 0
    assert (base / "outside" / "sentinel.txt").read_bytes() == SENTINEL
    assert snapshot(base) == before
    assert shell(env, DATABASE_STATE) == rows
    assert rule in result.stderr, result.stderr


OUTSIDE_THE_FOLDERS = "ระบุไฟล์ที่อยู่นอกโฟลเดอร์ของระบบ"


def test_a_manifest_name_with_dot_dot_is_refused(install, outside, media, tmp_path):
    archive = write_archive(
        tmp_path / "a.tar.gz",
        {"media": {"ok.txt": sha256(b"ok"), "../../outside/sentinel.txt": sha256(b"evil")}},
        [member("media/ok.txt", b"ok")],
    )
    restore_is_refused(install, archive, OUTSIDE_THE_FOLDERS)


def test_an_absolute_manifest_name_is_refused(install, outside, media, tmp_path):
    archive = write_archive(
        tmp_path / "a.tar.gz", {"private": {str(outside / "sentinel.txt"): sha256(SENTINEL)}}
    )
    restore_is_refused(install, archive, OUTSIDE_THE_FOLDERS)


def test_a_name_through_a_link_in_the_install_that_leads_outside_is_refused(
    install, outside, media, tmp_path
):
    (media / "door").symlink_to(outside, target_is_directory=True)
    archive = write_archive(
        tmp_path / "a.tar.gz",
        {"media": {"door/sentinel.txt": sha256(b"evil")}},
        [member("media/door/sentinel.txt", b"evil")],
    )
    restore_is_refused(install, archive, "ผ่านลิงก์ที่ชี้ออกไปนอกระบบ")


def test_a_file_the_install_already_has_is_never_replaced(install, outside, media, tmp_path):
    (media / "kept.txt").write_bytes(b"ours")
    archive = write_archive(
        tmp_path / "a.tar.gz",
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
    archive = write_archive(tmp_path / "a.tar.gz", {"media": {"evil": sha256(b"")}}, [hostile])
    restore_is_refused(install, archive, "ซึ่งไม่ใช่ไฟล์ธรรมดา")


@pytest.mark.parametrize("name", ["absolute", "media/../../outside/sentinel.txt"])
def test_member_names_outside_the_archive_are_refused(install, outside, media, tmp_path, name):
    name = str(outside / "sentinel.txt") if name == "absolute" else name
    archive = write_archive(
        tmp_path / "a.tar.gz", {"media": {"evil": sha256(b"evil")}}, [member(name, b"evil")]
    )
    restore_is_refused(install, archive, OUTSIDE_THE_FOLDERS)
