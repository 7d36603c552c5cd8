"""The README is a manual: its commands, settings and files must exist as written."""

import re
import shlex

from advisor.cli import build_parser
from advisor.settings import PROJECT_ROOT, Settings

README = (PROJECT_ROOT / "README.md").read_text()


def test_two_commands_exist_and_ci_calls_the_test_command():
    assert "scripts/run" in README and "scripts/test" in README
    for script in ("scripts/run", "scripts/test", ".ci/run"):
        assert (PROJECT_ROOT / script).stat().st_mode & 0o111, script
    assert "scripts/test" in (PROJECT_ROOT / ".ci/run").read_text()


def test_every_advisor_command_line_parses():
    lines = [line.split("#")[0].strip() for line in README.splitlines() if line.strip().startswith("advisor ")]
    assert len(lines) >= 5
    for line in lines:
        build_parser().parse_args(shlex.split(line)[1:])


def test_documented_settings_exist():
    names = {n for n in re.findall(r"`ADVISOR_([A-Z0-9_]+)`", README) if not n.endswith("_")}
    fields = {f.upper() for f in Settings.model_fields}
    assert names and names <= fields, names - fields
    undocumented = {f for f in fields if f"ADVISOR_{f}" not in README and f not in ("EMBEDDING_BATCH_SIZE", "MODEL_SHA256", "REQUEST_TIMEOUT")}
    assert not undocumented, undocumented


def test_referenced_files_exist():
    for path in re.findall(r"(?:examples|docs|knowledge|evals)/[\w./-]+\.(?:jsonl|json|png|html|md)\b", README):
        assert (PROJECT_ROOT / path).exists(), path
