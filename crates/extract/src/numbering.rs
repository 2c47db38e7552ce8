//! Numbering styles (`1-1`, `(1)`, `①`, `【1】`, `Ⅰ`, `第1章`, …) read as numbers.
//! Filled in by issue #4.
