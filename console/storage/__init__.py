"""Storage: SQLAlchemy models, the database engine with migrations, and the single writer thread."""
