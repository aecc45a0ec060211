"""Fixtures of the window's tests of the centre's line (issue 16) that need no PostgreSQL: a seat with a lead and
two counselors, log-in by keyboard, and `line`, the stand-in for `desktop.center.line` (tests/fake_line.py)."""

import pytest

from PySide6.QtCore import Qt

from desktop.accounts import AccountService
from desktop.seat import Seat
from tests.fake_line import FakeLine
from ui import center_line

PASSWORDS = {"A001": "admin-pass-1", "L001": "lead-pass-1", "C001": "counselor-1", "C002": "counselor-2"}


@pytest.fixture(name="lead_seat")
def lead_seat_fixture(seat_init, paths):
    session, _ = seat_init
    accounts = AccountService(session)
    accounts.add("L001", "班长 李", "lead", PASSWORDS["L001"])
    accounts.add("C001", "咨询员 王", "counselor", PASSWORDS["C001"])
    accounts.add("C002", "咨询员 张", "counselor", PASSWORDS["C002"])
    session.close()
    return Seat(paths)


@pytest.fixture(name="line")
def line_fixture(monkeypatch):
    fake = FakeLine()
    monkeypatch.setattr(center_line, "core", lambda: fake)
    return fake


def log_in(qtbot, window, code):
    page = window.login_page
    page.account.setCurrentIndex(page.account.findData(code))
    qtbot.keyClicks(page.password, PASSWORDS[code])
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.work is not None)
