"""The output types shared by the CLI, API, UI and evals."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from advisor.presentation import View, present
from ingest.sections import PATH_SEPARATOR

MAX_TURNS = 6  # question-and-answer pairs of a conversation an answer reads (the latest)


class Hit(BaseModel):
    """One retrieved section (its best-matching chunk) with the evidence for its rank."""

    section_id: str
    doc_id: str
    role: str
    title: str
    heading: str
    source: str
    text: str
    score: float = Field(description="fused reciprocal-rank score")
    similarity: float = Field(0.0, description="dense cosine similarity of the best chunk")
    sentence_similarity: float = Field(0.0, description="dense cosine similarity of the section's best sentence")
    dense_rank: int | None = None
    bm25_rank: int | None = None
    kind: Literal["section", "wages", "onet"] = Field("section", description="a guide section, an official wage "
                                                                             "table, or an O*NET occupation's data")
    url: str | None = None
    wages: dict | None = Field(None, description="for kind 'wages': occupation, area, measure, series, release")
    onet: dict | None = Field(None, description="for kind 'onet': code, title, part, release, url, attribution")

    @property
    def own_heading(self) -> str:
        """The last part of the heading path: "Deployment" of "Core Responsibilities › Deployment"."""
        return self.heading.split(PATH_SEPARATOR)[-1]

    @property
    def top_heading(self) -> str:
        """The top-level section's heading: "Core Responsibilities"."""
        return self.heading.split(PATH_SEPARATOR)[0]


class Citation(BaseModel):
    n: int
    section_id: str
    doc: str
    title: str
    heading_path: str
    source: str
    quote: str
    kind: Literal["section", "wages", "onet"] = "section"
    url: str | None = None
    wages: dict | None = None
    onet: dict | None = None


class Timings(BaseModel):
    retrieve_ms: float = 0.0
    first_token_ms: float | None = None
    total_ms: float = 0.0


class Answer(BaseModel):
    answer: str
    citations: list[Citation] = Field(default_factory=list)
    refused: bool = False
    provider: str
    model: str
    timings: Timings = Field(default_factory=Timings)
    standalone_question: str | None = None
    notice: str | None = Field(None, description="e.g. why the extractive fallback answered")
    wages: dict | None = Field(None, description="the official wage figures behind a pay answer (for charts)")
    dropped: list[str] = Field(default_factory=list, description="model lines verification removed")
    view: View | None = Field(None, description="how every surface shows it (advisor.presentation)")
    cached: bool = Field(False, description="replayed from the answer cache")
    degraded: bool = Field(False, description="made without a part that failed (the model): not cached")

    @model_validator(mode="after")
    def _presented(self) -> Answer:
        if self.view is None:
            self.view = present(self)
        return self

    def public_json(self) -> dict:
        """The JSON of ``advisor ask --json``; the API returns exactly this shape."""
        return self.model_dump(include={"answer", "citations", "refused", "provider", "model", "timings", "notice",
                                        "wages", "view", "cached"})


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=8000)


class Profile(BaseModel):
    skills: list[str] = Field(default_factory=list, max_length=50)
    years_experience: float | None = Field(None, ge=0, le=60)
    education: str | None = Field(None, max_length=200)
    location: str | None = Field(None, max_length=200)


class StreamEvent(BaseModel):
    """``sources`` (retrieved, before the model speaks), ``token``, ``citations``, then ``done``
    carrying the ``Answer`` itself, which every consumer reads as it is."""

    type: Literal["sources", "token", "citations", "done"]
    data: Answer | list | str

    def payload(self) -> object:
        """What goes on the wire: the answer's public JSON for ``done``, the data as it is otherwise."""
        return self.data.public_json() if isinstance(self.data, Answer) else self.data


def final_answer(events: Iterable[StreamEvent]) -> Answer:
    """The ``Answer`` of a stream of events (the last ``done``)."""
    answer = None
    for event in events:
        if isinstance(event.data, Answer):
            answer = event.data
    if answer is None:
        raise RuntimeError("the answer stream ended without a 'done' event")
    return answer
