"""Thai word segmentation for search, with PyThaiNLP's offline tokenisers.

Thai is written without spaces between words, so a search engine that splits on spaces sees
"ประกาศจัดซื้อจัดจ้าง" as one word and never finds "จัดซื้อ" in it. Text is indexed as its
words (the ``newmm`` tokeniser) plus the dictionary words inside each compound, which
``newmm`` keeps whole (จัดซื้อจัดจ้าง → จัดซื้อ, จัดจ้าง, ซื้อ, จ้าง …); queries are cut
into words the same way.
"""

from __future__ import annotations

import functools
import re

THAI = re.compile(r"[\u0e00-\u0e7f]")
MIN_PART = 3  # shorter dictionary entries (ปร, รง …) match too much to help


@functools.cache
def _dictionary_trie():
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    return Trie(thai_words())


def words(text: str) -> list[str]:
    """The words of ``text``: Thai cut by the dictionary, other scripts by spaces."""
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(text, engine="newmm", keep_whitespace=False)
    return [t.strip() for t in tokens if t.strip() and any(ch.isalnum() for ch in t)]


def parts(word: str) -> list[str]:
    """Dictionary words inside a Thai compound, starting at character-cluster boundaries."""
    if len(word) < 2 * MIN_PART or not THAI.search(word):
        return []
    from pythainlp.tokenize import subword_tokenize

    trie = _dictionary_trie()
    found: list[str] = []
    start = 0
    for cluster in subword_tokenize(word, engine="tcc"):
        for prefix in trie.prefixes(word[start:]):
            if MIN_PART <= len(prefix) < len(word) and prefix not in found:
                found.append(prefix)
        start += len(cluster)
    return found


# Saving a page indexes the same text twice (as words and for autocomplete), and a page saved
# again mostly keeps its title and introduction: cutting them once is enough.
@functools.lru_cache(maxsize=256)
def index_terms(text: str) -> str:
    """What the search index stores for ``text``: its words and their parts."""
    seen: dict[str, None] = {}
    for word in words(text):
        seen.setdefault(word.lower(), None)
        for part in parts(word):
            seen.setdefault(part, None)
    return " ".join(seen)


def query_terms(query: str) -> str:
    """A person's query cut into the words the index holds."""
    return " ".join(dict.fromkeys(w.lower() for w in words(query)))
