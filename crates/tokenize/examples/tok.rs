fn main() {
    let t = jplan_tokenize::Tokenizer::new().unwrap();
    for arg in std::env::args().skip(1) {
        for tok in t.tokenize(&arg) {
            println!(
                "{}\t{}\t{:?}\t{}..{}",
                tok.surface, tok.pos, tok.base_form, tok.start, tok.end
            );
        }
        println!();
    }
}
