"""An old post's HTML becomes rich text written anew from an allow-list: whatever markup
tricks the old text holds, only the editor's own tags come out, every word escaped."""

import pytest

from prakat.site_import.cleaning import Cleaner

pytestmark = pytest.mark.database_neutral

OLD = "old.hospital.example"


def clean(html: str, pictures=None, documents=None) -> str:
    pictures = pictures or {}
    documents = documents or {}
    cleaner = Cleaner(
        old_netloc=OLD,
        picture_of=pictures.get,
        document_of=documents.get,
        is_old_file=lambda href: "/wp-content/uploads/" in href,
    )
    return cleaner.rich_text(html)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # A parser reads CDATA as text, a browser as a bogus comment ending at the first ">".
        ("<p><![CDATA[><script>alert(2)</script>]]></p>", "<p></p>"),
        ('<p><![CDATA[x><img src=x onerror=alert(1)>]]>ข่าว</p>', "<p>ข่าว</p>"),
        ("<p>ก<!-- --><script>alert(1)</script>ข</p>", "<p>กข</p>"),
        ('<p onclick="alert(1)" style="color:red">ข่าว</p>', "<p>ข่าว</p>"),
        # Text outside any block is given its paragraph, as WordPress does when it shows it.
        ('<a href="javascript:alert(1)">ลิงก์</a>', "<p>ลิงก์</p>"),
        ('<a href="data:text/html,<script>alert(1)</script>">ลิงก์</a>', "<p>ลิงก์</p>"),
        ('<a href="//evil.example/x">ลิงก์</a>', "<p>ลิงก์</p>"),
        ('<img src="data:image/png;base64,AAAA" onerror="alert(1)">', "<p></p>"),
        ("<svg><script>alert(1)</script></svg><p>ข้อความ</p>", "<p>ข้อความ</p>"),
        ('<iframe src="https://www.youtube.com/embed/x"></iframe><p>วิดีโอ</p>', "<p>วิดีโอ</p>"),
        ("<p>1 &lt; 2 &amp; <b>ตัวหนา</b></p>", "<p>1 &lt; 2 &amp; <b>ตัวหนา</b></p>"),
        ("<h1>หัวข้อ</h1><strong>หนา</strong><em>เอียง</em>", "<h2>หัวข้อ</h2><b>หนา</b><i>เอียง</i>"),
        ("<table><tr><th>รายการ</th><th>ราคา</th></tr><tr><td>ยา</td><td>100</td></tr></table>",
         "<p>รายการ · ราคา</p><p>ยา · 100</p>"),
        ("บรรทัดแรก\nบรรทัดสอง\n\nย่อหน้าใหม่", "<p>บรรทัดแรก<br/>บรรทัดสอง</p><p>ย่อหน้าใหม่</p>"),
        ('[caption id="x"]ภาพ[/caption]', "<p>ภาพ</p>"),
        ('<p><a href="http://old.hospital.example/2024/03/x/?a=1">เรื่องเดิม</a></p>',
         '<p><a href="/2024/03/x/?a=1">เรื่องเดิม</a></p>'),
        ('<p><a href="mailto:it@example.go.th">อีเมล</a></p>',
         '<p><a href="mailto:it@example.go.th">อีเมล</a></p>'),
        ('<p><a href="https://www.moph.go.th/" title="x" onclick="y">กระทรวง</a></p>',
         '<p><a href="https://www.moph.go.th/">กระทรวง</a></p>'),
    ],
)  # fmt: skip
def test_only_the_editor_s_own_markup_comes_out(old, new):
    assert clean(old) == new


def test_pictures_and_files_brought_in_are_the_site_s_own_and_the_rest_drop_out():
    uploads = "http://old.hospital.example/wp-content/uploads"
    html = (
        f'<p><img src="{uploads}/a.jpg" alt="ภาพ &quot;ก&quot;">'
        f'<img src="{uploads}/gone.gif" alt="ไม่มา">'
        f'<a href="{uploads}/b.pdf">ประกาศ</a> '
        f'<a href="{uploads}/c.exe">โปรแกรม</a></p>'
    )
    out = clean(html, pictures={f"{uploads}/a.jpg": 7}, documents={f"{uploads}/b.pdf": 3})
    assert out == (
        '<p><embed alt="ภาพ &quot;ก&quot;" embedtype="image" format="fullwidth" id="7"/>'
        '<a id="3" linktype="document">ประกาศ</a> โปรแกรม</p>'
    )
