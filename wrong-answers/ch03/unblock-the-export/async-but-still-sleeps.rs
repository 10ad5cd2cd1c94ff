//! Makes the helper `async` and awaits it, but keeps std::thread::sleep inside it.
//!
//! kind: blocking
//! caught-by: other_tasks_keep_running_while_the_export_is_awaited

async fn pause_between_checks() {
    std::thread::sleep(CHECK_INTERVAL);
}
