"""Loading the demo agency: units, one account per role, and real items with Thai PDFs.

Running it again adds what is missing and changes nothing that exists; passwords are made
once per install (never the same in two installs) and kept in a file only its owner reads.
"""

from __future__ import annotations

import datetime
import io
import secrets
from base64 import b32encode
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image as Picture
from PIL import ImageDraw, ImageFont
from wagtail.embeds.blocks import EmbedValue
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.rich_text import RichText

from prakat.agency.models import (
    Agency,
    Executive,
    Identity,
    Membership,
    Responsibility,
    Unit,
)
from prakat.agency.roles import Role
from prakat.content.downloads import Download, DownloadKind
from prakat.content.events import Event, EventKind
from prakat.content.going_live import publication_authorised
from prakat.content.menus import FooterMenu
from prakat.content.models import (
    AgencyDocument,
    CategoryPage,
    GeneralPage,
    InformationItemPage,
    ItemAttachment,
)
from prakat.content.pdf import render_pdf
from prakat.content.pdf_fonts import pdf_font_files
from prakat.content.schedules import Clinic, ClinicChange, ClinicSession, Doctor
from prakat.content.skeleton import build_site
from prakat.demo.agencies import DEFAULT, DEMOS
from prakat.demo.english_pages import english_pages
from prakat.publishing.models import PublicationRequest, RejectionReason
from prakat.publishing.submission import RequestDetails, submit
from prakat.security import two_factor
from prakat.thai.dates import BANGKOK


@dataclass
class DemoAccount:
    username: str
    role: Role
    full_name: str
    position: str
    password: str | None  # None when the account already existed
    # The demo's two-step sign-in key (base32), for the roles that must use it; demo only.
    totp_secret: str = ""


@dataclass
class DemoResult:
    agency: Agency
    accounts: list[DemoAccount] = field(default_factory=list)
    items_created: int = 0


def _agency(agency: Agency, demo) -> Agency:
    """Configure a new agency as the demo's; one that has a name is left as it is."""
    if agency.name and agency.name != demo.AGENCY["name"]:
        return agency
    if not agency.name:
        for name, value in demo.AGENCY.items():
            setattr(agency, name, value)
        agency.full_clean()
        agency.save()
        agency.site.site_name = agency.name
        agency.site.save(update_fields=["site_name"])
    return agency


def _responsibilities(agency: Agency, units: dict[str, Unit], demo) -> None:
    for order, (key, steps, unit_names, unit_publishes, reviewer) in enumerate(
        demo.RESPONSIBILITIES
    ):
        row, created = Responsibility.objects.get_or_create(
            agency=agency,
            category_key=key,
            defaults={
                "steps": steps,
                "unit_publishes": unit_publishes,
                "webmasters_publish_too": key not in getattr(demo, "UNIT_ALONE_PUBLISHES", ()),
                "every_unit": key in getattr(demo, "EVERY_UNIT", ()),
                "reviewer": reviewer,
                "sort_order": order,
            },
        )
        if created:
            row.responsible_units.set([units[name] for name in unit_names])


def _routing(agency: Agency, units: dict[str, Unit], demo) -> None:
    """Who approves, set once the units exist (the approver may be a unit's head)."""
    routing = dict(getattr(demo, "ROUTING", {}))
    if not routing or agency.website_unit_id is not None:
        return
    website_unit = routing.pop("website_unit", None)
    agency.website_unit = units[website_unit] if website_unit else None
    for name, value in routing.items():
        setattr(agency, name, value)
    agency.full_clean()
    agency.save()


def _units(agency: Agency, demo) -> dict[str, Unit]:
    units = {}
    for name, name_en in demo.UNITS:
        units[name], _ = Unit.objects.get_or_create(
            agency=agency, name=name, defaults={"name_en": name_en}
        )
    return units


def _accounts(units: dict[str, Unit], demo) -> list[DemoAccount]:
    User = get_user_model()
    accounts = []
    for username, role_key, first, last, unit_name, position, is_head in demo.PEOPLE:
        role = Role(role_key)
        user = User.objects.filter(username=username).first()
        password = None
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username,
                password=password,
                first_name=first,
                last_name=last,
                email=f"{username}@example.go.th",
                is_superuser=role is Role.ADMINISTRATOR,
            )
        user.groups.add(role.group())
        Membership.objects.get_or_create(
            unit=units[unit_name], user=user, defaults={"position": position, "is_head": is_head}
        )
        accounts.append(
            DemoAccount(
                username, role, f"{first} {last}", position, password, _demo_totp_secret(user)
            )
        )
    return accounts


def _demo_totp_secret(user) -> str:
    """Enrol the demo's webmasters, administrators and auditors in two-step sign-in.

    A real install has each person enrol with their own phone; the demo's keys are printed
    so whoever runs the demo can add them to an authenticator app (or ``oathtool``).
    """
    required = user.is_superuser or any(
        user.groups.filter(name=role.group_name).exists() for role in two_factor.REQUIRED_ROLES
    )
    if not required:
        return ""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=two_factor.DEVICE_NAME, confirmed=True)
    return b32encode(device.bin_key).decode()


def _portrait(name: str) -> ContentFile:
    """A plain head-and-shoulders silhouette: the demo has no real people's photos."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 300), (214, 226, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((75, 50, 165, 150), fill=(120, 140, 165))
    draw.ellipse((35, 165, 205, 330), fill=(120, 140, 165))
    data = io.BytesIO()
    image.save(data, format="PNG")
    return ContentFile(data.getvalue(), name=f"{name}.png")


def _drawn(name: str, size: tuple[int, int], draw_on, clear: bool = False) -> ContentFile:
    """A picture drawn by ``draw_on``; ``clear``: on a transparent ground (a logo)."""
    image = Picture.new("RGBA", size, (255, 255, 255, 0 if clear else 255))
    draw_on(ImageDraw.Draw(image), size)
    data = io.BytesIO()
    image.save(data, format="PNG")
    return ContentFile(data.getvalue(), name=f"{name}.png")


def _logo(draw, size) -> None:
    """A plain emblem: a green disc with a white cross; the demo has no real agency's."""
    w, h = size
    draw.ellipse((8, 8, w - 8, h - 8), fill=(11, 90, 60))
    draw.rectangle((w * 0.42, h * 0.22, w * 0.58, h * 0.78), fill=(255, 255, 255))
    draw.rectangle((w * 0.22, h * 0.42, w * 0.78, h * 0.58), fill=(255, 255, 255))


def _building(draw, size) -> None:
    """A wide, quiet picture of a building against the sky, for the header."""
    w, h = size
    for y in range(h):
        shade = 235 - y * 60 // h
        draw.line((0, y, w, y), fill=(shade - 20, shade, 255))
    draw.rectangle((w * 0.3, h * 0.35, w * 0.7, h), fill=(236, 232, 222))
    for x in range(int(w * 0.33), int(w * 0.67), 60):
        for y in range(int(h * 0.45), h - 30, 55):
            draw.rectangle((x, y, x + 32, y + 30), fill=(120, 150, 175))
    draw.rectangle((0, h - 18, w, h), fill=(110, 160, 90))


def _identity(agency: Agency) -> None:
    """The demo's logo and header picture, so the site shows how an agency's own look sits."""
    identity = Identity.for_site(agency.site)
    if identity.logo_id is not None:
        return
    Image = get_image_model()
    root = Collection.get_first_root_node()
    logo = Image(title=f"ตราสัญลักษณ์ {agency.name}", collection=root)
    logo.file = _drawn("logo", (256, 256), _logo, clear=True)
    logo.save()
    header = Image(title=f"อาคาร {agency.name}", collection=root)
    header.file = _drawn("header", (1600, 320), _building)
    header.save()
    identity.logo, identity.header_image = logo, header
    identity.save()


def _activity(colour: tuple[int, int, int]):
    """An activity picture: people (circles) gathered in front of a tent, drawn."""

    def draw_on(draw, size) -> None:
        w, h = size
        draw.rectangle((0, 0, w, h), fill=(225, 238, 246))
        draw.rectangle((0, h * 0.7, w, h), fill=(120, 170, 100))
        draw.polygon([(w * 0.2, h * 0.45), (w * 0.5, h * 0.15), (w * 0.8, h * 0.45)], fill=colour)
        draw.rectangle((w * 0.2, h * 0.45, w * 0.8, h * 0.72), fill=(250, 250, 245))
        for i in range(7):
            x = w * (0.12 + i * 0.12)
            draw.ellipse((x, h * 0.62, x + h * 0.1, h * 0.72), fill=(90, 70, 60))
            draw.rectangle((x, h * 0.72, x + h * 0.1, h * 0.9), fill=colour)

    return draw_on


def _banner(text: str, colour: tuple[int, int, int]):
    """A banner with the name it links to, in white on a colour."""

    def draw_on(draw, size) -> None:
        w, h = size
        draw.rectangle((0, 0, w, h), fill=colour)
        font = ImageFont.truetype(str(pdf_font_files()["bold"]), 34)
        box = draw.textbbox((0, 0), text, font=font)
        draw.text(((w - box[2]) / 2, (h - box[3]) / 2), text, font=font, fill=(255, 255, 255))

    return draw_on


# Where the demo's banners lead: the ministry, the anti-corruption commission and the
# government's complaint centre, as Thai health agencies' sites link them.
DEMO_BANNERS = (
    ("MOPH", "กระทรวงสาธารณสุข", "https://www.moph.go.th/", (11, 90, 60)),
    ("NACC", "สำนักงานคณะกรรมการ ป.ป.ช.", "https://www.nacc.go.th/", (120, 30, 40)),
    ("1567", "ศูนย์ดำรงธรรม", "https://www.damrongdhama.moi.go.th/", (20, 60, 130)),
)


def _home_blocks(agency: Agency, publisher) -> None:
    """A home page as a webmaster would compose it: an outbreak alert, slides of activities,
    the news, quick links to the e-services and banners to other agencies."""
    home = agency.site.root_page.specific
    if home.body:
        return
    root = Collection.get_first_root_node()
    Image = get_image_model()

    def picture(title: str, name: str, size, draw_on):
        image = Image(title=title, collection=root)
        image.file = _drawn(name, size, draw_on)
        image.save()
        return image.pk

    slides = [
        (
            "กิจกรรมรณรงค์ป้องกันไข้เลือดออก",
            "ชาวบ้านและเจ้าหน้าที่ร่วมกิจกรรมรณรงค์หน้าเต็นท์ของโรงพยาบาล",
            (11, 90, 60),
        ),
        ("หน่วยแพทย์เคลื่อนที่", "หน่วยแพทย์เคลื่อนที่ตั้งเต็นท์ตรวจสุขภาพประชาชนในชุมชน", (20, 60, 130)),
    ]
    home.body = [
        {
            "type": "alert",
            "value": {
                "level": "warning",
                "text": "เฝ้าระวังโรคไข้เลือดออกในช่วงฤดูฝน กำจัดแหล่งเพาะพันธุ์ยุงลายทุกสัปดาห์ "
                "หากมีไข้สูงเกิน 2 วันให้รีบพบแพทย์",
                "link": "",
                "show_from": None,
                "show_until": None,
            },
        },
        {
            "type": "slides",
            "value": {
                "slides": [
                    {
                        "image": picture(caption, f"slide-{n}", (1280, 720), _activity(colour)),
                        "alt": alt,
                        "caption": caption,
                        "page": None,
                        "url": "",
                        "show_from": None,
                        "show_until": None,
                    }
                    for n, (caption, alt, colour) in enumerate(slides, start=1)
                ]
            },
        },
        {"type": "news", "value": {"heading": "ข่าวประชาสัมพันธ์", "count": 4}},
        {
            "type": "quick_links",
            "value": {
                "heading": "บริการ",
                "links": [
                    {"title": title, "page": None, "url": url}
                    for title, url in (
                        ("ร้องเรียน / แจ้งเบาะแส", "/e-services/complaint/"),
                        ("ถาม-ตอบ", "/e-services/question/"),
                        ("ประเมินความพึงพอใจ", "/survey/"),
                        ("ศูนย์ข้อมูลข่าวสาร", "/information-centre/"),
                    )
                ],
            },
        },
        {
            "type": "banners",
            "value": {
                "heading": "หน่วยงานที่เกี่ยวข้อง",
                "banners": [
                    {
                        "image": picture(
                            name, f"banner-{short}", (300, 100), _banner(short, colour)
                        ),
                        "alt": name,
                        "url": url,
                    }
                    for short, name, url, colour in DEMO_BANNERS
                ],
            },
        },
    ]
    if agency.map_embed_url:
        # The way to the agency, on the map its contact page frames (a Wagtail embed).
        home.body.append(
            (
                "embed",
                {
                    "title": "แผนที่การเดินทาง",
                    "embed": EmbedValue(agency.map_embed_url),
                    "caption": agency.address.splitlines()[0] if agency.address else "",
                },
            )
        )
    home.save_revision(user=publisher).publish(user=publisher)


def _general_pages(agency: Agency, publisher) -> None:
    """The pages a hospital writes for the public beside its checklist: its services and
    clinics with their hours (in the main menu), and the footer's own links."""
    home = agency.site.root_page.specific
    if GeneralPage.objects.child_of(home).exists():
        return
    services = GeneralPage(
        title="บริการและเวลาทำการ",
        slug="services",
        show_in_menus=True,
        intro="เวลาเปิดให้บริการของแผนกผู้ป่วยนอก คลินิกพิเศษ และช่องทางติดต่อ",
        body=[
            ("heading", "แผนกผู้ป่วยนอก"),
            (
                "text",
                RichText(
                    "<p>วันจันทร์ถึงวันศุกร์ เวลา 08.00–16.00 น. (ยื่นบัตรถึง 15.00 น.)</p>"
                    "<p>คลินิกนอกเวลาราชการ วันจันทร์ถึงวันศุกร์ 16.30–20.00 น. "
                    "วันเสาร์ อาทิตย์และวันหยุดราชการ 08.00–16.00 น.</p>"
                ),
            ),
            ("heading", "ห้องอุบัติเหตุและฉุกเฉิน"),
            (
                "text",
                RichText("<p>เปิดตลอด 24 ชั่วโมง โทร 1669 สำหรับการแพทย์ฉุกเฉิน</p>"),
            ),
        ],
    )
    home.add_child(instance=services)
    services.save_revision(user=publisher).publish(user=publisher)
    clinics = GeneralPage(
        title="คลินิกพิเศษ",
        slug="clinics",
        intro="คลินิกเฉพาะโรคที่เปิดให้บริการตามวันที่กำหนด",
        body=[
            (
                "text",
                RichText(
                    "<ul><li>คลินิกเบาหวานและความดันโลหิตสูง: วันอังคารและวันพฤหัสบดี เช้า</li>"
                    "<li>คลินิกฝากครรภ์: วันพุธ เช้า</li>"
                    "<li>คลินิกสุขภาพเด็กดี: วันศุกร์ เช้า</li></ul>"
                ),
            ),
        ],
    )
    services.add_child(instance=clinics)
    clinics.save_revision(user=publisher).publish(user=publisher)
    menu = FooterMenu.for_site(agency.site)
    menu.links = [
        ("link", {"title": "บริการและเวลาทำการ", "page": services, "url": ""}),
        ("link", {"title": "กระทรวงสาธารณสุข", "page": None, "url": "https://www.moph.go.th/"}),
    ]
    menu.save()


def _events(agency: Agency, publisher) -> None:
    """The calendar as a hospital keeps it: the coming weeks' mobile clinics, a campaign and
    a meeting open to the public, and last month's clinic among the past events."""
    if Event.objects.exists():
        return
    today = datetime.datetime.now(BANGKOK).date()

    def at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
        day = today + datetime.timedelta(days=days)
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BANGKOK)

    for days, start, end, kind, title, place, details in (
        (7, (8, 30), (12, 0), EventKind.MOBILE_CLINIC, "หน่วยแพทย์เคลื่อนที่ ตรวจสุขภาพผู้สูงอายุ",
         "ศาลาประชาคมหมู่ 5", "ตรวจวัดความดันโลหิตและน้ำตาลในเลือด นำบัตรประชาชนมาด้วย"),
        (14, (9, 0), (15, 0), EventKind.CAMPAIGN, "รณรงค์กำจัดแหล่งเพาะพันธุ์ยุงลาย",
         "ชุมชนรอบโรงพยาบาล", "ร่วมกันสำรวจและกำจัดภาชนะที่มีน้ำขังในบ้านและชุมชน"),
        (21, (13, 30), (16, 0), EventKind.MEETING, "ประชุมคณะกรรมการพัฒนาโรงพยาบาลร่วมกับภาคประชาชน",
         "ห้องประชุมชั้น 2 อาคารอำนวยการ", "ประชาชนที่สนใจเข้าร่วมรับฟังได้"),
        (-20, (8, 30), (12, 0), EventKind.MOBILE_CLINIC, "หน่วยแพทย์เคลื่อนที่ ฉีดวัคซีนไข้หวัดใหญ่",
         "โรงเรียนบ้านหนองปลิง", ""),
    ):  # fmt: skip
        event = Event(
            title=title, kind=kind, starts_at=at(days, *start), ends_at=at(days, *end),
            location=place, description=details, live=False,
        )  # fmt: skip
        event.save()
        event.save_revision(user=publisher).publish(user=publisher)


def _clinics(publisher) -> None:
    """Two clinics' timetables with their doctors, and a day one doctor is away."""
    if Clinic.objects.exists():
        return
    internist = Doctor.objects.create(name="นพ.ธนกร วงศ์สุวรรณ", specialty="อายุรแพทย์")
    obstetrician = Doctor.objects.create(name="พญ.ศิริพร แก้วมณี", specialty="สูติ-นรีแพทย์")
    today = datetime.datetime.now(BANGKOK).date()
    for name, place, sessions, changes in (
        ("คลินิกเบาหวานและความดันโลหิตสูง", "อาคารผู้ป่วยนอก ชั้น 1",
         [(1, internist), (3, internist)],
         [(today + datetime.timedelta(days=9), "นพ.ธนกร งดออกตรวจ แพทย์เวชปฏิบัติทั่วไปออกตรวจแทน")]),
        ("คลินิกฝากครรภ์", "อาคารแม่และเด็ก ชั้น 2", [(2, obstetrician)], []),
    ):  # fmt: skip
        clinic = Clinic(name=name, place=place, live=False)
        for weekday, doctor in sessions:
            clinic.sessions.add(
                ClinicSession(
                    weekday=weekday,
                    starts=datetime.time(8, 30),
                    ends=datetime.time(12, 0),
                    doctor=doctor,
                )
            )
        for day, text in changes:
            clinic.changes.add(ClinicChange(day=day, text=text))
        clinic.save()
        clinic.save_revision(user=publisher).publish(user=publisher)


def _downloads(agency: Agency, publisher) -> None:
    """The downloads centre's first files: the form to ask for official information and
    the outpatients' manual, each a PDF whose words the search finds."""
    if Download.objects.exists():
        return
    root = Collection.get_first_root_node()
    year = datetime.datetime.now(BANGKOK).year + 543
    for title, kind, paragraphs in (
        ("แบบคำขอข้อมูลข่าวสารของราชการ", DownloadKind.FORM,
         ["ข้าพเจ้าประสงค์ขอตรวจดูหรือขอสำเนาข้อมูลข่าวสารของราชการ "
          "ตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
          "ชื่อผู้ขอ ........ ที่อยู่ ........ ข้อมูลที่ขอ ........"]),
        ("คู่มือการรับบริการผู้ป่วยนอก", DownloadKind.MANUAL,
         ["ขั้นตอนการรับบริการ: ยื่นบัตร คัดกรอง พบแพทย์ รับยา",
          "ผู้ป่วยนัดตรวจเลือดควรงดน้ำและอาหารก่อนมาโรงพยาบาล 8 ชั่วโมง"]),
    ):  # fmt: skip
        pdf = render_pdf(
            "demo/document.html",
            {"title": title, "paragraphs": paragraphs, "footer": agency.name},
        )
        document = AgencyDocument(title=title, collection=root, uploaded_by_user=publisher)
        document.file = ContentFile(pdf, name=f"{title}.pdf")
        document.save()
        download = Download(title=title, kind=kind, year=year, document=document, live=False)
        download.save()
        download.save_revision(user=publisher).publish(user=publisher)


def _news_pictures(agency: Agency) -> None:
    """The blood-donation news of the demo with a cover and an album, as the public
    relations unit would put them up: each photo described and credited."""
    item = (
        InformationItemPage.objects.filter(title__contains="บริจาคโลหิต", live=True)
        .descendant_of(agency.site.root_page)
        .first()
    )
    if item is None or item.album:
        return
    root = Collection.get_first_root_node()
    Image = get_image_model()
    photos = []
    for n, (alt, colour) in enumerate(
        (
            ("ผู้บริจาคโลหิตลงทะเบียนที่เต็นท์หน้าโรงพยาบาล", (160, 30, 40)),
            ("เจ้าหน้าที่ตรวจความเข้มข้นของเลือดก่อนบริจาค", (20, 60, 130)),
            ("ผู้บริจาครับของที่ระลึกหลังบริจาคโลหิต", (11, 90, 60)),
        ),
        start=1,
    ):
        photo = Image(title=alt, collection=root)
        photo.file = _drawn(f"blood-{n}", (1200, 900), _activity(colour))
        photo.save()
        photos.append(
            {"type": "photo", "value": {"image": photo.pk, "alt": alt, "credit": "งานประชาสัมพันธ์"}}
        )
    item.cover_image_id = photos[0]["value"]["image"]
    item.cover_credit = "งานประชาสัมพันธ์"
    item.album = photos
    with publication_authorised():
        item.save_revision().publish()


def _executives(agency: Agency, demo) -> None:
    """The director and executives on the website, with what ITA asks: photo, name, position,
    phone."""
    if agency.executives.exists():
        return
    from wagtail.images import get_image_model

    Image = get_image_model()
    # The agency's head first (at a district health office the head of office, whose role is
    # the approving head's, not a director's), then the directors and executives.
    head_title = demo.AGENCY.get("head_title", "")
    heads = [p for p in demo.PEOPLE if head_title and p[5] == head_title]
    others = [
        p
        for p in demo.PEOPLE
        if p[1] in (Role.DIRECTOR.value, Role.EXECUTIVE.value) and p not in heads
    ]
    people = heads + others
    for order, (username, _role, first, last, _unit, position, _head) in enumerate(people):
        name = f"{first} {last}"
        photo = Image(title=name, collection=Collection.get_first_root_node())
        photo.file = _portrait(username)
        photo.save()
        Executive.objects.create(
            agency=agency,
            name=name,
            position=position,
            phone=demo.AGENCY.get("phone", ""),
            photo=photo,
            sort_order=order,
            # The demo's executive is also its CIO (ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง).
            is_cio=username == "executive",
        )


def _published_at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=BANGKOK)


def _items(agency: Agency, units: dict[str, Unit], publisher, demo) -> int:
    home = agency.site.root_page
    categories = {
        c.checklist_key: c
        for c in CategoryPage.objects.descendant_of(home).exclude(checklist_key="")
    }
    collection = Collection.get_first_root_node()
    created = 0
    for key, slug, title, unit_name, (start, end), published, paragraphs, pdf_title in demo.ITEMS:
        category = categories[key]
        if InformationItemPage.objects.child_of(category).filter(slug=slug).exists():
            continue
        pdf = render_pdf(
            "demo/document.html",
            {
                "title": pdf_title,
                "paragraphs": paragraphs,
                "footer": f"{agency.name} · {unit_name}",
            },
        )
        document = AgencyDocument(
            title=pdf_title, collection=collection, uploaded_by_user=publisher
        )
        document.file = ContentFile(pdf, name=f"{pdf_title}.pdf")
        document.save()
        item = InformationItemPage(
            title=title,
            slug=slug,
            owner_unit=units[unit_name],
            data_period_start=start,
            data_period_end=end,
            body="".join(f"<p>{p}</p>" for p in paragraphs),
            first_published_at=_published_at(published),
            live=False,
        )
        category.add_child(instance=item)
        ItemAttachment.objects.create(page=item, document=document, sort_order=0)
        revision = item.save_revision(user=publisher, log_action=True)
        # Demo items come with the demo, as items an import brings: published here.
        with publication_authorised():
            revision.publish(user=publisher, skip_permission_checks=True)
        # The demo tells a story over past months: the item was last updated when published.
        InformationItemPage.objects.filter(pk=item.pk).update(
            last_published_at=item.first_published_at
        )
        created += 1
    return created


# Requests in flight, so a first look shows each step: (topic, how far it has gone).
DEMO_REQUESTS = [
    ("ตารางออกหน่วยแพทย์เคลื่อนที่ เดือนธันวาคม 2569", "waiting"),
    ("ประชาสัมพันธ์กิจกรรมวันเอดส์โลก 1 ธันวาคม 2569", "sent_back"),
    ("ประกาศวันหยุดราชการเพิ่มเติม", "approved"),
]


def _requests() -> int:
    User = get_user_model()
    requester, head = User.objects.get(username="requester"), User.objects.get(username="unithead")
    news = CategoryPage.objects.get(checklist_key="pr-news")
    made = 0
    for title, stage in DEMO_REQUESTS:
        if PublicationRequest.objects.filter(page__title=title).exists():
            continue
        publication_request = submit(
            requester, news, RequestDetails(title=title, summary=title, remarks="ข้อมูลตัวอย่าง")
        )
        state = publication_request.workflow_state.current_task_state
        task = state.task.specific
        if stage == "sent_back":
            task.on_action(state, head, "reject", reason=RejectionReason.OTHER,
                           detail="โปรดแนบโปสเตอร์กิจกรรมเป็นไฟล์ PDF")  # fmt: skip
        elif stage == "approved":
            task.on_action(state, head, "approve")
        made += 1
    return made


@transaction.atomic
def load_demo(key: str = DEFAULT) -> DemoResult:
    demo = DEMOS[key]
    site_result = build_site()
    agency = _agency(site_result.agency, demo)
    units = _units(agency, demo)
    _routing(agency, units, demo)
    _responsibilities(agency, units, demo)
    accounts = _accounts(units, demo)
    _executives(agency, demo)
    _identity(agency)
    publisher = get_user_model().objects.get(username="webmaster")
    _home_blocks(agency, publisher)
    _general_pages(agency, publisher)
    english_pages(agency, publisher)
    _events(agency, publisher)
    _clinics(publisher)
    _downloads(agency, publisher)
    created = _items(agency, units, publisher, demo)
    _news_pictures(agency)
    _requests()
    return DemoResult(agency=agency, accounts=accounts, items_created=created)


def write_accounts_file(path: Path, result: DemoResult) -> None:
    """Keep this run's new passwords beside earlier runs' ones, readable by the owner only."""
    known: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2:
                known[parts[0]] = parts[1]
    for account in result.accounts:
        if account.password:
            known[account.username] = account.password
    lines = []
    for account in result.accounts:
        lines.append(
            "\t".join(
                [
                    account.username,
                    known.get(account.username, _("(set earlier)")),
                    account.role.label,
                    account.full_name,
                    account.position,
                    account.totp_secret,
                ]
            )
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)
