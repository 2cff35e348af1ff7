from django.conf import settings
from django.core.management.base import BaseCommand

from prakat.demo.loader import load_demo, write_accounts_file


class Command(BaseCommand):
    help = "Load the Thai demo agency (idempotent) and print its accounts, one per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts-file",
            default=str(settings.VAR_DIR / "demo-accounts.txt"),
            help="Where the demo passwords are kept (readable by its owner only).",
        )

    def handle(self, *args, accounts_file: str, **options):
        from pathlib import Path

        result = load_demo()
        path = Path(accounts_file)
        write_accounts_file(path, result)
        self.stdout.write(
            f"หน่วยงานตัวอย่าง: {result.agency.name} "
            f"(เพิ่มรายการข้อมูลข่าวสาร {result.items_created} รายการ)"
        )
        self.stdout.write("บัญชีผู้ใช้ตัวอย่าง (ชื่อผู้ใช้ / รหัสผ่าน / บทบาท / ชื่อ / ตำแหน่ง):")
        self.stdout.write(path.read_text(encoding="utf-8"))
        self.stdout.write(f"เก็บไว้ที่ {path}")
