"""SQLCipher storage: connection, schema migrations, repositories. Only `desktop` imports this."""

from desktop.store.connection import key_to_hex
from desktop.store.schema import LATEST_VERSION, MIGRATIONS, Migration
from desktop.store.store import Store, migrate, open_store

__all__ = ["LATEST_VERSION", "MIGRATIONS", "Migration", "Store", "key_to_hex", "migrate", "open_store"]
