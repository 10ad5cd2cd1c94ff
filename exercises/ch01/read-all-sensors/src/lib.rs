//! # Exercise 1.2: read ten thousand sensors at once
//!
//! A monitoring service polls sensors over the network; each answers after its own
//! latency. With OS threads, 10,000 sensors would mean 10,000 threads (Listing 1-2
//! shows what that costs). With tokio, a sensor that is waiting is just a small
//! task.
//!
//! Write [`read_all`]: read every sensor **at the same time**, one task per sensor,
//! and return the readings in the order of `sensors`.
//!
//! The checks (`cargo test -p ch01-read-all-sensors`) run on tokio's paused clock
//! and verify:
//! - one reading per sensor, in the order of the input;
//! - 10,000 sensors with latencies up to 1 s are all read after exactly 1 s of
//!   (virtual) time, the slowest latency: reading them one after another would take
//!   hours.

use std::time::Duration;

/// A sensor on the network. Reading it takes `latency`.
#[derive(Debug, Clone)]
pub struct Sensor {
    pub id: u32,
    pub latency: Duration,
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
            celsius: 18.0 + f64::from(self.id % 100) / 10.0,
        }
    }
}

/// Reads all `sensors` concurrently, one tokio task each, and returns the readings
/// in the order of `sensors`.
pub async fn read_all(sensors: Vec<Sensor>) -> Vec<Reading> {
    // TODO: spawn one task per sensor, keep the handles in order, then await them
    // all.
    let _ = sensors;
    todo!("read every sensor at the same time")
}
