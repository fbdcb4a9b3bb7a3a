"""The ``avet`` command line.

Each command lives in its own module of this package and exposes
``register(subparsers, common)``, which adds its sub-parser and sets
``func=handler``. A handler takes ``(args, config)`` and returns an exit code.
Library errors are turned into one-line messages here and nowhere else.
"""

from __future__ import annotations

import argparse
import codecs
import importlib
import logging
import sys
import traceback
from collections.abc import Sequence

from glossary.errors import AvetError
from models.errors import ModelError
from toolkit.config import load_config

__all__ = ["main"]

#: Command modules, in the order ``avet --help`` lists them.
COMMAND_MODULES = [
    "toolkit.cli.demo_cmd",
    "toolkit.cli.glossary_cmd",
    "toolkit.cli.extract_cmd",
    "toolkit.cli.models_cmd",
    "toolkit.cli.translate_cmd",
    "toolkit.cli.transliterate_cmd",
    "toolkit.cli.postedit_cmd",
    "toolkit.cli.eval_cmd",
    "toolkit.cli.review_cmd",
    "toolkit.cli.batch_cmd",
]

EXIT_OK, EXIT_INTERNAL, EXIT_USER = 0, 1, 2
#: The codec error handler :func:`_tolerant_streams` gives stdout and stderr.
_ESCAPE = "avet.escape"


class _Parser(argparse.ArgumentParser):
    """Argument parser whose usage errors are one line and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"avet: error: {message} (see '{self.prog} --help')\n")
        raise SystemExit(EXIT_USER)


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="glossary database (default: ./avet.db or avet.toml's db)")
    common.add_argument("--config", help="TOML config file (default: ./avet.toml if present)")
    common.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    return common


def _escape(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each character the encoding cannot hold becomes a JSON
    escape (``\\u0647``; a surrogate pair beyond the BMP), so that ``--json`` lines
    stay valid JSON and plain text stays readable."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start:error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


def _tolerant_streams() -> None:
    """Lets stdout and stderr print what their encoding cannot hold.

    A terminal or pipe that is not UTF-8 (``PYTHONIOENCODING=latin-1``, an ASCII
    locale) cannot encode Arabic or Vietnamese: such characters are printed as
    ``\\u0647`` escapes (:func:`_escape`) instead of ending the command with a
    traceback. A UTF-8 stream with a lenient handler keeps it. Files avet writes
    are UTF-8 whatever the streams.
    """
    codecs.register_error(_ESCAPE, _escape)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = str(getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if reconfigure is None or (encoding in ("utf-8", "utf8")
                                   and getattr(stream, "errors", "strict") != "strict"):
            continue
        reconfigure(errors=_ESCAPE)


def build_parser() -> argparse.ArgumentParser:
    """Builds the full ``avet`` parser from :data:`COMMAND_MODULES`."""
    parser = _Parser(
        prog="avet",
        description="Offline Arabic-Vietnamese-English translation and terminology toolkit.",
    )
    from toolkit import __version__

    parser.add_argument("--version", action="version", version=f"avet {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    common = _common_options()
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the CLI.

    Args:
        argv: Arguments without the program name; ``None`` reads ``sys.argv``.

    Returns:
        0 on success, 2 for a user error, 1 for an internal error.
    """
    _tolerant_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
        format="avet: %(message)s",
        stream=sys.stderr,
    )
    try:
        config = load_config(getattr(args, "config", None))
        config = config.with_overrides(db=getattr(args, "db", None))
        return int(args.func(args, config) or EXIT_OK)
    except (AvetError, ModelError) as exc:
        sys.stderr.write(f"avet: error: {exc}\n")
        return int(getattr(exc, "exit_code", EXIT_USER))
    except KeyboardInterrupt:
        sys.stderr.write("avet: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        sys.stderr.write(f"avet: internal error: {exc!r} (please report it with the trace above)\n")
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
