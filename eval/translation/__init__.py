"""Measurement of checked machine translation against hand-made references.

``python -m eval.translation --help``. See README.md in this folder.
"""
