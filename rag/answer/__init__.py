"""Answers kept as data (claims, citations, message keys) until a renderer shows them."""
