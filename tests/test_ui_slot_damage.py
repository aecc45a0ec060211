"""The log-in page with a damaged key slot: it says the slot is damaged and how to get back in, with no countdown
and no failed attempt counted (issue 12, point 9)."""

import base64
import json

from tests.conftest import ADMIN, ADMIN_PASSWORD
from tests.test_ui_seat_care import log_in


def test_the_log_in_page_names_a_damaged_slot_and_starts_no_countdown(qtbot, seat_init, paths, open_window):
    seat_init[0].close()
    data = json.loads(paths.vault.read_text(encoding="utf-8"))
    slot = data["slots"][f"account:{ADMIN}"]
    raw = bytearray(base64.b64decode(slot["ciphertext"]))
    raw[-1] ^= 0x01  # one bit of the GCM tag
    slot["ciphertext"] = base64.b64encode(bytes(raw)).decode()
    paths.vault.write_text(json.dumps(data), encoding="utf-8")
    window = open_window()
    page = window.login_page

    for password in ("wrong-guess-1", "wrong-guess-2", "wrong-guess-3", "wrong-guess-4", ADMIN_PASSWORD):
        log_in(qtbot, window, ADMIN, password)
        text = page.message.text()
        assert "key slot" in text and "damaged" in text and "Forgot the admin password" in text, text
        assert "Wrong account or password" not in text
        assert page.button.isEnabled() and not page._countdown.isActive()  # no delay for a slot nobody can open
    assert window.work is None and window.seat.vault.failures(ADMIN) == 0
