//! 和暦 (令和, 平成, 昭和, R, H) to Gregorian years. Filled in by issue #3.
