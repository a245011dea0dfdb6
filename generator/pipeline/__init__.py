"""Extraction runs: which articles need extracting, where they run, and the spaCy pipeline.

- :mod:`.run`: articles in, one sheet per article out; incremental, curated, resumable.
- :mod:`.backends`: in this process, in a pool of processes, or on a Dask cluster.
- :mod:`.nlp`: loading the spaCy pipeline, once per process.
"""
