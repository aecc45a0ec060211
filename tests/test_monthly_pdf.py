"""The monthly report PDF: one A4 page whose Chinese comes out of `pdftotext` as the same characters."""

import errno
import os
import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest

from desktop.demo import create_demo_seat
from desktop.errors import StorageError
from desktop.reports import fonts, statistics
from desktop.reports.monthly import TOP_ROWS, write_monthly_report
from desktop.seat import Seat
from desktop.taxonomy import CONCERN_GROUPS, CONCERNS, EMOTIONS, REGIONS, load_taxonomy

CENTER = "江南市心理援助热线中心"
NOW = datetime(2025, 6, 15, 12, tzinfo=UTC)
WINDOW = (date(2025, 6, 1), date(2025, 6, 30))

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None and not os.environ.get("CI"),
    reason="pdftotext (poppler-utils) is not installed; CI installs it",
)


@pytest.fixture(scope="module")
def stats(tmp_path_factory):
    """The statistics of a small demo seat (made once: the seat is only read)."""
    import keyring

    from desktop.config import SeatPaths
    from tests.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        paths = SeatPaths(tmp_path_factory.mktemp("demo") / "seat")
        accounts = create_demo_seat(paths, calls=40, days=10, now=NOW)
        with Seat(paths).login("D-ADMIN", accounts["D-ADMIN"]) as admin:
            return statistics(admin.store, *WINDOW)
    finally:
        keyring.set_keyring(previous)


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def page_count(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def top(counts: dict[str, int]) -> str:
    return max(counts, key=lambda code: (counts[code], code))


def test_the_font_is_cid_when_forced_and_cached(monkeypatch):
    monkeypatch.setenv(fonts.ENV_FONT, "cid")
    fonts.clear_cache()
    try:
        assert fonts.register_cjk_font() == fonts.CID_FONT
        monkeypatch.delenv(fonts.ENV_FONT)
        assert fonts.register_cjk_font() == fonts.CID_FONT  # cached until cleared
    finally:
        fonts.clear_cache()


def test_a_font_without_latin_letters_or_a_postscript_collection_is_skipped(tmp_path):
    assert fonts._try_truetype(tmp_path / "missing.ttf", 0) is None
    (tmp_path / "broken.ttc").write_bytes(b"ttcf not really a font")
    assert fonts._try_truetype(tmp_path / "broken.ttc", 0) is None


@needs_poppler
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_text_comes_out_as_the_same_characters(stats, font, lang, tmp_path):
    target = tmp_path / f"monthly-{lang}.pdf"
    write_monthly_report(stats, CENTER, *WINDOW, target, lang=lang)
    text = pdf_text(target)
    taxonomy = load_taxonomy()
    assert ("热线月度统计报告" if lang == "zh" else "Monthly hotline report") in text
    assert CENTER in text
    assert "内部资料 注意保密" in text
    assert "2025-06-01" in text and "2025-06-30" in text
    assert f"{stats['calls_total']:,}" in text.split()
    assert taxonomy.label(CONCERNS, top(stats["by_concern"]), lang) in text
    assert taxonomy.label(CONCERN_GROUPS, top(stats["by_concern_group"]), lang) in text
    assert page_count(target) == 1
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


@needs_poppler
def test_long_lists_are_cut_to_the_top_rows_and_the_page_stays_one(font, tmp_path):
    taxonomy = load_taxonomy()
    concerns = taxonomy.codes(CONCERNS)
    stats = {
        "calls_total": 123456,
        "by_kind": {"counselling": 100000, "silent": 23456},
        "by_concern": {code: 1000 + i for i, code in enumerate(concerns)},
        "by_concern_group": {code: 10 + i for i, code in enumerate(taxonomy.codes(CONCERN_GROUPS))},
        "by_emotion": {code: 5 + i for i, code in enumerate(taxonomy.codes(EMOTIONS))},
        "by_age_band": {"18_24": 3, "unknown": 9, "60_plus": 1},
        "by_gender": {"female": 3, "unknown": 9},
        "by_region": {code: 1 for code in taxonomy.codes(REGIONS)},
        "by_risk_level": {"none": 100, "imminent": 2, "mystery": 1},
        "crisis_actions": {"police_110": 4},
        "referrals_by_kind": {"other": 1, "from_another_center": 2},
        "talk_time_s": {"total": 9_000_000, "mean": 600.5, "median": 540, "p90": 1500},
    }
    target = tmp_path / "big.pdf"
    write_monthly_report(stats, CENTER * 3, *WINDOW, target)
    text = pdf_text(target)
    assert page_count(target) == 1
    assert "123,456" in text and "150,000" in text  # calls; talk time in minutes
    assert taxonomy.label(CONCERNS, concerns[-1], "zh") in text  # the most frequent is shown
    assert taxonomy.label(CONCERNS, concerns[0], "zh") not in text  # the least is summed into "other"
    assert f"其他 {len(concerns) - TOP_ROWS + 1} 项" in text
    assert "from_another_center" in text and "mystery" in text  # unknown codes are shown as themselves


@needs_poppler
def test_an_empty_month_still_makes_a_report(font, tmp_path):
    target = tmp_path / "empty.pdf"
    write_monthly_report({"calls_total": 0, "by_hour": [0] * 24}, CENTER, *WINDOW, target, lang="en")
    assert page_count(target) == 1
    assert "None" in pdf_text(target)


def test_a_folder_that_refuses_the_write_raises_storage_error_and_leaves_nothing(stats, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(StorageError, match="cannot be written"):
        write_monthly_report(stats, CENTER, *WINDOW, tmp_path / "monthly.pdf")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_raises_storage_error(stats, tmp_path):
    with pytest.raises(StorageError):
        write_monthly_report(stats, CENTER, *WINDOW, tmp_path / "no such folder" / "monthly.pdf")
