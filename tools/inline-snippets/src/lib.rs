//! Every page of the book, as documentation: `cargo test -p inline-snippets --doc` compiles and
//! runs each ```rust block written on a page. Blocks that include files of workspace crates are
//! tested with those crates instead (see `course::pages::classify`).
#![allow(rustdoc::all)]

include!(concat!(env!("OUT_DIR"), "/pages/pages.rs"));
