"""The window refuses a seat whose vault is older than recorded: the log-in page says so in the window's
language, names what was found and points to the way out; nobody gets in."""

import shutil

import pytest

from PySide6.QtCore import Qt

from desktop.accounts import AccountService
from desktop.seat import Seat
from tests.conftest import ADMIN, ADMIN_PASSWORD
from ui.i18n import install_translators


@pytest.fixture
def chinese(qapp):
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def test_the_log_in_page_refuses_an_older_vault_and_says_what_to_do(
    qtbot, chinese, seat_init, paths, open_window, tmp_path
):
    session, _ = seat_init
    session.close()
    shutil.copy2(paths.vault, tmp_path / "old.vault")
    with Seat(paths).login(ADMIN, ADMIN_PASSWORD) as admin:
        AccountService(admin).set_password(ADMIN, "rotated-pass-2")
    shutil.copy2(tmp_path / "old.vault", paths.vault)

    window = open_window()
    page = window.login_page
    page.account.setCurrentIndex(page.account.findData(ADMIN))
    qtbot.keyClicks(page.password, ADMIN_PASSWORD)  # the password rotated away, which the old vault still takes
    qtbot.keyClick(page.password, Qt.Key.Key_Return)

    text = page.message.text()
    assert "任何人都无法登录" in text and "从备份恢复" in text and "accept-state" in text
    assert "older vault:" in text
    assert window.session is None and page.restore_button.isVisible()
