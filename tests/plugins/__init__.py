"""Test-only plugins of the product (pipeline/plugins.py), importable as `plugins.NAME` with tests/ on the path."""
