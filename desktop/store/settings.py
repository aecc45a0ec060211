"""Seat settings kept inside the encrypted database (those needed before unlocking live in QSettings)."""

from desktop.store.store import Store


class SettingsRepo:
    def __init__(self, store: Store):
        self._store = store

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self._store.one("SELECT value FROM setting WHERE key = ?", (key,))
        return row[0] if row else default

    def set(self, key: str, value: str) -> None:
        with self._store.transaction():
            self._store.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def all(self) -> dict[str, str]:
        return dict(self._store.rows("SELECT key, value FROM setting ORDER BY key"))
