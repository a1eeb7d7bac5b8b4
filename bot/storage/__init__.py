"""State stores implementing the Bot Framework `Storage` interface (SQLite by default)."""
