"""Demo configuration modelled on Mueang Loei District Public Health Office: a district office
whose head approves every request. Names of people are invented."""

import datetime

KEY = "mueang-loei"

AGENCY = {
    "name": "สำนักงานสาธารณสุขอำเภอเมืองเลย",
    "name_en": "Mueang Loei District Public Health Office",
    "affiliation": "สำนักงานสาธารณสุขจังหวัดเลย กระทรวงสาธารณสุข",
    "address": "ตำบลกุดป่อง อำเภอเมืองเลย จังหวัดเลย 42000",
    "phone": "0 4281 2665",
    "fax": "0 4281 2666",
    "email": "mueangloei.dho@example.go.th",
    "latitude": "17.486000",
    "longitude": "101.722000",
    "head_title": "สาธารณสุขอำเภอเมืองเลย",
    "correspondence_code": "ลย 0132",
    "director_approval_required": False,
    "prepare_minutes": 10,
    "approve_minutes": 30,
    "publish_minutes": None,
}

# One office: its head (สาธารณสุขอำเภอ) approves every request of its staff.
UNITS = [
    ("สำนักงานสาธารณสุขอำเภอเมืองเลย", "Mueang Loei District Public Health Office"),
]
_OFFICE = UNITS[0][0]

# The announcement: staff propose to the head of the office that runs the website, who is
# the district health officer (สาธารณสุขอำเภอ), and who "considers and permits".
ROUTING = {
    "approver": "website_unit_head",
    "website_unit": _OFFICE,
    "approval_step_name": "สาธารณสุขอำเภอเมืองเลยพิจารณาอนุญาต",
}

PEOPLE = [
    ("requester", "requester", "นภาพร", "สอนดี", _OFFICE, "เจ้าพนักงานธุรการ", False),
    ("unithead", "unit_head", "สมพงษ์", "บัวงาม", _OFFICE, "สาธารณสุขอำเภอเมืองเลย", True),
    ("director", "director", "ประเสริฐ", "ศรีเชียงคาน", _OFFICE, "รองสาธารณสุขอำเภอเมืองเลย", False),
    ("webmaster", "webmaster", "กิตติ", "ภูหลวง", _OFFICE, "นักวิชาการสาธารณสุข", False),
    ("webmaster2", "webmaster", "จันทร์เพ็ญ", "ภูเรือ", _OFFICE, "นักวิชาการเงินและบัญชี", False),
    ("executive", "executive", "สุนทร", "เชียงคาน", _OFFICE, "นักวิชาการสาธารณสุขชำนาญการ", False),
    ("auditor", "auditor", "ปรีชา", "นาด้วง", _OFFICE, "นักวิชาการสาธารณสุข", False),
    ("itadmin", "administrator", "วีระ", "ด่านซ้าย", _OFFICE, "เจ้าพนักงานสาธารณสุข", False),
]

_STEPS = (
    "- เจ้าหน้าที่เสนอข้อมูลพร้อมแบบฟอร์มการขอเผยแพร่ข้อมูล\n"
    "- สาธารณสุขอำเภอพิจารณาอนุญาต\n- Web Master นำข้อมูลขึ้นเผยแพร่และแจ้งกลับเจ้าของข้อมูล"
)

RESPONSIBILITIES = [
    (key, _STEPS, [_OFFICE], False, "สาธารณสุขอำเภอเมืองเลย")
    for key in ("general", "laws", "knowledge", "weblinks", "oia", "sop-manuals",
                "citizen-manuals", "public-relations", "e-service", "statistics")
]  # fmt: skip

D = datetime.date

ITEMS = [
    (
        "procurement-plan",
        "procurement-plan-2570",
        "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2570",
        _OFFICE,
        (D(2026, 10, 1), D(2027, 9, 30)),
        D(2026, 11, 2),
        ["แผนการจัดซื้อจัดจ้างและการจัดหาพัสดุของสำนักงาน ประจำปีงบประมาณ พ.ศ. 2570"],
        "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2570",
    ),
    (
        "web-publishing",
        "web-publishing-guideline-2570",
        "แนวทางการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน",
        _OFFICE,
        (D(2026, 10, 1), None),
        D(2026, 10, 10),
        ["ประกาศแนวทางการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของสำนักงาน"],
        "ประกาศ เรื่อง แนวทางการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน",
    ),
]
