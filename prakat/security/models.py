"""The agency's own security settings: idle sign-out, its privacy notice, its self-assessment."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField

DEFAULT_IDLE_MINUTES = 30

# A sensible starting notice (PDPA s.23); the agency edits it to name its own officer.
DEFAULT_PRIVACY_NOTICE = """\
<h2>ข้อมูลที่เราเก็บ</h2>
<p>เว็บไซต์นี้ไม่ใช้คุกกี้เพื่อการติดตาม โฆษณา หรือวิเคราะห์พฤติกรรม สถิติการเข้าชมนับจากจำนวนครั้งที่เปิดหน้าเท่านั้น
โดยไม่เก็บข้อมูลที่ระบุตัวบุคคล
คุกกี้ที่อาจถูกตั้งมีเพียงคุกกี้ที่จำเป็นต่อการทำงานของแบบฟอร์ม (csrftoken) เพื่อป้องกันการปลอมแปลงคำขอ</p>
<h2>ข้อมูลจราจรทางคอมพิวเตอร์</h2>
<p>หน่วยงานเก็บข้อมูลจราจรทางคอมพิวเตอร์ (เช่น หมายเลขไอพี เวลา และหน้าที่เรียก) ไม่น้อยกว่า 90 วัน
ตามพระราชบัญญัติว่าด้วยการกระทำความผิดเกี่ยวกับคอมพิวเตอร์
และประกาศกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม ข้อมูลนี้เปิดเผยเฉพาะต่อพนักงานเจ้าหน้าที่ตามกฎหมาย</p>
<h2>ข้อมูลที่ท่านส่งถึงเรา</h2>
<p>ข้อมูลส่วนบุคคลที่ท่านให้ไว้ในการร้องเรียน สอบถาม หรือประเมินความพึงพอใจ ใช้เพื่อตอบและดำเนินการตามเรื่องของท่านเท่านั้น
และเก็บไว้เท่าที่จำเป็นตามระเบียบงานสารบรรณ</p>
<h2>สิทธิของท่าน</h2>
<p>ท่านมีสิทธิขอเข้าถึง ขอแก้ไข ขอลบ หรือคัดค้านการประมวลผลข้อมูลส่วนบุคคลของท่าน
ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562
โดยติดต่อเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคลของหน่วยงานตามช่องทางที่ปรากฏท้ายหน้าเว็บไซต์</p>
"""


@register_setting(icon="lock")
class SecuritySettings(BaseSiteSetting):
    idle_timeout_minutes = models.PositiveSmallIntegerField(
        _("sign out staff after idle minutes"),
        default=DEFAULT_IDLE_MINUTES,
        validators=[MinValueValidator(5), MaxValueValidator(480)],
        help_text=_("A staff member who does nothing for this long is signed out."),
    )
    privacy_notice = RichTextField(
        _("privacy notice"),
        default=DEFAULT_PRIVACY_NOTICE,
        help_text=_("Shown to the public at /privacy/."),
    )
    last_self_assessment = models.DateField(
        _("last security self-assessment"),
        null=True,
        blank=True,
        help_text=_(
            "The day the agency last assessed itself against the website security standard."
        ),
    )

    panels = [
        FieldPanel("idle_timeout_minutes"),
        FieldPanel("last_self_assessment"),
        FieldPanel("privacy_notice"),
    ]

    class Meta:
        verbose_name = _("security and privacy")
