//! # Exercise 1.2: read ten thousand sensors at once (solution)

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
    // Every task is spawned before the first handle is awaited: while this task
    // waits for the first handle, all the others get their turns too.
    let handles: Vec<_> = sensors
        .into_iter()
        .map(|sensor| tokio::spawn(sensor.read()))
        .collect();
    // The handles are in the order of `sensors`, whatever order the reads finish
    // in; awaiting them in turn only collects the results.
    let mut readings = Vec::with_capacity(handles.len());
    for handle in handles {
        readings.push(handle.await.expect("reading a sensor does not panic"));
    }
    readings
}
