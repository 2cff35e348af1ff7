"""A backup restored into an empty install loses nothing."""

import io
import json
import tarfile

import pytest

from prakat.backup.archive import BackupError, extract, make_archive
from prakat.backup.tests.fingerprint import fingerprint
from prakat.backup.tests.install import fresh_install, manage
from prakat.compliance.expiry import take_down_expired
from prakat.demo.loader import load_demo


def test_backup_and_restore_keep_pages_revisions_requests_documents_users_and_logs(
    built_site, tmp_path
):
    load_demo()
    take_down_expired()  # a log entry of our own among Wagtail's
    from prakat.content.storage import private_root
    from prakat.publishing.monthly_report import generate_monthly_report

    report = generate_monthly_report(built_site.agency, 2026, 10)  # a private file
    assert report.pdf.path.startswith(str(private_root()))
    before = json.loads(json.dumps(fingerprint(), default=str))
    assert before["documents"] and before["requests"] and before["page_log"]

    archive = tmp_path / "prakat.tar.gz"
    manifest = make_archive(archive)
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    assert len(manifest["media"]) >= len(before["documents"])

    env = fresh_install(tmp_path / "restored")
    assert manage(env, "migrate", "--no-input").returncode == 0
    restored = manage(env, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
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
    hostile = tmp_path / "hostile.tar.gz"
    with tarfile.open(hostile, "w:gz") as tar:
        info = tarfile.TarInfo("../../outside.txt")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"evil"))
    target = tmp_path / "unpack"
    target.mkdir()
    with pytest.raises(BackupError):
        extract(hostile, target)
    assert not (tmp_path / "outside.txt").exists()


def test_a_damaged_archive_is_refused_in_thai(tmp_path):
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(b"not an archive")
    with pytest.raises(BackupError, match="ไม่ใช่ไฟล์สำรองข้อมูล"):
        extract(damaged, tmp_path)
