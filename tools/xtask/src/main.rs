//! `cargo xtask <command>`: see [`USAGE`].

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve [--port N]            build the book and serve it on 127.0.0.1 (default port 3000; 0 picks a free one)
  book [--out DIR]            write the book as static HTML (default: book/), for reading offline
  test                        run every check of the course and print what was checked
  check [CHAPTER|EXERCISE]    grade exercises (all, one chapter like ch01, or one package), with hints
  record [LISTING…]           re-run listings and rewrite their recorded outputs
  record --compile-fail       rewrite the compiler messages pinned for the compile-fail cases
  bench [--quick] [--fastapi] run chapter 8's benchmark matrix and regenerate its tables and plot (--render: only regenerate; --criterion: record the micro-benchmarks)
  help                        this text";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = course::workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("serve") => xtask::serve::run(&root, &args[1..]),
        Some("book") => xtask::book::run(&root, &args[1..]),
        Some("test") => xtask::test::run(&root, &args[1..]),
        Some("check") => xtask::check::run(&root, &args[1..]),
        Some("record") => xtask::record::run(&root, &args[1..]),
        Some("bench") => xtask::bench::run(&root, &args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!(
            "unknown command `{other}`: run `cargo xtask help` for the list"
        )),
        None => Err("no command given: run `cargo xtask help` for the list".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
