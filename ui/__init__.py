"""PySide6 user interface: the only Qt layer."""
