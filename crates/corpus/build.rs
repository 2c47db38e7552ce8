//! Embeds the digests of everything that shapes a record besides the
//! document (jplan's code and dictionaries, see `src/fingerprint/tree.rs`)
//! as `JPLAN_CODE_DIGEST` and `JPLAN_DICTIONARIES_DIGEST`. Cargo reruns this
//! script when any file under those paths changes (a folder given to
//! `rerun-if-changed` is scanned whole), so a rebuilt jplan always carries
//! the digest of the sources it was built from.

use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/fingerprint/tree.rs"]
mod tree;

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest.join("../..");
    for input in tree::CODE_INPUTS.iter().chain(tree::DATA_INPUTS) {
        println!("cargo::rerun-if-changed={}", root.join(input).display());
    }
    let code = tree::digest(&root, tree::CODE_INPUTS)
        .unwrap_or_else(|e| panic!("cannot hash jplan's sources: {e}"));
    let dictionaries = tree::digest(&root, tree::DATA_INPUTS)
        .unwrap_or_else(|e| panic!("cannot hash dictionaries/: {e}"));
    println!("cargo::rustc-env=JPLAN_CODE_DIGEST={code}");
    println!("cargo::rustc-env=JPLAN_DICTIONARIES_DIGEST={dictionaries}");
}
