"""Model files that ship with the package (see docs/models.md for how each was trained)."""
