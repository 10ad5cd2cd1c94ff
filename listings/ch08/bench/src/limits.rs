//! The open-file limit: every connection is a file descriptor, on both sides.

/// Descriptors a process needs besides its connections (stdio, the listener, the
/// runtime's own).
const SPARE_DESCRIPTORS: u64 = 64;

/// Raises this process's soft open-file limit as far as the hard limit allows, and
/// fails with a one-line message when that is still too low for `connections`
/// connections.
pub fn ensure_open_files(connections: u64) -> Result<u64, String> {
    let needed = connections + SPARE_DESCRIPTORS;
    // Raising the soft limit up to the hard one needs no privilege.
    let limit = rlimit::increase_nofile_limit(needed).map_err(|e| {
        format!(
            "cannot read or raise the open-file limit ({e}); \
             raise it with `ulimit -n {needed}`"
        )
    })?;
    if limit < needed {
        return Err(format!(
            "{connections} connections need about {needed} open files, but this \
             process may open only {limit} (its hard limit); raise it with \
             `ulimit -n {needed}` as root or in /etc/security/limits.conf, or run \
             with fewer requests"
        ));
    }
    Ok(limit)
}

#[cfg(test)]
mod tests {
    use super::ensure_open_files;

    #[test]
    fn a_small_need_is_met_and_an_absurd_one_is_explained() {
        assert!(ensure_open_files(10).unwrap() >= 74);
        let error = ensure_open_files(u64::MAX / 2).unwrap_err();
        assert!(error.contains("ulimit -n"), "{error}");
    }
}
