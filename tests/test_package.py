"""The installed package, not only the source tree: a wheel carries its templates and schema."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                          "-w", str(out), str(ROOT)], capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr
    (found,) = out.glob("factsheet-*.whl")
    return found


def test_wheel_holds_every_template_and_the_schema(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    folder = ROOT / "generator" / "render" / "templates"
    templates = sorted(p.relative_to(ROOT).as_posix() for p in folder.glob("*.j2"))
    assert templates
    for t in templates:
        assert t in names, f"{t} is missing from the wheel"
    assert "generator/sheets/schema/factsheet.schema.json" in names
    modules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*.py"))
    missing = [m for m in modules if m not in names]
    assert not missing, f"modules missing from the wheel (add their package to pyproject.toml): {missing}"


def test_console_script_is_declared(wheel):
    z = zipfile.ZipFile(wheel)
    (ep,) = [n for n in z.namelist() if n.endswith("entry_points.txt")]
    assert "factsheet = generator.cli:main" in z.read(ep).decode()
