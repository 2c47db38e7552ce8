//! jplan's integration tests, linked into one test binary (the dictionary
//! makes every test binary slow to link).

mod util;

mod accuracy;
mod bad_input;
mod batch;
mod cli;
mod encoding;
mod eval;
mod golden;
mod overlap;
mod readme;
mod report;
mod soak;
mod synonyms;
mod text;
