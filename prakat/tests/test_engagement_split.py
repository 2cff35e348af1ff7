"""An install from before the "engagement" app was split into statistics, survey and e-services
migrates forward with every row, and with what points at its models: the permissions granted
on them, the audit log's entries about them, the handlers setting's address.

The install is built for real: the new apps are migrated back to nothing, the engagement
app's own four migrations (kept in ``engagement_before_the_split``) are applied and recorded
as an old install has them, rows are put in every table, permissions granted and log entries
written; then Django migrates the database forward as ``manage.py migrate`` would.
"""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page

from prakat.agency.models import Agency
from prakat.agency.roles import Role
from prakat.eservices.models import (
    Case,
    CaseAttachment,
    CaseEvent,
    ComplaintReportPublication,
    CorruptionComplaintHandlers,
)
from prakat.model_moves import move_content_types
from prakat.statistics.models import PageView
from prakat.survey.models import SurveyRating, SurveyResponse, SurveyVisitorKey

OLD_MIGRATIONS = [
    "0001_initial",
    "0002_survey",
    "0003_eservices",
    "0004_corruption_handlers_setting",
]
NEW_APPS = ["statistics", "survey", "eservices"]
# Every table of the engagement app at its last migration, dependants first.
TABLES = [
    "engagement_corruptioncomplainthandlers_people",
    "engagement_corruptioncomplainthandlers",
    "engagement_complaintreportpublication",
    "engagement_caseevent",
    "engagement_caseattachment",
    "engagement_case",
    "engagement_surveyrating",
    "engagement_surveyvisitorkey",
    "engagement_surveyresponse",
    "engagement_pageview",
]
OPENED = "prakat.corruption_complaint_opened"
RECEIVED = datetime.datetime(2026, 11, 20, 2, 30, tzinfo=datetime.UTC)


def schema(table: str) -> tuple:
    """A table's columns (name, type, nullable) and constraints, as the database tells them."""
    with connection.cursor() as cursor:
        columns = [
            (c.name, c.type_code, c.null_ok)
            for c in connection.introspection.get_table_description(cursor, table)
        ]
        constraints = connection.introspection.get_constraints(cursor, table)
    return sorted(columns), sorted(
        repr(
            (
                found["columns"],
                found["primary_key"],
                found["unique"],
                found["foreign_key"],
                found["index"],
                found["check"],
            )
        )
        for found in constraints.values()
    )


def tables() -> set[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return {name for name in names if name.startswith("engagement_")}


def build_install_from_before_the_split():
    """Apply the engagement app's own migrations, recorded as an old install has them; the
    project state after them."""
    executor = MigrationExecutor(connection)
    state = executor.loader.project_state()
    recorder = MigrationRecorder(connection)
    for name in OLD_MIGRATIONS:
        module = importlib.import_module(
            f"prakat.tests.engagement_before_the_split.engagement_{name}"
        )
        migration = module.Migration(name, "engagement")
        with connection.schema_editor(atomic=migration.atomic) as editor:
            state = migration.apply(state, editor)
        recorder.record_applied("engagement", name)
    return state


def drop_engagement_tables() -> None:
    cascade = " CASCADE" if connection.vendor == "postgresql" else ""
    with connection.schema_editor() as editor:
        for table in TABLES:
            editor.execute(f"DROP TABLE IF EXISTS {editor.quote_name(table)}{cascade}")


@pytest.mark.django_db(transaction=True)
def test_an_install_from_before_the_split_keeps_its_rows_rights_and_log(committed_site, make_user):
    agency = Agency.current()
    home = Page.objects.get(pk=agency.site.root_page_id)
    unit = agency.units.create(name="งานประกันคุณภาพ")
    inspector = make_user("inspector", first_name="วิไล", last_name="ตรงธรรม")
    webmaster = make_user("webmaster", first_name="ณัฐพล", last_name="ศรีสวัสดิ์")
    auditor = make_user("auditor", Role.AUDITOR)
    as_made_here = {table: schema(table) for table in TABLES}

    recorder = MigrationRecorder(connection)
    MigrationExecutor(connection).migrate([(app, None) for app in NEW_APPS])
    try:
        assert tables() == set()
        old = build_install_from_before_the_split().apps
        # The engagement app's migrations made the very tables the new apps' migrations make.
        assert {table: schema(table) for table in TABLES} == as_made_here

        # --- an install's rows, rights and log, at the engagement app's last migration ----
        types = old.get_model("contenttypes", "ContentType").objects
        permissions = old.get_model("auth", "Permission").objects
        for app in NEW_APPS:  # an old install has never heard of the new apps
            types.filter(app_label=app).delete()
        case_type, _ = types.get_or_create(app_label="engagement", model="case")
        handlers_type, _ = types.get_or_create(
            app_label="engagement", model="corruptioncomplainthandlers"
        )
        # The list of handlers before it was a setting: its content type outlived its model.
        types.get_or_create(app_label="engagement", model="corruptioncomplainthandler")
        naming, _ = permissions.get_or_create(
            content_type=handlers_type,
            codename="change_corruptioncomplainthandlers",
            defaults={"name": "Can change corruption complaint handlers"},
        )
        viewing, _ = permissions.get_or_create(
            content_type=case_type,
            codename="view_case",
            defaults={"name": "Can view complaint or question"},
        )
        namers = Group.objects.create(name="ผู้แต่งตั้งผู้รับเรื่อง")
        old.get_model("auth", "Group").objects.get(pk=namers.pk).permissions.add(naming.pk)
        old.get_model("auth", "User").objects.get(pk=webmaster.pk).user_permissions.add(viewing.pk)
        webmaster.groups.add(namers)

        m = {name: old.get_model("engagement", name) for name in (
            "PageView", "SurveyResponse", "SurveyRating", "SurveyVisitorKey", "Case",
            "CaseAttachment", "CaseEvent", "ComplaintReportPublication",
            "CorruptionComplaintHandlers",
        )}  # fmt: skip
        m["PageView"].objects.create(page_id=home.pk, day=datetime.date(2026, 11, 20), views=17)
        response = m["SurveyResponse"].objects.create(
            submitted_at=RECEIVED, comment="หาข้อมูลจัดซื้อจัดจ้างได้ง่าย"
        )
        m["SurveyRating"].objects.create(response=response, aspect="findable", level=4)
        m["SurveyVisitorKey"].objects.create(day=datetime.date(2026, 11, 20), key="ab" * 32)
        case = m["Case"].objects.create(
            agency_id=agency.pk,
            tracking_code="K7Q4PX2M9D",
            kind="corruption",
            subject="เรียกรับเงินเพื่อลัดคิว",
            details="ที่ห้องบัตร เช้าวันจันทร์",
            contact_name="สมชาย ใจดี",
            contact_phone="0812345678",
            contact_email="somchai@example.com",
            status="in_progress",
            unit_id=unit.pk,
            received_at=RECEIVED,
        )
        m["CaseAttachment"].objects.create(
            case=case, file="eservices/0f/1a.pdf", original_filename="หลักฐาน.pdf", size=2048
        )
        m["CaseEvent"].objects.create(
            case=case, action="assigned", actor_id=webmaster.pk, actor_name="ณัฐพล ศรีสวัสดิ์",
            text=unit.name, at=RECEIVED + datetime.timedelta(hours=1),
        )  # fmt: skip
        m["ComplaintReportPublication"].objects.create(
            agency_id=agency.pk, fiscal_year=2569, months=12, item_id=home.pk
        )
        handlers = m["CorruptionComplaintHandlers"].objects.create(site_id=agency.site_id)
        handlers.people.add(inspector.pk)
        entry = ModelLogEntry.objects.create(
            content_type_id=case_type.pk,
            object_id=str(case.pk),
            label=f"เรื่องร้องเรียนเลขที่ {case.pk}",
            action=OPENED,
            user=inspector,
            timestamp=timezone.now(),
            data={"case": case.pk},
        )

        # --- the install migrates forward ----------------------------------------------
        executor = MigrationExecutor(connection)
        targets = executor.loader.graph.leaf_nodes()
        plan = {(m.app_label, m.name) for m, _backwards in executor.migration_plan(targets)}
        # The new apps' first migrations stand for the engagement app's: only the moves run.
        assert plan == {
            ("statistics", "0002_content_types_from_engagement"),
            ("survey", "0002_content_types_from_engagement"),
            ("eservices", "0003_content_types_from_engagement"),
        }
        executor.migrate(targets)
        ContentType.objects.clear_cache()
    finally:
        applied = recorder.applied_migrations()
        for name in OLD_MIGRATIONS:
            recorder.record_unapplied("engagement", name)
        if not all((app, "0001_initial") in applied for app in NEW_APPS):
            drop_engagement_tables()  # it failed half-way: start the new apps afresh
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )

    assert {
        ("statistics", "0001_initial"),
        ("eservices", "0002_corruption_handlers_setting"),
    } <= set(applied)

    # Every row is where it was, as it was.
    (view,) = PageView.objects.all()
    assert (view.page_id, view.day, view.views) == (home.pk, datetime.date(2026, 11, 20), 17)
    (answer,) = SurveyResponse.objects.all()
    assert (answer.submitted_at, answer.comment) == (RECEIVED, "หาข้อมูลจัดซื้อจัดจ้างได้ง่าย")
    assert list(SurveyRating.objects.values_list("response_id", "aspect", "level")) == [
        (answer.pk, "findable", 4)
    ]
    assert list(SurveyVisitorKey.objects.values_list("key", flat=True)) == ["ab" * 32]
    (moved,) = Case.objects.all()
    assert (moved.pk, moved.display_code, moved.subject, moved.contact_phone, moved.unit) == (
        case.pk, "K7Q4-PX2M-9D", "เรียกรับเงินเพื่อลัดคิว", "0812345678", unit,
    )  # fmt: skip
    assert (moved.status, moved.received_at, moved.is_corruption) == ("in_progress", RECEIVED, True)
    assert list(CaseAttachment.objects.values_list("case_id", "file", "original_filename")) == [
        (case.pk, "eservices/0f/1a.pdf", "หลักฐาน.pdf")
    ]
    assert list(CaseEvent.objects.values_list("case_id", "action", "actor_id", "text")) == [
        (case.pk, "assigned", webmaster.pk, "งานประกันคุณภาพ")
    ]
    assert list(
        ComplaintReportPublication.objects.values_list("fiscal_year", "months", "item_id")
    ) == [(2569, 12, home.pk)]
    assert set(CorruptionComplaintHandlers.for_site(agency.site).people.all()) == {inspector}

    # The content types moved with their models: the same rows, under the new apps' names;
    # the one whose model is gone is gone.
    assert not ContentType.objects.filter(app_label="engagement").exists()
    assert ContentType.objects.get_for_model(Case).pk == case_type.pk
    assert ContentType.objects.get_for_model(CorruptionComplaintHandlers).pk == handlers_type.pk
    assert ContentType.objects.get(app_label="statistics", model="pageview")
    assert ContentType.objects.get(app_label="survey", model="surveyresponse")

    # So the rights granted on them still hold…
    webmaster = get_user_model().objects.get(pk=webmaster.pk)
    assert webmaster.has_perm("eservices.change_corruptioncomplainthandlers")
    assert webmaster.has_perm("eservices.view_case")
    # …the group editor shows the group's right ticked…
    admin = Client()
    admin.force_login(make_user("root", is_superuser=True))
    editor = admin.get(f"/admin/groups/edit/{namers.pk}/").content.decode()
    naming_box = f'name="permissions" value="{naming.pk}"'
    assert naming_box in editor
    assert "checked" in editor.split(naming_box, 1)[1].split(">", 1)[0]
    # …the audit log still names the case in Thai…
    assert ModelLogEntry.objects.get(pk=entry.pk).content_type_id == case_type.pk
    reader = Client()
    reader.force_login(auditor)
    assert f"เปิดอ่านเรื่องร้องเรียนการทุจริตเลขที่ {case.pk}" in (
        reader.get("/admin/audit-log/").content.decode()
    )
    # …and the setting's earlier address leads to its screen.
    old_address = f"/admin/settings/engagement/corruptioncomplainthandlers/{agency.site_id}/"
    response = admin.get(old_address)
    assert response.status_code == 301
    assert response["Location"] == (
        f"/admin/settings/eservices/corruptioncomplainthandlers/{agency.site_id}/"
    )
    assert admin.get(response["Location"]).status_code == 200


def test_where_the_new_content_type_exists_already_what_pointed_at_the_old_follows(db, make_user):
    """Django makes the content types of installed apps after every ``migrate``; an install
    migrated in steps may have both the old and the new one when the move runs."""
    from django.apps import apps
    from django.contrib.auth.models import Permission

    new = ContentType.objects.get_for_model(Case)
    old = ContentType.objects.create(app_label="engagement", model="case")
    viewing = Permission.objects.create(
        content_type=old, codename="view_case", name="Can view complaint or question"
    )
    closing = Permission.objects.create(
        content_type=old, codename="close_case", name="Can close a case"
    )
    group = Group.objects.create(name="ผู้ติดตามเรื่อง")
    group.permissions.add(viewing, closing)
    person = make_user("somsri")
    person.user_permissions.add(viewing)
    entry = ModelLogEntry.objects.create(
        content_type=old, object_id="7", label="เรื่องร้องเรียนเลขที่ 7", action=OPENED,
        timestamp=timezone.now(),
    )  # fmt: skip

    move_content_types(apps, "engagement", "eservices", ["case"])

    assert not ContentType.objects.filter(app_label="engagement").exists()
    kept_viewing = Permission.objects.get(content_type=new, codename="view_case")
    assert set(group.permissions.all()) == {
        kept_viewing,
        Permission.objects.get(content_type=new, codename="close_case"),
    }
    assert list(person.user_permissions.all()) == [kept_viewing]
    entry.refresh_from_db()
    assert entry.content_type_id == new.pk
