"""pre-commit: the hooks manifest other repositories use, and this repository's local hooks, run for real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import GitProject
from tests.paths import ROOT

BIN = Path(sys.executable).parent
PRE_COMMIT = str(BIN / "pre-commit")
HOOK_KEYS = ("entry", "files", "pass_filenames")


def pre_commit(project: GitProject, *args: str) -> tuple[int, str]:
    """Run pre-commit in ``project`` with this venv first on PATH (language: system hooks use it)."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
           "PRE_COMMIT_HOME": str(project.root.parent / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    result = subprocess.run([PRE_COMMIT, *args], cwd=project.root, env=env, capture_output=True, text=True,
                            check=False)
    return result.returncode, result.stdout + result.stderr


def hooks(path: Path) -> dict[str, dict[str, Any]]:
    """The hooks of a manifest (a list) or of a config's local repository, by id."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    listed = document if isinstance(document, list) else document["repos"][0]["hooks"]
    return {hook["id"]: hook for hook in listed}


def line(name: str, result: str) -> str:
    """One line of pre-commit's report: the hook name padded with dots to 79 columns."""
    return f"{name}{'.' * (79 - len(name) - len(result))}{result}"


@pytest.fixture
def committed(git_project: GitProject) -> GitProject:
    """The example project with this repository's pre-commit config, committed."""
    shutil.copy2(ROOT / ".pre-commit-config.yaml", git_project.root / ".pre-commit-config.yaml")
    git_project.commit({}, "Example policies", "2026-02-20")
    return git_project


def test_manifest_and_config_are_valid() -> None:
    """pre-commit accepts the hooks manifest and this repository's config."""
    manifest = subprocess.run([PRE_COMMIT, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")])
    config = subprocess.run([PRE_COMMIT, "validate-config", str(ROOT / ".pre-commit-config.yaml")])
    assert (manifest.returncode, config.returncode) == (0, 0)


def test_manifest_hooks_run_what_the_local_hooks_run() -> None:
    """Other repositories get the same commands as this one; only the language differs."""
    manifest, local = hooks(ROOT / ".pre-commit-hooks.yaml"), hooks(ROOT / ".pre-commit-config.yaml")
    assert ([(hook["id"], hook["language"]) for hook in manifest.values()],
            {key: [hook[k] for k in HOOK_KEYS] for key, hook in manifest.items()},
            [(hook["id"], hook["language"]) for hook in local.values()]) == (
        [("redline-check", "python"), ("redline-catalogs", "python")],
        {key: [local[key][k] for k in HOOK_KEYS] for key in manifest},
        [("redline-check", "system"), ("redline-catalogs", "system"), ("check-yaml", "system")],
    )


def test_all_hooks_pass_on_the_example(committed: GitProject) -> None:
    """On the committed example every hook passes and no file is touched."""
    expected = [line("redline check", "Passed"),
                line("catalogs up to date (redline i18n update --check)", "Passed"),
                line("YAML syntax", "Passed")]
    assert (pre_commit(committed, "run", "--all-files"), committed.git("status", "--porcelain")) == (
        (0, "\n".join(expected) + "\n"), "")


def test_check_hooks_pass_on_the_example(committed: GitProject) -> None:
    """redline check and the YAML syntax hook pass on the committed example."""
    assert (pre_commit(committed, "run", "redline-check", "--all-files"),
            pre_commit(committed, "run", "check-yaml", "--all-files")) == (
        (0, line("redline check", "Passed") + "\n"), (0, line("YAML syntax", "Passed") + "\n"))


def test_hooks_stop_a_broken_data_file(committed: GitProject) -> None:
    """A YAML syntax error in a data file fails the YAML hook and redline check, naming the file."""
    committed.write({"policies/_data/limits.yml": "change_notice: [P30D\n"})
    committed.git("add", "-A")
    code, output = pre_commit(committed, "run", "check-yaml")
    assert (code, output.splitlines()[:4]) == (1, [
        line("YAML syntax", "Failed"), "- hook id: check-yaml", "- exit code: 1", ""])
    assert pre_commit(committed, "run", "redline-check")[0] == 1


def test_catalog_hook_stops_a_stale_catalog(committed: GitProject) -> None:
    """A new English sentence without `redline i18n update` fails the catalogs hook."""
    privacy = committed.read("policies/security.md")
    committed.write({"policies/security.md": privacy + "\nWe review these measures every year.\n"})
    committed.git("add", "-A")
    code, output = pre_commit(committed, "run", "redline-catalogs")
    assert (code, output.splitlines()[:3]) == (1, [
        line("catalogs up to date (redline i18n update --check)", "Failed"),
        "- hook id: redline-catalogs", "- exit code: 1"])
