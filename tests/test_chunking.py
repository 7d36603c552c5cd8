"""Chunks fit what all-MiniLM-L6-v2 reads, measured with its own tokenizer."""

from advisor.embeddings import get_tokenizer, model_max_tokens
from advisor.settings import Settings
from ingest.chunking import chunk_section, count_tokens
from ingest.parse_markdown import parse_markdown
from ingest.sections import Section
from tests.conftest import GUIDE


def test_model_reads_256_word_pieces():
    assert model_max_tokens(Settings()) == 256


def test_long_section_is_split_within_the_limit():
    settings = Settings()
    tok = get_tokenizer(settings)
    body = "\n".join(f"- Item {i}: engineers tune hyperparameters, curate datasets and ship models." for i in range(80))
    section = Section(doc_id="d", heading_path=("Long", "Part"), text=body, line_start=1, line_end=80, role="Tester")
    chunks = chunk_section(section, tok, 256)
    assert len(chunks) > 3
    for c in chunks:
        assert count_tokens(tok, c.embed_text) <= 256
        assert c.section.section_id == "d#long/part" and c.chunk_id == f"d#long/part::{c.index}"
        assert c.embed_text.startswith("Tester — Long › Part\n\n")
    joined = " ".join(c.text for c in chunks)
    assert all(f"Item {i}:" in joined for i in range(80))


def test_every_guide_chunk_fits():
    settings = Settings()
    tok = get_tokenizer(settings)
    doc = parse_markdown(GUIDE.read_text(), GUIDE)
    for section in doc.sections:
        for c in chunk_section(section, tok, 256):
            assert count_tokens(tok, c.embed_text) <= 256


def test_section_ids_are_stable_and_hashes_track_content():
    a = parse_markdown(GUIDE.read_text(), GUIDE)
    b = parse_markdown(GUIDE.read_text(), GUIDE)
    assert [s.section_id for s in a.sections] == [s.section_id for s in b.sections]
    assert [s.content_hash for s in a.sections] == [s.content_hash for s in b.sections]
    changed = GUIDE.read_text().replace("$70,000 to $100,000", "$71,000 to $100,000")
    c = parse_markdown(changed, GUIDE)
    diff = [x.section_id for x, y in zip(a.sections, c.sections) if x.content_hash != y.content_hash]
    assert diff == ["neural-network-engineer#salary-ranges/entry-level"]
    # the id is a pure function of document and heading path: no paths, clocks or randomness
    assert a.sections[0].section_id == "neural-network-engineer#overview"
