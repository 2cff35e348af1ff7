"""An archive is sealed with the operator's key: without the key nobody reads it, and a
changed, cut, reordered or spliced archive is refused, saying which check failed. Rows edited
by someone holding the key are caught by the manifest's per-table content digests. A refused
archive restores nothing."""

from __future__ import annotations

import json
import os

import pytest

from prakat.agency.roles import Role
from prakat.backup.archive import make_archive
from prakat.backup.tests.conftest import TEST_KEY
from prakat.backup.tests.handmade import seal, unseal
from prakat.backup.tests.install import restore_is_refused

pytestmark = pytest.mark.database_neutral

KEY = bytes.fromhex(TEST_KEY)
# From the layout in ``envelope``: magic 8 + version 1 + chunk size 4 + salt 32 + key check 32;
# a sealed chunk is 65,536 bytes and a 16-byte tag.
HEADER, SEALED = 77, 65552
KEY_CHECK = "การตรวจกุญแจไม่ผ่าน"
AUTHENTICATION = "การยืนยันความถูกต้องไม่ผ่านที่ส่วนที่ %d ของไฟล์สำรองข้อมูล"


@pytest.fixture
def archive(built_site, make_user, settings, tmp_path):
    make_user("requester", Role.REQUESTER)
    (settings.MEDIA_ROOT / "scan.bin").write_bytes(os.urandom(200_000))  # several chunks
    path = tmp_path / "prakat.backup"
    make_archive(path)
    assert path.stat().st_size > HEADER + 3 * SEALED
    return path


def chunks(data: bytes) -> list[bytes]:
    return [data[i : i + SEALED] for i in range(HEADER, len(data), SEALED)]


def test_a_wrong_key_fails_the_key_check(install, outside, archive):
    _base, env, _rows, _terminal = install
    restore_is_refused(install, archive, KEY_CHECK, env={**env, "PRAKAT_BACKUP_KEY": "ab" * 32})


def test_without_a_key_nothing_is_restored(install, outside, archive):
    _base, env, _rows, _terminal = install
    keyless = {k: v for k, v in env.items() if k != "PRAKAT_BACKUP_KEY"}
    restore_is_refused(install, archive, "ไม่มีกุญแจสำรองข้อมูล", env=keyless)


def test_an_altered_header_fails_the_key_check(install, outside, archive):
    data = bytearray(archive.read_bytes())
    data[20] ^= 1  # in the salt
    archive.write_bytes(data)
    restore_is_refused(install, archive, KEY_CHECK)


@pytest.mark.parametrize(
    "offset, part",
    [(HEADER + 100, 1), (HEADER + SEALED + 1000, 2), (HEADER + 2 * SEALED - 1, 2)],
    ids=["manifest", "middle", "tag"],
)
def test_a_changed_byte_fails_authentication(install, outside, archive, offset, part):
    data = bytearray(archive.read_bytes())
    data[offset] ^= 0x40
    archive.write_bytes(data)
    restore_is_refused(install, archive, AUTHENTICATION % part)


@pytest.mark.parametrize(
    "length, part",
    [(HEADER + 2 * SEALED, 2), (HEADER + SEALED + 500, 2), (HEADER, 1)],
    ids=["at-a-chunk", "inside-a-chunk", "header-only"],
)
def test_an_archive_cut_short_fails_authentication(install, outside, archive, length, part):
    archive.write_bytes(archive.read_bytes()[:length])
    restore_is_refused(install, archive, AUTHENTICATION % part)


def test_reordered_chunks_fail_authentication(install, outside, archive):
    data = archive.read_bytes()
    first, second, *rest = chunks(data)
    archive.write_bytes(data[:HEADER] + second + first + b"".join(rest))
    restore_is_refused(install, archive, AUTHENTICATION % 1)


def test_a_chunk_from_another_archive_fails_authentication(install, outside, archive, tmp_path):
    make_archive(tmp_path / "other.backup")
    other = (tmp_path / "other.backup").read_bytes()
    data = archive.read_bytes()
    mine = chunks(data)
    mine[1] = chunks(other)[1]  # same key, same place, another archive
    archive.write_bytes(data[:HEADER] + b"".join(mine))
    restore_is_refused(install, archive, AUTHENTICATION % 2)


def edit(archive, name: str, change) -> None:
    """Open the archive with the key, change one member, seal it again with the key."""
    members = unseal(archive, KEY)
    for index, (info, data) in enumerate(members):
        if info.name == name:
            data = json.dumps(change(json.loads(data))).encode()
            info.size = len(data)
            members[index] = (info, data)
    seal(archive, KEY, members)


def test_rows_edited_by_a_key_holder_fail_the_row_content_check(install, outside, archive):
    def make_requester_a_superuser(rows):
        for row in rows:
            if row["model"] == "auth.user" and row["fields"]["username"] == "requester":
                row["fields"].update(is_superuser=True, is_staff=True)
        return rows

    edit(archive, "data.json", make_requester_a_superuser)
    message = restore_is_refused(install, archive, "การตรวจเนื้อหาข้อมูลไม่ผ่าน")
    assert "ในตาราง auth.User ไม่ตรงกับค่าตรวจสอบ" in message


def test_a_manifest_edited_by_a_key_holder_fails_the_row_checks(install, outside, archive):
    def claim_other_pages(manifest):
        manifest["digests"]["wagtailcore.Page"] = "0" * 64
        return manifest

    edit(archive, "manifest.json", claim_other_pages)
    message = restore_is_refused(install, archive, "การตรวจเนื้อหาข้อมูลไม่ผ่าน")
    assert "ในตาราง wagtailcore.Page ไม่ตรงกับค่าตรวจสอบ" in message

    def claim_one_more_account(manifest):
        manifest["rows"]["auth.User"] += 1
        return manifest

    edit(archive, "manifest.json", claim_one_more_account)
    message = restore_is_refused(install, archive, "การตรวจจำนวนแถวไม่ผ่าน")
    assert message.strip().endswith(": auth.User")
