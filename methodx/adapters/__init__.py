"""Adapters: methodx from the command line, in spaCy pipelines, over batches and on Dask."""
