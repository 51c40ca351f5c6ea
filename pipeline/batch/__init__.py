"""Batch conversion of whole archives into a partitioned dataset (`iku batch`).

Modules, in the order a batch uses them:

- inputs.py     expand files, folders, globs and zip / tar archives (read safely) into entries
- manifest.py   DATASET/manifest.parquet: one row per input, folded from an append-only log
- dataset.py    the dataset layout, its versioned schema, atomic per-document writes, reconciliation
- worker.py     the child process that converts one document at a time
- sandbox.py    one isolated worker: memory limit, time limit, crash detection, respawn
- executors.py  the local process pool and the Ray executor
- progress.py   rich progress bar, plain line logs or JSON lines, and the final summary
- run.py        the batch itself: skip what is done, dispatch, retry, record
- command.py    the `iku batch` command line
"""
