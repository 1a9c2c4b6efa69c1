"""Benchmarks of the course book (not tests: timings depend on the machine). See bench/README.md."""
