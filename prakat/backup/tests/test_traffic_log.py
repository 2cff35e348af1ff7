"""The computer-traffic log travels with the backup: after a restore its sealed days verify
and the day still being written is back in the spool."""

import datetime

from django.conf import settings

from prakat.audit.sealing import seal_pending
from prakat.audit.tests.conftest import spool_day
from prakat.backup.archive import make_archive
from prakat.backup.tests.conftest import TEST_KEY
from prakat.backup.tests.install import fresh_install, manage

DAY1, DAY2, DAY3, TODAY = (datetime.date(2026, 3, d) for d in (7, 8, 9, 10))


def test_a_restored_install_verifies_its_sealed_traffic_log(built_site, tmp_path):
    spool_day(DAY1, ["08:00:00", "09:00:00"])
    spool_day(DAY2, ["08:00:00"])
    spool_day(DAY3, ["07:00:00", "07:30:00"])
    assert [s.lines for s in seal_pending(TODAY)] == [2, 1, 2]
    spool_day(TODAY, ["10:00:00", "10:05:00"])  # today: in the spool, not sealed yet
    (spool,) = (settings.TRAFFIC_LOG_DIR / "spool" / "2026-03-10").iterdir()

    archive = tmp_path / "prakat.backup"
    manifest = make_archive(archive)
    assert len(manifest["traffic"]) == 7  # 3 segments, 3 seals, today's spool file
    env = fresh_install(tmp_path / "restored")
    env["PRAKAT_BACKUP_KEY"] = TEST_KEY
    restored = manage(env, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr

    verified = manage(env, "verify_traffic_log")
    assert verified.returncode == 0, verified.stderr
    assert "ผนึกแล้ว 3 วัน 5 บรรทัด" in verified.stdout
    back = tmp_path / "restored" / "traffic" / "spool" / "2026-03-10" / spool.name
    assert back.read_bytes() == spool.read_bytes()
