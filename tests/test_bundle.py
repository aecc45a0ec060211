"""The start-up check of the shipped files (desktop/bundle.py, main.py) and resource_path() frozen and
unfrozen, without a build; tests/test_packaging.py checks the same on the frozen program."""

import shutil
import sys

import pytest

import main
from desktop import bundle, resources


def test_resource_path_from_source_and_frozen(monkeypatch, tmp_path):
    assert resources.resource_path("taxonomy/taxonomy.json").is_file()
    assert resources.resource_path("pyproject.toml", root=True).is_file()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert resources.resource_path("risk/rules.json") == tmp_path / "_internal" / "resources" / "risk" / "rules.json"
    monkeypatch.delattr(sys, "_MEIPASS")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "hotline-log"))
    assert resources.app_root() == tmp_path.resolve()


@pytest.fixture
def shipped(monkeypatch, tmp_path):
    """A copy of resources/ that check_bundle() reads instead of the real one."""
    folder = tmp_path / "resources"
    shutil.copytree(resources.resource_path(""), folder)
    monkeypatch.setattr(bundle, "resource_path", lambda relative: folder / relative)
    return folder


def test_the_shipped_files_pass(shipped):
    bundle.check_bundle()


@pytest.mark.parametrize("relative", bundle.REQUIRED)
def test_a_missing_file_is_named_in_one_line_and_exit_1(shipped, capsys, relative):
    (shipped / relative).unlink()
    assert main.main(["--version"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"The program file {shipped / relative} is missing." in err


def test_a_damaged_translation_is_named(shipped, capsys):
    (shipped / bundle.QM_FILE).write_bytes(b"<TS>not compiled</TS>")
    assert main.main(["verify"]) == 1
    assert f"The translation file {shipped / bundle.QM_FILE} is damaged." in capsys.readouterr().err
