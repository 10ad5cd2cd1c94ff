//! Spawns the pause as a task, as asyncio.create_task would, without awaiting it.
//!
//! kind: leak
//! caught-by: wait_for_export_leaves_no_task_behind

async fn pause_between_checks() {
    tokio::spawn(tokio::time::sleep(CHECK_INTERVAL));
}
