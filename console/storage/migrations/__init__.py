"""Alembic migrations of the LiveDesk database."""
