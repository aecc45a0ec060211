"""Both keyring paths for real: a running Secret Service (gnome-keyring, started by .ci/run under
dbus-run-session) and no keyring backend at all."""

import contextlib
import os

import keyring
import pytest

from desktop.errors import KeyringError
from desktop.seat import Seat
from desktop.vault import device, keyring_status
from tests.conftest import ADMIN, ADMIN_PASSWORD, run_cli

REQUIRED = os.environ.get("HOTLINE_REQUIRE_SECRET_SERVICE") == "1"


@pytest.fixture
def secret_service():
    keyring.set_keyring(keyring.core.load_env() or keyring.core._detect_backend())
    status = keyring_status()
    if "SecretService" not in status.backend or not status.usable:
        if REQUIRED:
            pytest.fail(f"a Secret Service keyring was required but the backend is {status.backend}")
        pytest.skip("no Secret Service here; .ci/run starts gnome-keyring under dbus-run-session")
    return status


@pytest.mark.secret_service
def test_seat_binds_to_the_real_secret_service(secret_service, paths):
    session, code = Seat.init(paths, "真钥匙串", ADMIN, "管理员", ADMIN_PASSWORD)
    seat_id = session.seat.vault.seat_id
    session.close()
    try:
        assert Seat(paths).vault.device_bound
        assert device.read_device_secret(seat_id) is not None
        Seat(paths).login(ADMIN, ADMIN_PASSWORD).close()

        keyring.delete_password(device.SERVICE, f"device-secret:{seat_id}")
        with pytest.raises(KeyringError, match="holds no device secret"):
            Seat(paths).login(ADMIN, ADMIN_PASSWORD)
        Seat(paths).login_recovery(code).close()
    finally:
        for name in (f"device-secret:{seat_id}", f"anchor:{seat_id}"):
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                keyring.delete_password(device.SERVICE, name)


@pytest.mark.secret_service
@pytest.mark.slow
def test_verify_reports_the_secret_service_mode(secret_service, tmp_path):
    env = {"HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD}
    init = run_cli("init", "--seat", "真钥匙串", "--admin", ADMIN, home=tmp_path, env=env, keyring_backend="")
    assert init.returncode == 0, init.stderr
    verify = run_cli("verify", home=tmp_path, env={"HOTLINE_LOG_USER": ADMIN, **env}, keyring_backend="")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "system keyring (keyring.backends.SecretService.Keyring)" in verify.stdout
    assert "device secret: present and matching" in verify.stdout


@pytest.mark.slow
def test_with_no_keyring_backend_at_all_the_seat_runs_and_says_so(tmp_path):
    env = {"HOTLINE_LOG_PASSWORD": ADMIN_PASSWORD, "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}
    init = run_cli("init", "--seat", "无钥匙串", "--admin", ADMIN, home=tmp_path, env=env, keyring_backend="")
    assert init.returncode == 0, init.stderr
    assert "no device secret" in init.stdout
    verify = run_cli("verify", home=tmp_path, env={"HOTLINE_LOG_USER": ADMIN, **env}, keyring_backend="")
    assert verify.returncode == 0 and "keyring mode: no device secret" in verify.stdout
    refused = run_cli(
        "require-keyring", "on", home=tmp_path, env={"HOTLINE_LOG_USER": ADMIN, **env}, keyring_backend=""
    )
    assert refused.returncode == 1 and "cannot be required" in refused.stderr
