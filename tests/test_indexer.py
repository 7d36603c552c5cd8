"""Incremental ingest into a real Chroma with the real embedding model."""

from pathlib import Path

from advisor.settings import Settings
from advisor.store import SENTENCES, chroma_client, collection_name, open_store
from ingest.indexer import indexed_sections, ingest

ENTRY = "neural-network-engineer#salary-ranges/entry-level"


def counts(report):
    return (report.added, report.updated, report.unchanged, report.deleted)


def guide(settings: Settings) -> Path:
    return settings.knowledge_dir / "neural-network-engineer.md"


def test_incremental_runs(settings: Settings):
    first = ingest(settings)
    n = first.added
    assert n > 50 and counts(first) == (n, 0, 0, 0) and first.ok

    sentences = open_store(settings, part=SENTENCES)
    assert first.sentences_embedded > 3 * n and len(indexed_sections(sentences)) == n

    again = ingest(settings)
    assert counts(again) == (0, 0, n, 0) and again.chunks_embedded == 0 and again.sentences_embedded == 0

    path = guide(settings)
    path.write_text(path.read_text().replace("$70,000 to $100,000", "$72,000 to $100,000"))
    edited = ingest(settings)
    assert counts(edited) == (0, 1, n - 1, 0) and edited.chunks_embedded == 1
    store = open_store(settings)
    got = store.get(where={"section_id": ENTRY}, include=["documents"])
    assert "$72,000" in got["documents"][0]
    entry = sentences.get(where={"section_id": ENTRY}, include=["documents"])
    assert edited.sentences_embedded == len(entry["ids"]) and any("$72,000" in d for d in entry["documents"])
    assert not any("$70,000 to" in d for d in entry["documents"])

    extra = settings.knowledge_dir / "data-wrangler.md"
    extra.write_text("---\nrole: Data Wrangler\n---\n## Overview\nWranglers tidy tables.\n## Pay\nAbout $50,000.\n")
    added = ingest(settings)
    assert counts(added) == (2, 0, n, 0)

    extra.unlink()
    removed = ingest(settings)
    assert counts(removed) == (0, 0, n, 2)
    assert not store.get(where={"doc_id": "data-wrangler"})["ids"]
    assert not sentences.get(where={"doc_id": "data-wrangler"})["ids"]


def test_an_index_built_before_sentences_gets_them_on_its_next_run(settings: Settings):
    first = ingest(settings)
    chroma_client(settings).delete_collection(collection_name(settings, SENTENCES))
    upgraded = ingest(settings)
    assert upgraded.chunks_embedded == 0 and upgraded.sentences_embedded == first.sentences_embedded
    assert len(indexed_sections(open_store(settings, part=SENTENCES))) == first.added


def test_embedding_model_change_rebuilds(settings: Settings):
    ingest(settings)
    client = chroma_client(settings)
    col = client.get_collection(settings.collection)
    col.modify(metadata={"embedding_model": "some-older-model"})
    rebuilt = ingest(settings)
    assert rebuilt.added > 50 and rebuilt.unchanged == 0
    assert client.get_collection(settings.collection).metadata["embedding_model"] == "all-MiniLM-L6-v2"


def test_bad_files_are_reported_and_the_rest_ingests(settings: Settings):
    ingest(settings)
    before = indexed_sections(open_store(settings))
    k = settings.knowledge_dir
    (k / "empty.md").write_text("  \n")
    (k / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (k / "latin1.md").write_bytes("## Pay\nline two\ncaf\xe9\n".encode("latin-1"))
    (k / "huge.md").write_text("## A\n" + "x" * (settings.max_file_bytes + 1))
    (k / "frontmatter.md").write_text("---\nrole: [oops\n---\n## A\ntext\n")
    (k / "good.md").write_text("---\nrole: Data Wrangler\n---\n## Overview\nWranglers tidy tables.\n")
    # a broken edit of an indexed guide must not delete its sections
    guide(settings).write_bytes(b"\xff\xfe broken")
    report = ingest(settings)
    messages = sorted(str(e) for e in report.errors)
    assert not report.ok and len(messages) == 6
    assert any("empty.md" in m and "empty" in m for m in messages)
    assert any("binary.md" in m and "binary" in m for m in messages)
    assert any("latin1.md:3" in m and "UTF-8" in m for m in messages)
    assert any("huge.md" in m and "limit" in m for m in messages)
    assert any("frontmatter.md:2" in m and "YAML" in m for m in messages)
    assert any("neural-network-engineer.md:1" in m for m in messages)
    assert report.added == 1 and report.deleted == 0
    after = indexed_sections(open_store(settings))
    assert {k: v["hash"] for k, v in before.items()} == {k: v["hash"] for k, v in after.items() if k in before}


def test_explicit_paths_touch_only_those_documents(settings: Settings, tmp_path: Path):
    ingest(settings)
    other = tmp_path / "other-role.md"
    other.write_text("## Overview\nAnother role.\n")
    report = ingest(settings, [other])
    assert counts(report) == (1, 0, 0, 0)
