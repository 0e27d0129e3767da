"""Reproducible training of the models we ship (needs the `train` extra: scikit-learn)."""
