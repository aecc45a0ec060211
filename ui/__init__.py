"""The PySide6 presentation. Views ask services in `desktop`; they never touch the store."""
