"""Benchmarks: a synthetic policy-repository generator and ``bench/run.py``."""
