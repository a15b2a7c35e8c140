"""Benchmarks: synthetic corpora (``corpus``) and timed runs of each stage (``ingest``, ...)."""
