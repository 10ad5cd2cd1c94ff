//! # Exercise 1.2: read ten thousand sensors at once
//!
//! A monitoring service polls sensors over the network; each answers after its own
//! latency. With OS threads, 10,000 sensors would mean 10,000 threads (Listing 1-2
//! shows what that costs). With tokio, a sensor that is waiting is just a small
//! task.
//!
//! Write [`read_all`]: read every sensor **at the same time** and return the
//! readings.
//!
//! - Start exactly one tokio task per sensor with `tokio::spawn`, all of them
//!   before waiting for any, and no other task. (This exercise is about tasks:
//!   waiting for many futures inside one task, without spawning, is chapter 4's
//!   subject.)
//! - Return one reading per sensor, in the order of `sensors`. That order is the
//!   only one that counts: the ids are in no particular order, the same id may be
//!   listed twice (each listing is read, and may answer another temperature), and
//!   the sensors answer in the order of their latencies.
//! - Each task waits for its sensor by awaiting it; `read_all` waits for the tasks
//!   by awaiting their handles, never by checking again and again whether they
//!   are done.
//! - No sensors give no readings, at once.
//!
//! `tokio::spawn` and `JoinHandle` are introduced in the book's section "One task
//! and its result: `JoinHandle`" (chapter 1, "What a thread costs, what a task
//! costs"). Run `cargo xtask check ch01-read-all-sensors` to see what the checks
//! verify.

use std::time::Duration;

/// A simulated sensor on the network: asked for a reading, it answers `celsius`
/// after `latency`. (The checks choose both.)
#[derive(Debug, Clone)]
pub struct Sensor {
    pub id: u32,
    pub latency: Duration,
    pub celsius: f64,
}

/// What a sensor answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub sensor_id: u32,
    pub celsius: f64,
}

impl Sensor {
    /// Asks the sensor for a reading. The network wait is simulated with
    /// `tokio::time::sleep`.
    pub async fn read(self) -> Reading {
        tokio::time::sleep(self.latency).await;
        Reading {
            sensor_id: self.id,
            celsius: self.celsius,
        }
    }
}

/// Reads all `sensors` at the same time, one tokio task each, and returns the
/// readings in the order of `sensors`.
pub async fn read_all(sensors: Vec<Sensor>) -> Vec<Reading> {
    // TODO: spawn one task per sensor, keep the handles in order, then await them
    // all.
    let _ = sensors;
    todo!("read every sensor at the same time")
}
