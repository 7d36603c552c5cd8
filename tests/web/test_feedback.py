"""Feedback rows in SQLite: one transaction each, safe from many threads."""

from __future__ import annotations

import threading

import pytest
from pydantic import ValidationError

from advisor.web.feedback import Feedback, FeedbackStore


def item(n: int = 0, **changes) -> Feedback:
    return Feedback(**{"rating": "up", "question": f"q{n}", "answer": "a", **changes})


def test_rows_and_comment(tmp_path):
    store = FeedbackStore(tmp_path / "data" / "feedback.sqlite3")
    assert store.rows() == []
    row_id = store.add(item(channel="ui", section_ids=["doc#a"]))
    assert store.set_comment(row_id, "useful") and not store.set_comment(row_id + 99, "nobody")
    (row,) = store.rows()
    assert row["comment"] == "useful" and row["channel"] == "ui" and row["section_ids"] == '["doc#a"]'


def test_concurrent_writers(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    threads = [threading.Thread(target=lambda n=n: [store.add(item(n * 10 + i)) for i in range(10)]) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.rows()) == 80


@pytest.mark.parametrize("bad", [{"rating": "meh"}, {"question": ""}, {"comment": "x" * 3000}, {"extra": 1}])
def test_invalid_feedback(bad):
    with pytest.raises(ValidationError):
        item(**bad)


def test_locked_database_is_a_clear_error_and_writes_nothing(tmp_path, caplog):
    import sqlite3

    from advisor.errors import FeedbackUnavailableError
    from advisor.web.errors import classify

    store = FeedbackStore(tmp_path / "feedback.sqlite3", busy_timeout=0.2)
    store.add(item(1))
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(FeedbackUnavailableError) as err:
            store.add(item(2))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "try again" in str(err.value) and classify(err.value) == (503, "feedback_unavailable")
    assert "feedback not stored" in caplog.text
    assert [r["question"] for r in store.rows()] == ["q1"]
    store.add(item(3))  # and it recovers once the lock is gone
    assert len(store.rows()) == 2


def test_unwritable_location_is_a_clear_error(tmp_path):
    from advisor.errors import FeedbackUnavailableError

    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(FeedbackUnavailableError):
        FeedbackStore(blocker / "feedback.sqlite3").add(item())


def test_a_flood_cannot_grow_the_table_past_its_cap(tmp_path):
    from advisor.errors import FeedbackUnavailableError

    store = FeedbackStore(tmp_path / "feedback.sqlite3", max_rows=25)
    refused = []

    def flood(n: int) -> None:
        for i in range(10):
            try:
                store.add(item(n * 10 + i, answer="x" * 20_000))
            except FeedbackUnavailableError as err:
                refused.append(str(err))

    threads = [threading.Thread(target=flood, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.rows()) == 25 and len(refused) == 35 and "full" in refused[0]
