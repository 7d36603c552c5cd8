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
