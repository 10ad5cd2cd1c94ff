//! `serve`: what `cargo xtask serve` runs (`cargo run -p course-serve -- <root> <out> <port>`).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [root, out, port] = args.as_slice() else {
        eprintln!("usage: serve ROOT OUT PORT (run `cargo xtask serve` instead)");
        return ExitCode::FAILURE;
    };
    let Ok(port) = port.parse::<u16>() else {
        eprintln!("error: `{port}` is not a port number (0 to 65535)");
        return ExitCode::FAILURE;
    };
    let started =
        course_serve::start(&PathBuf::from(root), &PathBuf::from(out), port).and_then(|server| {
            println!(
                "Serving the book at {} (Ctrl-C stops). Open pages reload after you edit a \
                 page, a listing or an exercise.",
                server.url()
            );
            server.wait()
        });
    match started {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
