"""The README's first command starts in a second once installed: pip runs only for a new environment or a
changed pyproject.toml (it ran at every start, 16 s instead of 0.9 s)."""

import os
import shutil
import stat
import subprocess

from tests.conftest import ROOT

FAKE_PYTHON = """#!/usr/bin/env bash
echo "$*" >> "$(dirname "$0")/../../calls.log"
"""


def make_checkout(tmp_path):
    repo = tmp_path / "checkout"
    (repo / "packaging").mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "run-from-source.sh", repo / "packaging")
    (repo / "pyproject.toml").write_text('[project]\nname = "hotline-log"\n', encoding="utf-8")
    python = repo / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_PYTHON, encoding="utf-8")
    python.chmod(python.stat().st_mode | stat.S_IEXEC)
    tools = tmp_path / "tools"  # every Debian package counts as installed: the test never runs apt-get
    tools.mkdir()
    (tools / "dpkg-query").write_text("#!/bin/sh\necho 'install ok installed'\n", encoding="utf-8")
    (tools / "dpkg-query").chmod(0o755)
    return repo, dict(os.environ, PATH=f"{tools}:{os.environ['PATH']}")


def starts(repo, env) -> list[str]:
    subprocess.run(["bash", str(repo / "packaging" / "run-from-source.sh")], env=env, check=True, timeout=60)
    return (repo / "calls.log").read_text(encoding="utf-8").splitlines()


def test_pip_runs_only_when_the_environment_is_new_or_pyproject_changed(tmp_path):
    repo, env = make_checkout(tmp_path)
    first = starts(repo, env)
    assert [line for line in first if "pip install" in line] and first[-1] == "main.py"
    second = starts(repo, env)[len(first) :]
    assert second == ["main.py"]  # no pip: straight to the program
    with (repo / "pyproject.toml").open("a", encoding="utf-8") as toml:
        toml.write('version = "0.2.0"\n')
    third = starts(repo, env)[len(first) + len(second) :]
    assert any("pip install" in line for line in third) and third[-1] == "main.py"
