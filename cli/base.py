"""The command group, the shared options and the conversion of library errors; each
command module adds its commands to the group (``cli.main`` imports them all).

Each command parses its arguments, calls the library, and turns a user's mistake into
one line on stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import ValidationError

from ingest.base import IngestError
from rag.base import QuestionError
from rag.config import Settings, SettingsError
from rag.translate.base import TranslateError

USER_ERRORS = (IngestError, QuestionError, SettingsError, TranslateError)
F = TypeVar("F", bound=Callable[..., Any])


def settings_from(ctx: click.Context, **overrides: Any) -> Settings:
    """The context's settings with this command's flags applied."""
    base: Settings = ctx.obj
    changes = {k: v for k, v in overrides.items() if v is not None}
    return base.model_copy(update=changes) if changes else base


def bad_setting(err: ValidationError) -> click.ClickException:
    first = err.errors()[0]
    where = ".".join(str(x) for x in first["loc"]) or "settings"
    return click.ClickException(f"bad setting {where}: {first['msg']}")


def friendly(fn: F) -> F:
    """Turn library errors into ``Error: …`` and exit code 1, never a traceback."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except USER_ERRORS as err:
            raise click.ClickException(str(err)) from None
        except ValidationError as err:
            raise bad_setting(err) from None

    return wrapper  # type: ignore[return-value]


store_option = click.option("--store", "store_dir", type=click.Path(path_type=Path),
                            help="Chroma store directory (default: RAG_STORE_DIR).")


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Citation-grounded Q&A over UN documents."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for noisy in ("chromadb", "httpx", "jieba", "sentence_transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING if verbose else logging.ERROR)
    try:
        ctx.obj = Settings()
    except ValidationError as err:
        raise bad_setting(err) from None
