"""``rag``: the command group with every command module's commands registered."""

from __future__ import annotations

from cli import ask, compare, fetch, library, serve, translate
from cli.base import cli

# imported for the commands they register
COMMANDS = (ask, compare, fetch, library, serve, translate)


def main() -> None:
    cli(prog_name="rag")
