"""Opening the glossary database for the ``avet glossary`` sub-commands."""

from __future__ import annotations

from glossary import NotFoundError
from glossary.store import Store
from toolkit.config import Config

__all__ = ["existing_store"]


def existing_store(config: Config, *, read_only: bool = False) -> Store:
    """Opens the configured database for a command that must not create it.

    Args:
        config: The CLI configuration (its ``db`` and ``actor``).
        read_only: The command only reads: the database is opened without writing
            to it (no WAL switch, no migration where it cannot be written), so it
            can be read on a read-only file system.

    Returns:
        The open store (use it as a context manager).

    Raises:
        NotFoundError: If ``config.db`` is not a file.
    """
    if not config.db.is_file():
        raise NotFoundError("no glossary database", path=config.db,
                            hint="create it with 'avet glossary import' or 'avet extract', "
                                 "or pass --db")
    return Store(config.db, actor=config.actor, read_only=read_only)
