"""LiveDesk core: the event schema, live show, storage and platform connectors. No Qt here."""

__version__ = "0.1.0"
