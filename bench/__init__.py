"""Benchmarks for Prevent Signpost: `make bench` (python -m bench.run_all) writes docs/benchmarks.md.

Each module is a small script with a `main()`; `run_all` runs them in one go. Benchmarks print and report
figures: they never fail a build on speed. `tests/bench/test_smoke.py` runs a tiny version of each so
they cannot rot, and asserts the load test's correctness checks (nothing lost, no errors).
"""
