"""The ``avet`` command line; see :mod:`toolkit.cli.main`."""
