"""A submission is all or nothing, and files a crash leaves behind are erased.

The attack: killing the server while a complaint with attachments was being stored left
files with no row, in a folder named after the case id, which the next complainant was then
given (SQLite hands out a rolled-back id again); nothing ever erased them and backups carried
them. Other kills kept the case but the citizen never saw its tracking code.

Here the server really dies: a separate process sends the complaint and is killed with
SIGKILL at a chosen moment, inside the transaction after the files were written, or after
the commit before the answer reached the browser.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse

from prakat.agency.models import Agency
from prakat.content.storage import private_root, private_storage
from prakat.content.tests.helpers import pdf_bytes
from prakat.eservices import cases
from prakat.eservices.models import Case, CaseAttachment, CaseEvent, CaseKind
from prakat.schedule.models import JobRun

COMPLAINT_URL = "/e-services/complaint/"
TWO_HOURS_AGO = time.time() - 2 * 3600
RANDOM_FOLDER = re.compile(r"eservices/[0-9a-f]{32}")

FORM = {
    "kind": "corruption",
    "subject": "ถูกเรียกเงินเพื่อให้ได้คิวก่อน",
    "details": "เจ้าหน้าที่หน้าห้องตรวจขอเงินสองร้อยบาท",
    "contact_email": "somchai@example.com",
}
FILES = {"ใบนัด.pdf": pdf_bytes(), "รูปถ่าย.pdf": pdf_bytes() + b"\n% second"}

# Sends FORM with FILES as a citizen would (the form first, then the complaint) and is
# killed at the moment named by its argument.
CITIZEN = r"""
import json, os, re, signal, sys

import django

django.setup()
from django.test.utils import setup_test_environment

setup_test_environment()
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from prakat.eservices import cases

moment, form, files = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])


def killed(case, *args, **kwargs):
    print("case", case.pk, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


if moment == "inside-the-transaction":
    cases._record = killed  # the case's first step, after its files and rows
else:
    cases.send_code_to_citizen = killed  # after the commit, before the answer
client = Client()
page = client.get("/e-services/complaint/").content.decode()
found = re.search(r'name="submission" value="([0-9a-f]+)"', page)
submission = found.group(1) if found else ""
cookie = client.cookies.get("sessionid")
print("session", cookie.value if cookie else "-", flush=True)
print("submission", submission or "-", flush=True)
uploads = [SimpleUploadedFile(name, data.encode("latin-1")) for name, data in files.items()]
client.post("/e-services/complaint/", {**form, "submission": submission, "attachments": uploads})
print("survived", flush=True)
"""


@pytest.fixture
def agency(built_site):
    return Agency.current()


def eservice_files() -> list[str]:
    root = private_root()
    return sorted(
        p.relative_to(root).as_posix() for p in (root / "eservices").rglob("*") if p.is_file()
    )


def age(*names: str) -> None:
    """Make files (and their folders) look two hours old."""
    for name in names:
        path = Path(private_storage.path(name))
        for each in (path, path.parent):
            os.utime(each, (TWO_HOURS_AGO, TWO_HOURS_AGO))


def database_url() -> str:
    """The test database, for a process of its own."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = f"{quote(db['USER'], safe='')}:{quote(db['PASSWORD'] or '', safe='')}"
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def citizen_killed(tmp_path: Path, moment: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="prakat.settings",
        DATABASE_URL=database_url(),
        PRAKAT_SECRET_KEY=settings.SECRET_KEY,
        PRAKAT_VAR_DIR=str(tmp_path / "citizen-var"),
        PRAKAT_MEDIA_ROOT=str(settings.MEDIA_ROOT),
        PRAKAT_PRIVATE_ROOT=str(private_root()),
        PRAKAT_TRAFFIC_LOG_DIR=str(tmp_path / "citizen-traffic"),
        PRAKAT_JOBS_IMMEDIATE="1",
    )
    files = {name: data.decode("latin-1") for name, data in FILES.items()}
    process = subprocess.run(
        [sys.executable, "-c", CITIZEN, moment, json.dumps(FORM), json.dumps(files)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert process.returncode == -signal.SIGKILL, process.stdout + process.stderr[-3000:]
    said = dict(line.split(" ", 1) for line in process.stdout.splitlines())
    assert "survived" not in said
    return said


def citizen_with(session_key: str) -> Client:
    client = Client()
    client.cookies["sessionid"] = session_key
    return client


def code_shown(client: Client) -> str | None:
    response = client.get(reverse("eservices:thanks"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "ได้รับเรื่องของท่านแล้ว" in page
    found = re.search(r"data-tracking-code>([^<]+)<", page)
    return found.group(1) if found else None


def test_killed_before_the_commit_keeps_nothing_and_the_job_erases_the_files(
    tmp_path, committed_site
):
    said = citizen_killed(tmp_path, "inside-the-transaction")

    # Nothing is kept: no case, no attachment rows, no code for the citizen.
    assert not Case.objects.exists() and not CaseAttachment.objects.exists()
    citizen = citizen_with(said["session"])
    assert code_shown(citizen) is None
    # The files were written, in a folder of random name that no case id leads to.
    orphans = eservice_files()
    assert len(orphans) == 2
    (folder,) = {posixpath_dir(name) for name in orphans}
    assert RANDOM_FOLDER.fullmatch(folder)
    assert folder != f"eservices/{said['case']}"

    # The next complainant's files go to a folder of their own, whatever id the case gets.
    response = citizen.post(
        COMPLAINT_URL,
        {
            "kind": "general",
            "subject": "รอนาน",
            "details": "สามชั่วโมง",
            "attachments": [SimpleUploadedFile("บัตรคิว.pdf", pdf_bytes())],
        },
    )
    assert response.status_code == 302
    later = Case.objects.get()
    later_file = later.attachments.get().file.name
    assert posixpath_dir(later_file) not in (folder, f"eservices/{later.pk}")
    assert RANDOM_FOLDER.fullmatch(posixpath_dir(later_file))

    # An hour on, the job erases the files no row names, and their folder; the later case's
    # file, as old, stays.
    age(*orphans, later_file)
    assert cases.remove_orphan_case_files.run_now() == "2 file(s) with no case removed"
    assert eservice_files() == [later_file]
    assert not (private_root() / folder).exists()
    assert later.attachments.get().file.read() == pdf_bytes()


def test_killed_after_the_commit_the_citizen_finds_the_code_of_the_whole_case(
    tmp_path, committed_site
):
    said = citizen_killed(tmp_path, "after-the-commit")

    case = Case.objects.get()
    assert str(case.pk) == said["case"]
    assert (case.subject, case.kind) == (FORM["subject"], CaseKind.CORRUPTION_COMPLAINT)
    stored = {a.original_filename: a.file.read() for a in case.attachments.all()}
    assert stored == FILES
    assert list(case.events.values_list("action", flat=True)) == [CaseEvent.Action.RECEIVED]

    # The code was committed with the case into the citizen's session: the thanks page,
    # reloaded, shows it.
    citizen = citizen_with(said["session"])
    assert code_shown(citizen) == case.display_code
    # Sending the same form again (the browser offers it after the failed answer) makes no
    # second case and leads to the same code.
    again = citizen.post(
        COMPLAINT_URL,
        {
            **FORM,
            "submission": said["submission"],
            "attachments": [SimpleUploadedFile(n, d) for n, d in FILES.items()],
        },
    )
    assert again.status_code == 302 and again["Location"] == reverse("eservices:thanks")
    assert Case.objects.count() == 1 and CaseAttachment.objects.count() == 2
    assert code_shown(citizen) == case.display_code

    # Every file is named by a row: the job takes none, however old.
    age(*eservice_files())
    assert cases.remove_orphan_files() == 0
    assert len(eservice_files()) == 2


def posixpath_dir(name: str) -> str:
    return name.rsplit("/", 1)[0]


def test_a_failure_inside_the_transaction_deletes_the_files_at_once(agency, monkeypatch):
    written_when_it_failed = []

    def fails(case, action, *args, **kwargs):
        written_when_it_failed.extend(eservice_files())
        raise DatabaseError("the database went away")

    monkeypatch.setattr(cases, "_record", fails)
    with pytest.raises(DatabaseError):
        cases.submit_case(
            agency,
            kind=CaseKind.GENERAL_COMPLAINT,
            subject="เอกสารหาย",
            details="ส่งเอกสารแล้วไม่ได้รับ",
            files=[SimpleUploadedFile(n, d) for n, d in FILES.items()],
        )
    assert len(written_when_it_failed) == 2
    assert not Case.objects.exists() and not CaseAttachment.objects.exists()
    assert eservice_files() == []
    assert list((private_root() / "eservices").iterdir()) == []


def test_the_same_form_with_other_words_is_a_new_case(client, agency):
    """A form shown again by the browser keeps its hidden key; only the very same complaint
    counts as sent already."""
    page = client.get(COMPLAINT_URL).content.decode()
    submission = re.search(r'name="submission" value="([0-9a-f]+)"', page).group(1)
    first = {"kind": "general", "subject": "ห้องน้ำ", "details": "สกปรก"}
    assert client.post(COMPLAINT_URL, {**first, "submission": submission}).status_code == 302
    assert client.post(COMPLAINT_URL, {**first, "submission": submission}).status_code == 302
    assert Case.objects.count() == 1
    other = {**first, "details": "ไม่มีกระดาษ"}
    assert client.post(COMPLAINT_URL, {**other, "submission": submission}).status_code == 302
    assert Case.objects.count() == 2


def test_the_job_erases_only_old_files_that_no_row_names(agency):
    kept = cases.submit_case(
        agency,
        kind=CaseKind.QUESTION,
        subject="เวลาทำการ",
        details="เปิดวันเสาร์ไหม",
        files=[SimpleUploadedFile("ตาราง.pdf", pdf_bytes())],
    ).attachments.get()
    old_orphan = private_storage.save("eservices/" + "a" * 32 + "/x.pdf", ContentFile(b"old"))
    # What the earlier layout, a folder per case id, left behind.
    earlier_layout = private_storage.save("eservices/7/y.pdf", ContentFile(b"earlier"))
    young_orphan = private_storage.save("eservices/" + "b" * 32 + "/z.pdf", ContentFile(b"new"))
    empty_old_folder = private_root() / "eservices" / ("c" * 32)
    empty_old_folder.mkdir()
    os.utime(empty_old_folder, (TWO_HOURS_AGO, TWO_HOURS_AGO))
    age(kept.file.name, old_orphan, earlier_layout)

    cases.remove_orphan_case_files()  # through the queue, as the worker runs it
    run = JobRun.objects.get(name="remove-orphan-case-files")
    assert run.summary == "2 file(s) with no case removed"
    assert eservice_files() == sorted([kept.file.name, young_orphan])
    assert sorted(p.name for p in (private_root() / "eservices").iterdir()) == sorted(
        [posixpath_dir(kept.file.name).split("/")[1], "b" * 32]
    )
