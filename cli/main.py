"""``rag``: the command group with every command module's commands registered."""

from __future__ import annotations

from cli import ask, library, serve, translate
from cli.base import cli

COMMANDS = (ask, library, serve, translate)  # imported for the commands they register


def main() -> None:
    cli(prog_name="rag")
