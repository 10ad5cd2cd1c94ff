//! The benchmark server: the article's endpoints on 127.0.0.1, on a runtime of the
//! chosen shape.
//!
//! `server [--flavor current-thread|multi-thread] [--workers N] [--blocking-threads
//! N] [--latency-ms N] [--port N] [--max-connections N]`
//!
//! Prints `listening on http://127.0.0.1:PORT` (port 0, the default, lets the OS
//! choose) and stops cleanly when its standard input closes or on Ctrl-C.

use bench::endpoints::{Backend, router};
use bench::server::{Flavor, RuntimeShape, listen_on_loopback, serve};
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;
use tokio::io::AsyncReadExt;

const USAGE: &str = "usage: server [--flavor current-thread|multi-thread] \
                     [--workers N] [--blocking-threads N] [--latency-ms N] \
                     [--port N] [--max-connections N]";

struct Options {
    shape: RuntimeShape,
    latency: Duration,
    port: u16,
    max_connections: u64,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        shape: RuntimeShape {
            flavor: Flavor::MultiThread,
            workers: std::thread::available_parallelism().map_or(1, usize::from),
            blocking_threads: 512,
        },
        latency: Duration::from_millis(100),
        port: 0,
        max_connections: 10_000,
    };
    for pair in args.chunks(2) {
        let [flag, value] = pair else {
            return Err(format!("`{}` needs a value; {USAGE}", pair[0]));
        };
        let number = || {
            value
                .parse::<u64>()
                .map_err(|_| format!("{flag} takes a whole number, not `{value}`"))
        };
        match flag.as_str() {
            "--flavor" => options.shape.flavor = value.parse()?,
            "--workers" => options.shape.workers = positive(number()?, flag)?,
            "--blocking-threads" => {
                options.shape.blocking_threads = positive(number()?, flag)?
            }
            "--latency-ms" => options.latency = Duration::from_millis(number()?),
            "--port" => {
                options.port = u16::try_from(number()?)
                    .map_err(|_| "--port is at most 65535")?;
            }
            "--max-connections" => options.max_connections = number()?,
            _ => return Err(format!("unknown option `{flag}`; {USAGE}")),
        }
    }
    Ok(options)
}

fn positive(value: u64, flag: &str) -> Result<usize, String> {
    match value {
        0 => Err(format!("{flag} must be at least 1")),
        n => Ok(n as usize),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: Options) -> Result<(), String> {
    bench::limits::ensure_open_files(options.max_connections)?;
    let runtime = options
        .shape
        .build()
        .map_err(|e| format!("cannot build the runtime: {e}"))?;
    runtime.block_on(async {
        let listener = listen_on_loopback(options.port).map_err(|e| {
            format!("cannot listen on 127.0.0.1:{}: {e}", options.port)
        })?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        println!("listening on http://{address}");
        std::io::stdout().flush().map_err(|e| e.to_string())?;
        let app = router(Backend::sleeping(options.latency));
        serve(listener, app, stop_requested())
            .await
            .map_err(|e| format!("server failed: {e}"))
    })
}

/// Completes when standard input closes (the parent is done with us) or on Ctrl-C.
async fn stop_requested() {
    let stdin_closed = async {
        let mut sink = [0u8; 64];
        let mut stdin = tokio::io::stdin();
        // Reads return 0 at end of input; an error also means nobody will talk to
        // us.
        while let Ok(read) = stdin.read(&mut sink).await {
            if read == 0 {
                break;
            }
        }
    };
    tokio::select! {
        () = stdin_closed => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}
