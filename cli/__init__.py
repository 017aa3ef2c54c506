"""The ``rag`` command line: thin commands over the library, errors converted at the edge."""

from cli.main import main

__all__ = ["main"]
