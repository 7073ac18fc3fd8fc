"""The document table the stages share (nlp.DocTable): the same values spaCy gives, made once."""

from __future__ import annotations

import pytest

from clashwatch.nlp import doc_ents, doc_text, load_model, release, span_text, table

TEXT = (
    "GUNMEN KILL 3 IN RAID\n\n"
    "Gunmen killed three villagers in  Kafin Madaki on Sunday, police said.\n"
    "Two others were wounded, according to the local council.  "
)


@pytest.fixture(scope="module")
def doc():
    return load_model()(TEXT)


def test_the_lists_are_what_the_tokens_say(doc):
    tab = table(doc)
    assert table(doc) is tab  # one table a document
    assert tab.words == [t.text for t in doc]
    assert tab.lower == [t.lower_ for t in doc]
    assert tab.lemma == [t.lemma_.lower() for t in doc]
    assert tab.pos == [t.pos_ for t in doc]
    assert tab.dep == [t.dep_ for t in doc]
    assert tab.idx == [t.idx for t in doc]
    assert [t.i for t in tab.tokens] == list(range(len(doc)))
    assert [(s.start, s.end) for s in tab.sents] == [(s.start, s.end) for s in doc.sents]
    assert doc_text(doc) == doc.text
    assert [(e.start, e.end, e.label_) for e in doc_ents(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]


def test_slice_text_is_the_text_of_the_span_the_slice_makes(doc):
    tab = table(doc)
    n = len(doc)
    for start in range(-n - 2, n + 3):
        for stop in range(-n - 2, n + 3):
            assert tab.slice_text(start, stop) == span_text(doc[start:stop]), (start, stop)


def test_release_drops_the_table(doc):
    tab = table(doc)
    release(doc)
    assert table(doc) is not tab
    release(doc)
    release(doc)  # nothing to drop: no error
