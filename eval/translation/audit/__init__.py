"""Audits of the shown machine translations: drawn with a fixed seed, judged by reading."""
