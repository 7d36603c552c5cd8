"""Thumbs up / down on answers, with an optional comment, kept in SQLite under ``data/``.

One short transaction per row (a fresh connection each time, WAL, a busy timeout), so the
API's worker threads and the chat UI can write at once without sharing a connection. The
table is created on first write, never at import. It holds at most ``max_rows`` rows (each
bounded by ``Feedback``'s field limits): past that a new rating is refused, not stored, so a
flood cannot fill the disk, and what was collected is kept.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.errors import FeedbackUnavailableError

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at  TEXT NOT NULL,
    channel     TEXT NOT NULL,
    rating      TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment     TEXT,
    question    TEXT NOT NULL,
    answer      TEXT NOT NULL,
    section_ids TEXT NOT NULL,
    refused     INTEGER NOT NULL,
    provider    TEXT,
    model       TEXT
)
"""


class Feedback(BaseModel):
    """What ``POST /api/feedback`` accepts (and what the chat UI records)."""

    model_config = ConfigDict(extra="forbid")

    rating: Literal["up", "down"]
    question: str = Field(min_length=1, max_length=2000)
    answer: str = Field(min_length=1, max_length=20_000)
    comment: str | None = Field(None, max_length=2000)
    section_ids: list[str] = Field(default_factory=list, max_length=50)
    refused: bool = False
    provider: str | None = Field(None, max_length=100)
    model: str | None = Field(None, max_length=200)
    channel: Literal["api", "ui", "embed"] = "api"


class FeedbackStore:
    def __init__(self, path: Path, max_rows: int = 10_000, busy_timeout: float = 10.0) -> None:
        self.path = path
        self.max_rows = max_rows
        self.busy_timeout = busy_timeout
        self._ready = False
        self._init_lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        return conn

    def _ensure_schema(self) -> None:
        with self._init_lock:
            if self._ready:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as conn:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute(SCHEMA)
            self._ready = True

    def add(self, item: Feedback) -> int:
        """Store one row in its own transaction; return its id. A locked or unwritable database
        raises FeedbackUnavailableError and leaves no partial row (the transaction rolls back)."""
        row = (datetime.now(timezone.utc).isoformat(timespec="seconds"), item.channel, item.rating,
               item.comment or None, item.question, item.answer, json.dumps(item.section_ids),
               int(item.refused), item.provider, item.model)
        cur = self._write(  # the count and the insert in one transaction: concurrent writers cannot overshoot
            "INSERT INTO feedback (created_at, channel, rating, comment, question, answer, section_ids,"
            " refused, provider, model) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
            " WHERE (SELECT COUNT(*) FROM feedback) < ?", (*row, self.max_rows))
        if cur.rowcount != 1:
            log.warning("feedback not stored: the table holds its maximum of %d rows", self.max_rows)
            raise FeedbackUnavailableError("Feedback is not being collected right now (the store is full); thank you anyway.")
        row_id = cur.lastrowid
        log.info("feedback %d stored (%s, %s)", row_id, item.channel, item.rating)
        return int(row_id)

    def set_comment(self, feedback_id: int, comment: str) -> bool:
        """Attach a comment to a stored rating (the UI asks for it after the thumb)."""
        return self._write("UPDATE feedback SET comment = ? WHERE id = ?", (comment[:2000], feedback_id)).rowcount == 1

    def _write(self, sql: str, params: tuple) -> sqlite3.Cursor:
        try:
            self._ensure_schema()
            with closing(self._connect()) as conn:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    cur = conn.execute(sql, params)
                    conn.execute("COMMIT")
                except sqlite3.Error:
                    conn.execute("ROLLBACK")
                    raise
            return cur
        except (sqlite3.Error, OSError) as exc:
            log.error("feedback not stored (%s): %s", self.path, exc)
            raise FeedbackUnavailableError(f"Feedback could not be saved right now ({exc}); please try again later.") from exc

    def rows(self) -> list[dict]:
        """Every row, oldest first (for tests and export)."""
        if not self.path.exists():
            return []
        with closing(self._connect()) as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute("SELECT * FROM feedback ORDER BY id")]
