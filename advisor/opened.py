"""Data files opened and verified once per process, by key (their folder).

Opening the official data checks hashes or reads whole files, so it happens once; a failure is not
remembered, so that installing or repairing the files fixes the next call without a restart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class OpenedOnce(Generic[T]):
    def __init__(self) -> None:
        self._opened: dict[Hashable, T] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, open_: Callable[[], T]) -> T:
        with self._lock:
            if key not in self._opened:
                self._opened[key] = open_()
            return self._opened[key]
