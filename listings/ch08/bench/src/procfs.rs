//! What Linux says about processes and the network in `/proc`. Every function
//! returns `None` where there is no `/proc` (another OS) or no such process, and
//! the tables show `–` for it.

use std::fmt;

/// The process to ask about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Process {
    /// The one calling (`/proc/self`).
    Current,
    /// Another one, by process id (a child we started).
    Id(u32),
}

impl fmt::Display for Process {
    /// The process's folder name under `/proc`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Process::Current => f.write_str("self"),
            Process::Id(id) => write!(f, "{id}"),
        }
    }
}

/// User + system CPU time `process` has used so far, in seconds.
pub fn cpu_seconds(process: Process) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{process}/stat")).ok()?;
    cpu_seconds_from_stat(&stat)
}

fn cpu_seconds_from_stat(stat: &str) -> Option<f64> {
    // The command name, second field, may contain spaces and parentheses: the
    // fields after it start at the last ')'. utime and stime are the 14th and
    // 15th fields, the 12th and 13th after the name.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()?
        + fields.get(12)?.parse::<u64>().ok()?;
    // In clock ticks of 1/100 s on every mainstream architecture.
    Some(ticks as f64 / 100.0)
}

/// Resident memory of a process, in KiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Memory {
    /// Now (VmRSS).
    pub rss_kib: u64,
    /// The most the process ever had (VmHWM, its high-water mark).
    pub peak_kib: u64,
}

/// `process`'s resident memory, from `/proc/PID/status`.
pub fn memory(process: Process) -> Option<Memory> {
    let status = std::fs::read_to_string(format!("/proc/{process}/status")).ok()?;
    memory_from_status(&status)
}

fn memory_from_status(status: &str) -> Option<Memory> {
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kib| kib.parse().ok())
    };
    Some(Memory {
        rss_kib: field("VmRSS:")?,
        peak_kib: field("VmHWM:")?,
    })
}

/// How many times, since boot, a listening socket's accept queue was full and the
/// kernel dropped a handshake (`TcpExt: ListenOverflows` in `/proc/net/netstat`;
/// the whole machine, not one process).
pub fn listen_overflows() -> Option<u64> {
    let netstat = std::fs::read_to_string("/proc/net/netstat").ok()?;
    listen_overflows_from_netstat(&netstat)
}

fn listen_overflows_from_netstat(netstat: &str) -> Option<u64> {
    // Two `TcpExt:` lines: the names, then the values in the same order.
    let mut tcp_ext = netstat.lines().filter(|l| l.starts_with("TcpExt:"));
    let (names, values) = (tcp_ext.next()?, tcp_ext.next()?);
    let column = names
        .split_whitespace()
        .position(|name| name == "ListenOverflows")?;
    values.split_whitespace().nth(column)?.parse().ok()
}

/// The local ports the OS lends to outgoing connections, lowest and highest.
pub fn local_port_range() -> Option<(u32, u32)> {
    let text =
        std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range").ok()?;
    let mut bounds = text.split_whitespace().map(|n| n.parse().ok());
    Some((bounds.next()??, bounds.next()??))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_is_read_after_the_command_name() {
        // A command name with a space and a parenthesis must not shift the fields.
        let stat =
            "42 (my (server)) S 1 42 42 0 -1 4194304 100 0 0 0 250 50 0 0 20 0";
        assert_eq!(cpu_seconds_from_stat(stat), Some(3.0));
        assert_eq!(cpu_seconds_from_stat("garbage"), None);
    }

    #[test]
    fn memory_comes_from_two_status_lines() {
        let status = "Name:\tserver\nVmHWM:\t  20620 kB\nVmRSS:\t   3804 kB\n";
        assert_eq!(
            memory_from_status(status),
            Some(Memory {
                rss_kib: 3804,
                peak_kib: 20620
            })
        );
    }

    #[test]
    fn overflows_are_found_by_column_name() {
        let netstat = "TcpExt: SyncookiesSent ListenOverflows ListenDrops\n\
                       TcpExt: 0 17 17\n\
                       IpExt: InNoRoutes\nIpExt: 0\n";
        assert_eq!(listen_overflows_from_netstat(netstat), Some(17));
    }

    #[test]
    fn this_process_is_measured_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(cpu_seconds(Process::Current).is_some());
            assert!(
                memory(Process::Current).is_some_and(|m| m.peak_kib >= m.rss_kib)
            );
        }
    }
}
