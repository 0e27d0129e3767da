"""Scaling analysis beyond one process: `according.scale.dask` (extra: according[dask]) runs it on a Dask cluster."""
