"""Reading a WordPress export: what an agency's old site holds, and files that are not one."""

import datetime
import io

import pytest

from prakat.site_import import wxr

pytestmark = pytest.mark.database_neutral

EXPORT = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
 <title>โรงพยาบาลเดิม</title>
 <link>https://old.example.go.th</link>
 <wp:wxr_version>1.2</wp:wxr_version>
 <wp:base_site_url>https://old.example.go.th</wp:base_site_url>
 <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[news]]></wp:category_nicename>
  <wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[ข่าวประชาสัมพันธ์]]></wp:cat_name></wp:category>
 <item>
  <title><![CDATA[ขอเชิญร่วมบริจาคโลหิต]]></title>
  <link>https://old.example.go.th/2025/01/blood/</link>
  <guid isPermaLink="false">https://old.example.go.th/?p=12</guid>
  <content:encoded><![CDATA[บรรทัดแรก

ย่อหน้าที่สอง]]></content:encoded>
  <excerpt:encoded><![CDATA[]]></excerpt:encoded>
  <wp:post_id>12</wp:post_id>
  <wp:post_date><![CDATA[2025-01-15 09:30:00]]></wp:post_date>
  <wp:post_date_gmt><![CDATA[2025-01-15 02:30:00]]></wp:post_date_gmt>
  <wp:post_name><![CDATA[%e0%b8%82%e0%b8%ad]]></wp:post_name>
  <wp:status><![CDATA[publish]]></wp:status>
  <wp:post_parent>0</wp:post_parent>
  <wp:post_type><![CDATA[post]]></wp:post_type>
  <category domain="category" nicename="news"><![CDATA[ข่าวประชาสัมพันธ์]]></category>
  <category domain="post_tag" nicename="blood"><![CDATA[โลหิต]]></category>
  <wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[13]]></wp:meta_value></wp:postmeta>
 </item>
 <item>
  <title><![CDATA[ร่างข่าว]]></title>
  <link>https://old.example.go.th/?p=14</link>
  <guid isPermaLink="false">https://old.example.go.th/?p=14</guid>
  <content:encoded><![CDATA[]]></content:encoded>
  <wp:post_id>14</wp:post_id>
  <wp:post_date><![CDATA[2025-02-01 10:00:00]]></wp:post_date>
  <wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>
  <wp:status><![CDATA[draft]]></wp:status>
  <wp:post_parent>0</wp:post_parent>
  <wp:post_type><![CDATA[post]]></wp:post_type>
 </item>
</channel>
</rss>
"""


def test_an_export_gives_its_site_categories_and_posts():
    export = wxr.read(io.BytesIO(EXPORT.encode()))
    assert export.title == "โรงพยาบาลเดิม"
    assert export.host == "old.example.go.th"
    assert export.categories["news"].name == "ข่าวประชาสัมพันธ์"
    post, draft = export.of_kind("post")
    assert post.title == "ขอเชิญร่วมบริจาคโลหิต"
    assert post.categories == ["news"]  # tags are not categories
    assert post.thumbnail_id == 13
    assert post.published_at == datetime.datetime(2025, 1, 15, 2, 30, tzinfo=datetime.UTC)
    assert post.content == "บรรทัดแรก\n\nย่อหน้าที่สอง"
    # A draft has no UTC date: its date is read in the site's own time, Bangkok's.
    assert draft.status == "draft"
    assert draft.published_at == datetime.datetime(2025, 2, 1, 3, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "content",
    [
        b"not xml at all",
        b'<?xml version="1.0"?><rss><channel><title>feed</title></channel></rss>',
        # Entities that expand into gigabytes: refused before they are read.
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        b"<rss><channel>&b;</channel></rss>",
        # An entity naming a file of the server: refused, the file never read.
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel>&x;</channel></rss>",
    ],
)
def test_what_is_not_an_export_is_refused(content):
    with pytest.raises(wxr.NotAnExport):
        wxr.read(io.BytesIO(content))
