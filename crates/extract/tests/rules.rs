//! The extraction rules' integration tests, linked into one binary.

mod deep_and_long;
mod invariants;
