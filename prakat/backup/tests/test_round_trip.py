"""A backup restored into an empty install loses nothing."""

import json
import re
import shutil
import tarfile

import pytest

from prakat.backup.archive import BackupError, extract, make_archive
from prakat.backup.tests.conftest import TEST_KEY
from prakat.backup.tests.fingerprint import fingerprint
from prakat.backup.tests.handmade import member, seal
from prakat.backup.tests.install import fresh_install, manage
from prakat.compliance.expiry import take_down_expired
from prakat.demo.loader import load_demo

KEY = bytes.fromhex(TEST_KEY)


def test_backup_and_restore_keep_pages_revisions_requests_documents_users_and_logs(
    built_site, tmp_path, settings
):
    settings.BACKUP_KEY = None  # as an operator who set none: the key file in var/
    load_demo()
    take_down_expired()  # a log entry of our own among Wagtail's
    from prakat.content.storage import private_root
    from prakat.publishing.monthly_report import generate_monthly_report

    report = generate_monthly_report(built_site.agency, 2026, 10)  # a private file
    assert report.pdf.path.startswith(str(private_root()))
    before = json.loads(json.dumps(fingerprint(), default=str))
    assert before["documents"] and before["requests"] and before["page_log"]

    archive = tmp_path / "prakat.backup"
    manifest = make_archive(archive)
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    # Documents are private files (only original images stay in the media folder).
    assert len(manifest["private"]) >= len(before["documents"])
    key_file = tmp_path / "var" / "backup_key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    with pytest.raises(tarfile.ReadError), tarfile.open(archive):  # sealed: no tar to read
        pass

    env = fresh_install(tmp_path / "restored")
    shutil.copy(key_file, tmp_path / "restored" / "backup_key")  # the operator's copy
    restored = manage(env, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert re.search(r"ที่สำรองไว้เมื่อ \d+ \S+ 25\d\d เวลา \d\d:\d\d น\.", restored.stdout)
    shown = manage(
        env, "shell", "-c",
        "import json; from prakat.backup.tests.fingerprint import fingerprint; "
        "print(json.dumps(fingerprint(), default=str))",
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    after = json.loads(shown.stdout.strip().splitlines()[-1])
    for part in before:
        assert after[part] == before[part], part

    again = manage(env, "restore", str(archive))
    assert again.returncode != 0
    assert "ติดตั้งใหม่ที่ยังว่าง" in again.stderr


def test_an_archive_cannot_write_outside_its_folder(tmp_path):
    hostile = seal(tmp_path / "hostile.backup", KEY, [member("../../outside.txt", b"evil")])
    target = tmp_path / "unpack"
    target.mkdir()
    with pytest.raises(BackupError, match="ระบุไฟล์ที่อยู่นอกโฟลเดอร์ของระบบ"):
        extract(hostile, target, KEY)
    assert not (tmp_path / "outside.txt").exists()


def test_a_damaged_archive_is_refused_in_thai(tmp_path):
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(b"not an archive")
    with pytest.raises(BackupError, match="ไม่ใช่ไฟล์สำรองข้อมูล"):
        extract(damaged, tmp_path, KEY)
