"""The GitHub workflow that tests, builds and publishes the site: it parses, its steps are real, and
it runs the README's commands (so what CI publishes is what a user builds)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
#: actions the workflow may use, with the major version each is pinned to
KNOWN_ACTIONS = {
    "actions/checkout": "v4",
    "actions/setup-python": "v5",
    "actions/upload-pages-artifact": "v3",
    "actions/deploy-pages": "v4",
}


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def run_lines(workflow: dict, job: str = "build") -> list[str]:
    lines = []
    for step in workflow["jobs"][job]["steps"]:
        for line in str(step.get("run", "")).splitlines():
            line = line.split(" #")[0].strip()
            if line:
                lines.append(line)
    return lines


def readme_commands() -> list[str]:
    """The commands in the README's shell blocks (comments dropped)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```(?:sh|bash|shell)\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.split("#")[0].strip()
            if line:
                commands.append(line)
    return commands


def test_runs_on_push_schedule_and_by_hand(workflow):
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    (cron,) = [s["cron"] for s in on["schedule"]]
    fields = cron.split()
    assert len(fields) == 5 and all(re.fullmatch(r"[\d*/,-]+", f) for f in fields)


def test_every_step_is_named_and_does_something(workflow):
    for step in steps(workflow):
        assert step.get("name"), step
        assert ("uses" in step) != ("run" in step), step


def test_actions_are_the_known_ones_pinned_to_a_major_version(workflow):
    used = {}
    for step in steps(workflow):
        if "uses" in step:
            name, _, version = step["uses"].partition("@")
            assert name in KNOWN_ACTIONS, f"unknown action {name}"
            assert version == KNOWN_ACTIONS[name], f"{name}@{version}: expected @{KNOWN_ACTIONS[name]}"
            used[name] = step
    assert set(used) == set(KNOWN_ACTIONS)


def test_python_matches_the_project_and_pip_is_cached(workflow):
    setup = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = re.search(r">=\s*(\d+\.\d+)", project["requires-python"]).group(1)
    assert str(setup["with"]["python-version"]) == wanted
    assert setup["with"]["cache"] == "pip"
    for path in setup["with"]["cache-dependency-path"].split():
        assert (ROOT / path).is_file(), path


def test_runs_the_readme_commands(workflow):
    commands = readme_commands()
    assert commands, "the README has no shell commands"
    lines = run_lines(workflow)
    for command in commands:
        assert command in lines, f"the workflow does not run the README's `{command}`"


def test_make_targets_exist(workflow):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    variables = dict(re.findall(r"^(\w+)\s*[?:]?=\s*(\S+)\s*$", makefile, re.M))
    expanded = re.sub(r"\$\((\w+)\)", lambda m: variables.get(m.group(1), m.group(0)), makefile)
    targets = set(re.findall(r"^([\w./-]+)\s*:(?!=)", expanded, re.M))
    for line in run_lines(workflow):
        if line.startswith("make "):
            target = line.split()[1]
            assert target in targets, f"`{line}`: no target {target!r} in the Makefile"


def test_regenerates_tests_then_builds_then_publishes(workflow):
    names = [s.get("run", s.get("uses", "")).strip() for s in workflow["jobs"]["build"]["steps"]]

    def index(prefix: str) -> int:
        return next(i for i, n in enumerate(names) if n.startswith(prefix))

    regenerate, test, site = index(".venv/bin/factsheet extract data/articles"), index("make test"), index("make site")
    upload = index("actions/upload-pages-artifact")
    assert regenerate < test < site < upload
    assert (ROOT / "data" / "articles").is_dir()


def test_publishes_the_folder_mkdocs_builds(workflow):
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    site_dir = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_dir"]
    assert upload["with"]["path"] == site_dir


def test_deploy_job_has_pages_permissions_and_waits_for_the_build(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert workflow["permissions"] == {"contents": "read"}  # nothing else gets write access


def test_jobs_have_time_limits(workflow):
    assert all(job.get("timeout-minutes") or name == "deploy" for name, job in workflow["jobs"].items())
