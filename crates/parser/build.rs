//! Generates the LR(1) parser from `src/grammar.lalrpop` into `OUT_DIR` (see ARCHITECTURE.md
//! for why it is generated at build time rather than committed).

fn main() {
    println!("cargo::rerun-if-changed=src/grammar.lalrpop");
    if let Err(error) = lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .emit_rerun_directives(false)
        .process_file("src/grammar.lalrpop")
    {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
