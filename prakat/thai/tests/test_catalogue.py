from prakat.thai.catalogue import coverage


def test_every_message_prakat_adds_has_a_thai_translation():
    rows = {r.source: r for r in coverage("django")}
    assert rows["prakat"].total > 300
    assert rows["prakat"].missing == []


def test_coverage_counts_what_a_thai_reader_gets():
    rows = {r.source: r for r in coverage("django")}
    wagtail = rows["wagtail"]
    assert "Dashboard" not in wagtail.missing  # Wagtail's own Thai catalogue has it
    assert "Workflow tasks" not in wagtail.missing  # only prakat/thai/translations has it
    # A Wagtail upgrade that brings untranslated screens shows up here at once.
    assert wagtail.percent >= 99.0
