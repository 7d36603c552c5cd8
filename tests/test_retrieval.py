"""Retriever internals: the section map behind ``section()``, and the query-embedding thread."""

from __future__ import annotations

import threading

import torch

from advisor.embeddings import get_embeddings
from advisor.retrieval import Retriever, strip_context


class FakeStore:
    """Just what ``Retriever.refresh`` reads: ``get`` of every id, document and metadata."""

    def __init__(self, rows: list[tuple[str, str, dict]]) -> None:
        self.rows = rows

    def get(self, include: list[str]) -> dict[str, list]:
        return {"ids": [r[0] for r in self.rows], "documents": [r[1] for r in self.rows],
                "metadatas": [r[2] for r in self.rows]}


def row(section_id: str, index: int, count: int, text: str) -> tuple[str, str, dict]:
    meta = {"section_id": section_id, "chunk_index": index, "chunk_count": count, "doc_id": "guide",
            "role": "Engineer", "title": "Guide", "heading": section_id.title(), "source": "guide.md"}
    return f"{section_id}-{index}", f"Context line\n\n{text}", meta


def test_section_joins_its_chunks_in_order_whatever_the_store_order(settings):
    store = FakeStore([row("pay", 1, 3, "second"), row("skills", 0, 1, "python"),
                       row("pay", 2, 3, "third"), row("pay", 0, 3, "first")])
    retriever = Retriever(settings, store=store)
    assert retriever.section("pay") == {"section_id": "pay", "doc_id": "guide", "role": "Engineer", "title": "Guide",
                                        "heading": "Pay", "source": "guide.md", "text": "first\nsecond\nthird"}
    assert retriever.section("skills")["text"] == "python"
    assert retriever.section("nothing") is None
    assert retriever.size == 2


def test_refresh_rebuilds_the_section_map(settings):
    store = FakeStore([row("pay", 0, 1, "old pay"), row("skills", 0, 1, "python")])
    retriever = Retriever(settings, store=store)
    assert retriever.section("pay")["text"] == "old pay"
    store.rows = [row("pay", 0, 2, "new pay"), row("pay", 1, 2, "and bonus"), row("trends", 0, 1, "agents")]
    retriever.refresh()
    assert retriever.section("pay")["text"] == "new pay\nand bonus"
    assert retriever.section("skills") is None and retriever.section("trends")["text"] == "agents"
    assert retriever.size == 2


def test_sections_on_the_real_index_match_a_full_scan(indexed_settings):
    """Every section of the guide (each one chunk today; the fake store above has several)."""
    retriever = Retriever(indexed_settings)
    got = retriever.store.get(include=["documents", "metadatas"])
    chunks = list(zip(got["documents"], got["metadatas"]))
    for section_id, _, _ in retriever.outline():
        parts = sorted(((doc, meta) for doc, meta in chunks if meta["section_id"] == section_id),
                       key=lambda p: p[1]["chunk_index"])
        section = retriever.section(section_id)
        assert section["text"] == "\n".join(strip_context(doc) for doc, _ in parts)
        assert section["heading"] == parts[0][1]["heading"] and "chunk_index" not in section
    assert retriever.size == len(retriever.outline()) > 50


def fresh_thread_torch_threads() -> int:
    """The torch thread count a thread that has never used torch starts with."""
    seen: list[int] = []
    t = threading.Thread(target=lambda: seen.append(torch.get_num_threads()))
    t.start()
    t.join()
    return seen[0]


def test_questions_are_embedded_on_their_own_thread_with_query_threads(indexed_settings):
    """A count no other thread has, so the test shows where it applies: on the query thread only;
    the caller and threads started later keep torch's count (ingest batches use all cores)."""
    threads = torch.get_num_threads() + 1
    before_fresh = fresh_thread_torch_threads()
    real = get_embeddings(indexed_settings)
    seen: list[tuple[str, int]] = []

    class Spy:
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            seen.append((threading.current_thread().name, torch.get_num_threads()))
            return real.embed_documents(texts)

    retriever = Retriever(indexed_settings.model_copy(update={"query_threads": threads}), embeddings=Spy())
    hits = retriever.search("What does a senior neural network engineer earn?")
    assert hits and hits[0].section_id == "neural-network-engineer#salary-ranges/senior-level"
    assert len(seen) == 1
    name, used = seen[0]
    assert used == threads and name.startswith("query-embed-") and name != threading.current_thread().name
    assert torch.get_num_threads() == threads - 1
    assert fresh_thread_torch_threads() == before_fresh



BENEFITS = "neural-network-engineer#career-development/benefits"


def test_a_question_worded_like_one_line_of_a_section_finds_it_by_that_sentence(indexed_settings):
    """The Benefits section lists pay, equity, retirement, learning and remote work; a question on
    remote work alone is far from that whole section's vector and close to its one line."""
    question = "Is remote work an option for this career, or must I be in the office?"
    with_sentences = Retriever(indexed_settings).search(question)
    best = with_sentences[0]
    assert best.section_id == BENEFITS and best.sentence_similarity >= indexed_settings.sentence_match > best.similarity
    without = Retriever(indexed_settings.model_copy(update={"sentence_weight": 0})).search(question)
    assert all(h.sentence_similarity == 0 for h in without)


def test_the_closest_sentence_is_searched_in_the_given_sections_only(indexed_settings):
    retriever = Retriever(indexed_settings)
    practice = "neural-network-engineer#best-practices/performance-evaluation-and-optimization"
    section_id, sentence, similarity = retriever.closest_sentence("Implement early stopping to avoid overfitting", {practice})
    assert (section_id, sentence) == (practice, "Prevent overfitting with early stopping") and similarity > 0.6
    elsewhere = retriever.closest_sentence("Implement early stopping to avoid overfitting", {BENEFITS})
    assert elsewhere[0] == BENEFITS and elsewhere[2] < similarity
    assert retriever.closest_sentence("anything", {"no-such-section"}) is None
