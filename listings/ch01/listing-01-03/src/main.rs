//! Listing 1-3: why 100,000 threads fail on 64-bit Linux. Address space is not the
//! problem: the kernel counts memory maps per process, and threads and process ids
//! per machine. The listing reads those limits, then starts parked threads until a
//! start fails or a limit that other processes share is near.
//!
//! The threads are started in a child process (this program, run again with
//! `--spawner`): when a limit aborts that process, this one still reports how far it
//! got and why.
//!
//! Usage: `listing-01-03 [THREADS]` (default 100000).

use std::io::{self, BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::{self, JoinHandle};

const DEFAULT_THREADS: u64 = 100_000;
/// The first threads are samples: they show how many memory maps a thread costs.
const SAMPLE: u64 = 64;
/// Where the limits cannot be read, go no further than Listing 1-2 did.
const BLIND_CAP: u64 = 10_000;
/// The argument that makes this program the child process that starts threads.
const SPAWNER: &str = "--spawner";

// ANCHOR: limits
/// One of the kernel's limits on threads, as seen from this process.
struct Limit {
    name: &'static str,
    /// The configured value, as the kernel prints it (`max` means none).
    value: String,
    /// What it counts, and how much of that is in use.
    note: String,
    /// How many threads this process can have before reaching it (`None`: the
    /// limit does not apply, or could not be read).
    room: Option<u64>,
    /// Threads to leave unused. Zero for a per-process limit; for a limit that
    /// other processes share, a quarter of it, so that they can still start theirs.
    keep_free: u64,
}

/// Reads the limits. `spawned` threads exist already, and each uses
/// `maps_per_thread` memory maps.
fn read_limits(spawned: u64, maps_per_thread: Option<u64>) -> Vec<Limit> {
    let threads_on_machine = threads_on_machine();
    vec![
        // A thread's stack and its guard page are two memory maps. Rust's threads
        // add two: a small stack for reporting a stack overflow, and its guard.
        per_process_limit(
            "vm.max_map_count",
            read_number("/proc/sys/vm/max_map_count"),
            count_maps(),
            maps_per_thread,
            spawned,
        ),
        // Every thread is a task for the kernel, and the kernel caps them all.
        machine_limit(
            "kernel.threads-max",
            read_number("/proc/sys/kernel/threads-max"),
            threads_on_machine,
            "threads",
            spawned,
        ),
        // Every thread takes a process id, from one range for the whole machine.
        machine_limit(
            "kernel.pid_max",
            read_number("/proc/sys/kernel/pid_max"),
            threads_on_machine,
            "ids",
            spawned,
        ),
        // Containers and systemd services cap their tasks with a cgroup.
        cgroup_limit(spawned),
        // `ulimit -u`: the tasks of one user, every process of theirs included.
        user_limit(threads_on_machine, spawned),
    ]
}
// ANCHOR_END: limits

fn per_process_limit(
    name: &'static str,
    max: Option<u64>,
    in_use: Option<u64>,
    per_thread: Option<u64>,
    spawned: u64,
) -> Limit {
    let room = match (max, in_use, per_thread) {
        (Some(max), Some(in_use), Some(per)) if per > 0 => {
            Some(spawned + max.saturating_sub(in_use) / per)
        }
        _ => None,
    };
    Limit {
        name,
        value: shown(max),
        note: format!(
            "per process; {} in use, {} per thread",
            shown(in_use),
            shown(per_thread)
        ),
        room,
        keep_free: 0,
    }
}

fn machine_limit(
    name: &'static str,
    max: Option<u64>,
    threads_on_machine: Option<u64>,
    what: &str,
    spawned: u64,
) -> Limit {
    Limit {
        name,
        value: shown(max),
        note: format!("machine-wide; {} {what} in use", shown(threads_on_machine)),
        room: max
            .zip(threads_on_machine)
            .map(|(max, in_use)| spawned + max.saturating_sub(in_use)),
        keep_free: max.map_or(0, |max| max / 4),
    }
}

/// The tightest `pids.max` of this process's cgroup and its ancestors.
fn cgroup_limit(spawned: u64) -> Limit {
    let mut limit = Limit {
        name: "cgroup pids.max",
        value: "n/a".into(),
        note: "no pids controller found".into(),
        room: None,
        keep_free: 0,
    };
    for dir in cgroup_pids_dirs() {
        let Ok(max) = std::fs::read_to_string(dir.join("pids.max")) else {
            continue;
        };
        let current = read_number(dir.join("pids.current"));
        let (max, current) = match (max.trim().parse::<u64>(), current) {
            (Ok(max), Some(current)) => (max, current),
            _ => {
                if limit.room.is_none() {
                    limit.value = "max".into();
                    limit.note = "no limit set on this process's cgroups".into();
                }
                continue;
            }
        };
        let room = spawned + max.saturating_sub(current);
        if limit.room.is_none_or(|tighter| room < tighter) {
            limit.value = max.to_string();
            limit.note = format!("per cgroup; {current} tasks in use");
            limit.room = Some(room);
            limit.keep_free = max / 4;
        }
    }
    limit
}

/// The cgroup directories whose `pids.max` applies to this process, innermost
/// first (cgroup v2, or the `pids` hierarchy of cgroup v1).
fn cgroup_pids_dirs() -> Vec<std::path::PathBuf> {
    let Ok(cgroups) = std::fs::read_to_string("/proc/self/cgroup") else {
        return Vec::new();
    };
    let mut dirs = Vec::new();
    for line in cgroups.lines() {
        // `0::/user.slice/…` (v2) or `8:pids:/docker/…` (v1).
        let mut fields = line.splitn(3, ':');
        let (_, controllers, path) = (fields.next(), fields.next(), fields.next());
        let (Some(controllers), Some(path)) = (controllers, path) else {
            continue;
        };
        let root = match controllers {
            "" => std::path::PathBuf::from("/sys/fs/cgroup"),
            c if c.split(',').any(|c| c == "pids") => "/sys/fs/cgroup/pids".into(),
            _ => continue,
        };
        let mut dir = root.join(path.trim_start_matches('/'));
        loop {
            dirs.push(dir.clone());
            if dir == root || !dir.pop() {
                break;
            }
        }
    }
    dirs
}

/// `RLIMIT_NPROC`, which the kernel does not enforce for root.
fn user_limit(threads_on_machine: Option<u64>, spawned: u64) -> Limit {
    let max = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|limits| {
            let line = limits.lines().find(|l| l.starts_with("Max processes"))?;
            line.split_whitespace().nth(2).map(str::to_string)
        });
    let is_root =
        std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|status| {
                let line = status.lines().find(|l| l.starts_with("Uid:"))?;
                Some(line.split_whitespace().nth(1)? == "0")
            });
    let number = max.as_deref().and_then(|max| max.parse::<u64>().ok());
    let (note, room) = match (is_root, number) {
        (Some(true), _) => ("per user; not enforced for root".to_string(), None),
        // This user has at most every thread of the machine.
        (Some(false), Some(max)) => (
            "per user; at most the machine's threads in use".to_string(),
            threads_on_machine.map(|in_use| spawned + max.saturating_sub(in_use)),
        ),
        _ => ("per user; no limit".to_string(), None),
    };
    Limit {
        name: "RLIMIT_NPROC",
        value: max.unwrap_or_else(|| "n/a".into()),
        note,
        room,
        keep_free: number.map_or(0, |max| max / 4),
    }
}

// ANCHOR: spawn
/// Starts threads one at a time until `threads` holds `up_to` of them, or a start
/// fails. Each thread says that it runs, then parks until `release` is set; the
/// next one is started only after that, and `on_started` hears of each.
fn spawn_parked(
    threads: &mut Vec<JoinHandle<()>>,
    up_to: u64,
    release: &Arc<AtomicBool>,
    mut on_started: impl FnMut(usize),
) -> io::Result<()> {
    let running = Arc::new(AtomicUsize::new(threads.len()));
    let spawner = thread::current();
    while (threads.len() as u64) < up_to {
        let release = Arc::clone(release);
        let (now_running, spawner) = (Arc::clone(&running), spawner.clone());
        // `thread::spawn` would panic on failure; the builder returns the error.
        let thread = thread::Builder::new().spawn(move || {
            now_running.fetch_add(1, Ordering::Release);
            spawner.unpark();
            while !release.load(Ordering::Acquire) {
                thread::park();
            }
        })?;
        // Once the thread runs, it has set up everything a thread sets up for
        // itself.
        while running.load(Ordering::Acquire) == threads.len() {
            thread::park();
        }
        threads.push(thread);
        on_started(threads.len());
    }
    Ok(())
}

/// Lets every parked thread finish, and waits for them.
fn release_and_join(threads: Vec<JoinHandle<()>>, release: &AtomicBool) {
    release.store(true, Ordering::Release);
    for thread in &threads {
        thread.thread().unpark();
    }
    for thread in threads {
        thread.join().expect("a parked thread does not panic");
    }
}
// ANCHOR_END: spawn

/// Lines the spawner prints for its parent, not for the reader.
const STARTED: &str = "#started";
const STOPPED: &str = "#stopped";
const ERROR: &str = "#error";
const JOINED: &str = "#joined";

/// The child process: reads the limits, starts the threads, and reports each one.
fn spawner(asked: u64) {
    let release = Arc::new(AtomicBool::new(false));
    let mut threads = Vec::new();
    let report = |count: usize| {
        let (address_space, resident) = memory().unwrap_or_default();
        println!("{STARTED} {count} {address_space} {resident}");
    };
    report(0);

    // Two samples of threads: the first warms up (the C library sets up memory
    // pools for new threads), the second shows what one more thread costs.
    let mut failure =
        spawn_parked(&mut threads, asked.min(SAMPLE), &release, report).err();
    let maps_after_warm_up = count_maps();
    if failure.is_none() {
        failure =
            spawn_parked(&mut threads, asked.min(2 * SAMPLE), &release, report)
                .err();
    }
    let spawned = threads.len() as u64;
    let maps_per_thread = count_maps()
        .zip(maps_after_warm_up)
        .filter(|_| spawned == 2 * SAMPLE)
        .map(|(after, before)| after.saturating_sub(before).div_ceil(SAMPLE));
    let limits = read_limits(spawned, maps_per_thread);
    println!("limits read from /proc and /sys:");
    for limit in &limits {
        let room = limit
            .room
            .map_or(String::new(), |room| format!(": room for {room}"));
        println!(
            "  {:<18} {:>6} {}{room}",
            limit.name, limit.value, limit.note
        );
    }
    let plan = Plan::new(asked, &limits);
    println!("first to run out: {}", plan.first_to_run_out);

    if failure.is_none() {
        failure = spawn_parked(&mut threads, plan.stop_at, &release, report).err();
    }
    match failure {
        Some(error) => {
            println!("{STOPPED} thread {} failed to start", threads.len() + 1);
            println!("{ERROR} {error}");
        }
        None => {
            println!("{STOPPED} {}", plan.reason);
            println!("{ERROR} none, no thread failed");
        }
    }
    let count = threads.len();
    release_and_join(threads, &release);
    println!("{JOINED} {count}");
}

// ANCHOR: main
fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let is_spawner = args.next_if(|arg| arg == SPAWNER).is_some();
    let asked = match threads_asked_for(args) {
        Ok(asked) => asked,
        Err(usage) => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    };
    if is_spawner {
        return spawner(asked);
    }
    println!("asked for {asked} threads, each parked until all have been started");
    match run_spawner(asked) {
        Ok(outcome) => outcome.print(),
        Err(error) => {
            eprintln!("listing-01-03: could not run its child process: {error}");
            std::process::exit(1);
        }
    }
}
// ANCHOR_END: main

/// What the spawner reported, including what its abort left on standard error.
struct Outcome {
    started: usize,
    memory_at_start: (u64, u64),
    memory_at_end: (u64, u64),
    stopped: Option<String>,
    error: Option<String>,
    joined: bool,
    errors: String,
}

/// Runs this program again as the spawner, passes its lines for the reader on,
/// and collects the rest.
fn run_spawner(asked: u64) -> io::Result<Outcome> {
    let mut child = Command::new(std::env::current_exe()?)
        .args([SPAWNER, &asked.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let errors = thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let mut outcome = Outcome {
        started: 0,
        memory_at_start: (0, 0),
        memory_at_end: (0, 0),
        stopped: None,
        error: None,
        joined: false,
        errors: String::new(),
    };
    let stdout = child.stdout.take().expect("stdout is piped");
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        if let Some(numbers) = line.strip_prefix(STARTED) {
            let numbers: Vec<u64> = numbers
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            if let [started, address_space, resident] = numbers[..] {
                outcome.started = started as usize;
                outcome.memory_at_end = (address_space, resident);
                if started == 0 {
                    outcome.memory_at_start = (address_space, resident);
                }
            }
        } else if let Some(reason) = line.strip_prefix(STOPPED) {
            outcome.stopped = Some(reason.trim().to_string());
        } else if let Some(error) = line.strip_prefix(ERROR) {
            outcome.error = Some(error.trim().to_string());
        } else if line.starts_with(JOINED) {
            outcome.joined = true;
        } else {
            println!("{line}");
        }
    }
    child.wait()?;
    outcome.errors = errors.join().unwrap_or_default();
    Ok(outcome)
}

impl Outcome {
    fn print(&self) {
        // Reserved address space is counted in GiB, memory in use in MiB.
        let growth = |at_end: u64, at_start: u64, unit: u32, name: &str| {
            if at_end == 0 {
                "n/a".to_string()
            } else {
                let grown = at_end.saturating_sub(at_start) as f64;
                format!("{:.1} {name}", grown / f64::from(1u32 << unit))
            }
        };
        let (start, end) = (self.memory_at_start, self.memory_at_end);
        println!(
            "started {} threads: address space +{}, resident memory +{}",
            self.started,
            growth(end.0, start.0, 30, "GiB"),
            growth(end.1, start.1, 20, "MiB"),
        );
        match (&self.stopped, &self.error) {
            (Some(reason), Some(error)) => {
                println!("stopped: {reason}");
                println!("  error: {error}");
            }
            // The next thread was created, then died setting itself up, and took
            // the process with it: its last words are on standard error.
            _ => {
                println!(
                    "stopped: thread {} was created, then failed to set itself up",
                    self.started + 1
                );
                println!("  error: {}", self.cause());
            }
        }
        if self.joined {
            println!("ended: released and joined all {} threads", self.started);
        } else {
            println!(
                "ended: that failure aborted the process, every thread with it"
            );
        }
    }

    /// The line of the spawner's standard error that says what failed.
    fn cause(&self) -> &str {
        self.errors
            .lines()
            .find(|line| line.starts_with("failed"))
            .or_else(|| self.errors.lines().find(|l| !l.trim().is_empty()))
            .unwrap_or("no message")
    }
}

/// How far to go, and why.
struct Plan {
    stop_at: u64,
    first_to_run_out: String,
    reason: String,
}

impl Plan {
    /// Runs into a per-process limit (only this process suffers), but stops short
    /// of a limit that other processes share.
    fn new(asked: u64, limits: &[Limit]) -> Plan {
        let first = limits
            .iter()
            .filter_map(|limit| Some((limit, limit.room?)))
            .min_by_key(|&(_, room)| room);
        let Some((first, room)) = first else {
            return Plan {
                stop_at: asked.min(BLIND_CAP),
                first_to_run_out: "none of these limits could be read here".into(),
                reason: format!(
                    "the limits could not be read, so the listing stops at {}",
                    asked.min(BLIND_CAP)
                ),
            };
        };
        let first_to_run_out = if first.keep_free == 0 {
            format!(
                "{}, after about {room} threads (this process only)",
                first.name
            )
        } else {
            format!(
                "{}, after {room} threads (shared with other processes)",
                first.name
            )
        };
        let shared_stop = limits
            .iter()
            .filter(|limit| limit.keep_free > 0)
            .filter_map(|limit| {
                Some((limit, limit.room?.saturating_sub(limit.keep_free)))
            })
            .min_by_key(|&(_, stop)| stop);
        match shared_stop {
            Some((limit, stop)) if stop < asked => Plan {
                stop_at: stop,
                first_to_run_out,
                reason: format!(
                    "{} threads short of {}, so that other processes can still start \
                     theirs",
                    limit.keep_free, limit.name
                ),
            },
            _ => Plan {
                stop_at: asked,
                first_to_run_out,
                reason: format!("all {asked} threads asked for are running"),
            },
        }
    }
}

/// The one optional argument: how many threads to try.
fn threads_asked_for(mut args: impl Iterator<Item = String>) -> Result<u64, String> {
    let usage = format!(
        "usage: listing-01-03 [THREADS], where THREADS is a whole number \
         (default {DEFAULT_THREADS})"
    );
    let asked = match args.next() {
        None => DEFAULT_THREADS,
        Some(arg) => arg.parse().map_err(|_| usage.clone())?,
    };
    if args.next().is_some() {
        return Err(usage);
    }
    Ok(asked)
}

fn read_number(path: impl AsRef<std::path::Path>) -> Option<u64> {
    std::fs::read_to_string(path).ok()?.trim().parse().ok()
}

/// The memory maps of this process: one line each in `/proc/self/maps`.
fn count_maps() -> Option<u64> {
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    Some(maps.lines().count() as u64)
}

/// Threads on the whole machine: the number after the `/` in `/proc/loadavg`.
fn threads_on_machine() -> Option<u64> {
    let loadavg = std::fs::read_to_string("/proc/loadavg").ok()?;
    let running_and_total = loadavg.split_whitespace().nth(3)?;
    running_and_total.split_once('/')?.1.parse().ok()
}

/// This process's address space and resident memory (`VmSize`, `VmRSS`), in bytes.
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib = |field: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(field))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    Some((kib("VmSize:")? * 1024, kib("VmRSS:")? * 1024))
}

fn shown(value: Option<u64>) -> String {
    value.map_or("n/a".into(), |v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(room: Option<u64>, keep_free: u64) -> Limit {
        Limit {
            name: if keep_free == 0 {
                "per-process"
            } else {
                "shared"
            },
            value: String::new(),
            note: String::new(),
            room,
            keep_free,
        }
    }

    #[test]
    fn a_per_process_limit_is_run_into() {
        let plan = Plan::new(100_000, &[limit(Some(16_000), 0), limit(None, 8_000)]);
        assert_eq!(plan.stop_at, 100_000, "the failed spawn will stop it");
        assert!(
            plan.first_to_run_out
                .starts_with("per-process, after about 16000")
        );
    }

    #[test]
    fn a_shared_limit_is_kept_at_a_distance() {
        let limits = [limit(Some(32_000), 0), limit(Some(31_000), 8_000)];
        let plan = Plan::new(100_000, &limits);
        assert_eq!(plan.stop_at, 23_000);
        assert!(plan.first_to_run_out.starts_with("shared, after 31000"));
        assert!(plan.reason.contains("8000 threads short of shared"));
    }

    #[test]
    fn a_small_request_stops_where_it_asked() {
        let limits = [limit(Some(32_000), 0), limit(Some(31_000), 8_000)];
        let plan = Plan::new(1_000, &limits);
        assert_eq!(plan.stop_at, 1_000);
        assert_eq!(plan.reason, "all 1000 threads asked for are running");
    }

    #[test]
    fn without_limits_the_listing_stops_where_listing_1_2_did() {
        let plan = Plan::new(100_000, &[limit(None, 0)]);
        assert_eq!(plan.stop_at, BLIND_CAP);
    }

    #[test]
    fn bad_arguments_get_the_usage_line() {
        let args =
            |list: &[&str]| list.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        assert_eq!(
            threads_asked_for(args(&[]).into_iter()),
            Ok(DEFAULT_THREADS)
        );
        assert_eq!(threads_asked_for(args(&["500"]).into_iter()), Ok(500));
        for bad in [&["many"][..], &["5", "6"]] {
            let error = threads_asked_for(args(bad).into_iter()).unwrap_err();
            assert!(error.starts_with("usage: listing-01-03"), "{error}");
        }
    }
}
