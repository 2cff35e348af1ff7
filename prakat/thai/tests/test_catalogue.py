from prakat.thai.catalogue import coverage


def test_every_message_prakat_adds_has_a_thai_translation():
    rows = {r.source: r for r in coverage("django")}
    assert rows["prakat"].total > 300
    assert rows["prakat"].missing == []


def test_coverage_counts_what_a_thai_reader_gets():
    rows = {r.source: r for r in coverage("django")}
    wagtail = rows["wagtail"]
    assert 0 < wagtail.translated <= wagtail.total
    assert "Dashboard" not in wagtail.missing  # Wagtail's own Thai catalogue has it
