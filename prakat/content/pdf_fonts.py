"""Sarabun for PDFs whose text reads back as it was typed, ำ included.

A PDF's text layer maps each glyph to a fixed text. Thai shaping writes sara am (ำ) as a
nikhahit and the same sara aa glyph that า uses, and puts a consonant, its marks and the sara
am into one cluster; WeasyPrint gives each glyph the text of the first cluster it appears in,
so copied or searched text read "สำนักงำน" for "สำนักงาน", or lost a consonant. Two changes
make the layer exact:

- the PDF copy of each Sarabun face has one more glyph, sara aa drawn the same, which a
  contextual substitution puts wherever a sara aa follows a nikhahit (alone or joined to a
  tone mark): sara am's sara aa is then a glyph of its own;
- after rendering, each Sarabun glyph's text is set from what the glyph is (the face's own
  character map, the ``uniXXXX`` names of its alternates and ligatures): sara am's sara aa
  reads "ำ", the nikhahit before it reads nothing, a nikhahit joined to a tone mark reads
  the tone mark, whatever cluster the glyph first appeared in.

The copies are made once an install (they are derived files, kept under the var folder).
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
import tempfile
from functools import cache
from pathlib import Path

import fontpkg_sarabun
from django.conf import settings

FONT_DIR = Path(fontpkg_sarabun.__file__).parent / "files"
FACES = {"regular": "Sarabun-Regular.ttf", "bold": "Sarabun-Bold.ttf"}
SARA_AA, NIKHAHIT = "uni0E32", "uni0E4D"
SARA_AM_AA = "uni0E32.am"  # the glyph added: sara aa as the second half of sara am
# Bump when the copies change, so an install makes them again.
VERSION = "1"

_UNI_NAME = re.compile(r"^uni((?:[0-9A-F]{4})+)(?:\.[\w.]+)?$")


def _nikhahit_glyphs(font) -> list[str]:
    """The nikhahit and the ligatures that join it to a tone mark (``uni0E4D0E49``)."""
    return [name for name in font.getGlyphOrder() if name.startswith(NIKHAHIT)]


def _coverage(glyphs: list[str]):
    from fontTools.ttLib.tables import otTables as ot  # read when a copy is made

    coverage = ot.Coverage()
    coverage.glyphs = glyphs
    return coverage


def _add_sara_am_glyph(font) -> None:
    """Sara am's sara aa as a glyph of its own, put in by ``ccmp`` after a nikhahit."""
    from fontTools.ttLib.tables import otTables as ot  # read when a copy is made

    order = font.getGlyphOrder()
    font.setGlyphOrder([*order, SARA_AM_AA])
    font["glyf"].glyphs[SARA_AM_AA] = copy.deepcopy(font["glyf"][SARA_AA])
    font["glyf"].glyphOrder = font.getGlyphOrder()
    font["hmtx"].metrics[SARA_AM_AA] = font["hmtx"].metrics[SARA_AA]
    if "GDEF" in font and font["GDEF"].table.GlyphClassDef is not None:
        classes = font["GDEF"].table.GlyphClassDef.classDefs
        classes[SARA_AM_AA] = classes.get(SARA_AA, 1)

    gsub = font["GSUB"].table
    lookups = gsub.LookupList.Lookup

    single = ot.Lookup()
    single.LookupType, single.LookupFlag = 1, 0
    substitution = ot.SingleSubst()
    substitution.mapping = {SARA_AA: SARA_AM_AA}
    single.SubTable, single.SubTableCount = [substitution], 1
    lookups.append(single)
    single_index = len(lookups) - 1

    chain = ot.Lookup()
    chain.LookupType, chain.LookupFlag = 6, 0
    rule = ot.ChainContextSubst()
    rule.Format = 3
    rule.BacktrackCoverage = [_coverage(_nikhahit_glyphs(font))]
    rule.InputCoverage = [_coverage([SARA_AA])]
    rule.LookAheadCoverage = []
    rule.BacktrackGlyphCount, rule.InputGlyphCount, rule.LookAheadGlyphCount = 1, 1, 0
    record = ot.SubstLookupRecord()
    record.SequenceIndex, record.LookupListIndex = 0, single_index
    rule.SubstLookupRecord, rule.SubstCount = [record], 1
    chain.SubTable, chain.SubTableCount = [rule], 1
    lookups.append(chain)
    gsub.LookupList.LookupCount = len(lookups)

    # In every ccmp feature: the Thai script's, and the default one.
    for feature in gsub.FeatureList.FeatureRecord:
        if feature.FeatureTag == "ccmp":
            feature.Feature.LookupListIndex.append(len(lookups) - 1)
            feature.Feature.LookupCount += 1


def _make_copy(source: Path, target: Path) -> None:
    from fontTools.ttLib import TTFont  # read when a copy is made

    font = TTFont(source)
    _add_sara_am_glyph(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=target.parent, suffix=".partial")
    os.close(handle)
    font.save(partial)
    os.replace(partial, target)  # another process making the same copy wins harmlessly


@cache
def pdf_font_files() -> dict[str, Path]:
    """The PDF copies of the Sarabun faces, made if missing; by face (regular, bold)."""
    files = {}
    for face, name in FACES.items():
        source = FONT_DIR / name
        digest = hashlib.sha256(source.read_bytes() + VERSION.encode()).hexdigest()[:16]
        target = Path(settings.VAR_DIR) / "fonts" / f"{source.stem}-pdf-{digest}.ttf"
        if not target.exists():
            _make_copy(source, target)
        files[face] = target
    return files


@cache
def glyph_texts() -> dict[int, str]:
    """The text each glyph of the copies stands for, by glyph id (the faces share one glyph
    order; a face that did not would keep WeasyPrint's texts)."""
    from fontTools.ttLib import TTFont  # read when a PDF is made

    fonts = [TTFont(path) for path in pdf_font_files().values()]
    if any(f.getGlyphOrder() != fonts[0].getGlyphOrder() for f in fonts):
        return {}
    font = fonts[0]
    by_glyph: dict[int, str] = {}
    for codepoint, name in sorted(font.getBestCmap().items(), reverse=True):
        by_glyph[font.getGlyphID(name)] = chr(codepoint)
    for gid, name in enumerate(font.getGlyphOrder()):
        match = _UNI_NAME.match(name)
        if gid not in by_glyph and match:
            hexes = match.group(1)
            by_glyph[gid] = "".join(chr(int(hexes[i : i + 4], 16)) for i in range(0, len(hexes), 4))
    # Sara am: its nikhahit reads nothing, its sara aa reads the whole vowel.
    for name in _nikhahit_glyphs(font):
        gid = font.getGlyphID(name)
        by_glyph[gid] = by_glyph.get(gid, "").replace("\u0e4d", "")
    by_glyph[font.getGlyphID(SARA_AM_AA)] = "\u0e33"
    return by_glyph


_TO_UNICODE_ENTRY = re.compile(rb"^<([0-9a-f]{4})> <([0-9a-f]*)>$")


def exact_text_layer(document, pdf) -> None:
    """A WeasyPrint finisher: each Sarabun glyph reads as the text it stands for."""
    import pydyf  # WeasyPrint's own PDF writer, read with it

    texts = glyph_texts()
    if not texts:
        return
    for font in pdf.objects:
        if not (
            isinstance(font, pydyf.Dictionary)
            and font.get("Type") == "/Font"
            and b"PrakatSarabun" in bytes(font.get("BaseFont", b""))
            and "ToUnicode" in font
        ):
            continue
        number = int(font["ToUnicode"].split()[0])
        to_unicode = pdf.objects[number]
        lines = to_unicode.stream
        for index, line in enumerate(lines):
            entry = _TO_UNICODE_ENTRY.match(line) if isinstance(line, bytes) else None
            if entry is None:
                continue
            gid = int(entry.group(1), 16)
            if gid in texts:
                text = texts[gid].encode("utf-16-be").hex()
                lines[index] = f"<{gid:04x}> <{text}>".encode()
