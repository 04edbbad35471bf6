"""track2 tests."""
