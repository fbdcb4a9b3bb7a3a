"""Opening the glossary database for the ``avet glossary`` sub-commands."""

from __future__ import annotations

from glossary import NotFoundError
from glossary.store import Store
from toolkit.config import Config

__all__ = ["existing_store"]


def existing_store(config: Config) -> Store:
    """Opens the configured database for a command that must not create it.

    Args:
        config: The CLI configuration (its ``db`` and ``actor``).

    Returns:
        The open store (use it as a context manager).

    Raises:
        NotFoundError: If ``config.db`` is not a file.
    """
    if not config.db.is_file():
        raise NotFoundError("no glossary database", path=config.db,
                            hint="create it with 'avet glossary import' or 'avet extract', "
                                 "or pass --db")
    return Store(config.db, actor=config.actor)
