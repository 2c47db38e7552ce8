//! Benchmark support (see the binaries).
