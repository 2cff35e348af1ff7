"""The backup key: made once into var/ when the operator set none, readable by its owner only,
and the backup says, in Thai, that a copy must be kept elsewhere."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.database_neutral

KEEP_A_COPY = "ต้องเก็บสำเนากุญแจนี้ไว้ที่อื่นนอกเครื่องนี้"


def backup(path) -> str:
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    return out.getvalue()


def test_a_key_is_made_once_and_the_operator_is_told_to_keep_a_copy(built_site, settings, tmp_path):
    settings.BACKUP_KEY = None
    key_file = tmp_path / "var" / "backup_key"

    first = backup(tmp_path / "one.backup")
    assert "สร้างกุญแจสำรองข้อมูลใหม่แล้ว" in first and str(key_file) in first
    assert KEEP_A_COPY in first
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    key = key_file.read_text()
    assert re.fullmatch(r"[0-9a-f]{64}\n", key)

    second = backup(tmp_path / "two.backup")
    assert "สร้างกุญแจสำรองข้อมูลใหม่แล้ว" not in second
    assert KEEP_A_COPY in second and str(key_file) in second
    assert key_file.read_text() == key


def test_a_key_from_the_environment_makes_no_key_file(built_site, tmp_path):
    output = backup(tmp_path / "one.backup")  # the test key is set as PRAKAT_BACKUP_KEY is
    assert "PRAKAT_BACKUP_KEY" in output and KEEP_A_COPY in output
    assert not (tmp_path / "var" / "backup_key").exists()


def test_a_malformed_key_is_refused_in_thai(built_site, settings, tmp_path):
    settings.BACKUP_KEY = "my-password"
    with pytest.raises(CommandError, match="ไม่ใช่เลขฐานสิบหก 64 หลัก"):
        backup(tmp_path / "one.backup")
    assert not (tmp_path / "one.backup").exists()
