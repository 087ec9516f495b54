"""Conformance runner for Agora token generators: vectors, testees, comparison, reports."""

__version__ = "0.1.0"
