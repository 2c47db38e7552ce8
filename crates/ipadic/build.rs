//! Builds the IPADIC system dictionary from the vendored mecab-ipadic
//! sources, without any network access.
//!
//! The lindera crates that embed IPADIC download it at build time; this
//! workspace must build offline, so the sources travel with the repository
//! as `dictionaries/ipadic/mecab-ipadic-2.7.0-20070801.tar.xz` and are
//! unpacked and compiled here into `OUT_DIR`.

use std::fs::{self, File};
use std::io::{BufReader, Cursor};
use std::path::{Path, PathBuf};

use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::metadata::Metadata;

const ARCHIVE: &str = "mecab-ipadic-2.7.0-20070801.tar.xz";
const SOURCE_DIR: &str = "mecab-ipadic-2.7.0-20070801";

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let dict_dir = manifest.join("../../dictionaries/ipadic");
    let archive = dict_dir.join(ARCHIVE);
    let metadata_path = dict_dir.join("metadata.json");
    println!("cargo::rerun-if-changed={}", archive.display());
    println!("cargo::rerun-if-changed={}", metadata_path.display());

    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    println!("cargo::rustc-env=LINDERA_WORKDIR={}", out.display());

    let built = out.join("ipadic");
    let stamp = built.join(".complete");
    if stamp.exists() {
        return;
    }
    let src_root = out.join("src");
    if src_root.exists() {
        fs::remove_dir_all(&src_root).expect("clear stale sources");
    }
    unpack(&archive, &src_root);

    let metadata_bytes = fs::read(&metadata_path).expect("read metadata.json");
    let metadata = Metadata::load(&metadata_bytes).expect("parse metadata.json");
    if built.exists() {
        fs::remove_dir_all(&built).expect("clear stale dictionary");
    }
    DictionaryBuilder::new(metadata)
        .build_dictionary(&src_root.join(SOURCE_DIR), &built)
        .expect("build IPADIC");
    fs::remove_dir_all(&src_root).ok();
    fs::write(&stamp, b"").expect("write stamp");
}

fn unpack(archive: &Path, dest: &Path) {
    let mut xz = BufReader::new(
        File::open(archive).unwrap_or_else(|e| panic!("open {}: {e}", archive.display())),
    );
    let mut tar_bytes = Vec::new();
    lzma_rs::xz_decompress(&mut xz, &mut tar_bytes).expect("decompress IPADIC archive");
    tar::Archive::new(Cursor::new(tar_bytes))
        .unpack(dest)
        .expect("unpack IPADIC archive");
}
