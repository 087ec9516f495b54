"""Fake testee programs that misbehave on purpose, for the runner's robustness tests."""
