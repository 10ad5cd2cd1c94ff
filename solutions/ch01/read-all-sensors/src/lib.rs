//! # Exercise 1.2: read ten thousand sensors at once (solution)

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
    // Every task starts running as soon as it is spawned; awaiting the handles in
    // order only collects the results, it does not make the reads sequential.
    let handles: Vec<_> = sensors
        .into_iter()
        .map(|sensor| tokio::spawn(sensor.read()))
        .collect();
    let mut readings = Vec::with_capacity(handles.len());
    for handle in handles {
        readings.push(handle.await.expect("reading a sensor does not panic"));
    }
    readings
}
