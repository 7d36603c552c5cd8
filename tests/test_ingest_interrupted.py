"""An ingest killed half-way leaves the previous index answering; the next run completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from advisor.chain import Advisor
from advisor.providers.extractive import ExtractiveProvider
from advisor.settings import Settings
from ingest.indexer import ingest
from tests.conftest import GUIDE

COPIES = 6


def test_killed_ingest_keeps_the_old_index_and_a_rerun_completes(settings: Settings):
    first = ingest(settings)
    for n in range(COPIES):
        text = GUIDE.read_text().replace("Neural Network Engineer", f"Model Builder {n}")
        (settings.knowledge_dir / f"model-builder-{n}.md").write_text(text)

    env = {**os.environ, "ADVISOR_DATA_DIR": str(settings.data_dir), "ADVISOR_KNOWLEDGE_DIR": str(settings.knowledge_dir)}
    proc = subprocess.Popen([sys.executable, "-m", "advisor", "-v", "ingest", "--quiet"], env=env,
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    written = 0
    deadline = time.monotonic() + 300
    for line in proc.stderr:  # INFO ingest.indexer: wrote 128 of 1032 chunks
        if "wrote" in line and " of " in line:
            written = int(line.split("wrote")[1].split()[0])
            if written >= 128:
                break
        assert time.monotonic() < deadline, "ingest never reported progress"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    assert 0 < written < COPIES * first.added, "the kill must land mid-run"

    answer = Advisor(settings, provider=ExtractiveProvider()).ask("What does an entry-level neural network engineer earn?")
    assert answer.citations[0].section_id == "neural-network-engineer#salary-ranges/entry-level"

    rerun = ingest(settings)
    assert rerun.ok and rerun.deleted == 0
    assert rerun.added + rerun.unchanged == first.added * (COPIES + 1)
    assert rerun.unchanged >= first.added + written  # what the killed run wrote is kept, not redone
    assert ingest(settings).unchanged == first.added * (COPIES + 1)
