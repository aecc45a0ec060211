"""Keyring backends for tests (STYLE.md point 6): in memory, or in a file for subprocess tests."""

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    # Priority 0: keyring's own detection and its chainer skip it, so a real run never picks a test
    # keyring by accident; tests choose it with keyring.set_keyring or PYTHON_KEYRING_BACKEND.
    priority = 0

    def __init__(self):
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class FileKeyring(MemoryKeyring):
    """For subprocess tests: a keyring that lasts between processes, kept in the JSON file named by
    $HOTLINE_TEST_KEYRING_FILE (a test stand-in for one computer's keyring; never used by the program)."""

    def _path(self):
        return Path(os.environ["HOTLINE_TEST_KEYRING_FILE"])

    def _load(self) -> dict:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service, username):
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service, username, password):
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service, username):
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self._path().write_text(json.dumps(data))
