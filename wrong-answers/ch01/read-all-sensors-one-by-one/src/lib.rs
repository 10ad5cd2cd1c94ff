//! Wrong answer to exercise 1.2: the sensors are read one after another.

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
    /// Asks the sensor for a reading. The network wait is simulated with `tokio::time::sleep`.
    pub async fn read(self) -> Reading {
        tokio::time::sleep(self.latency).await;
        Reading {
            sensor_id: self.id,
            celsius: 18.0 + f64::from(self.id % 100) / 10.0,
        }
    }
}
pub async fn read_all(sensors: Vec<Sensor>) -> Vec<Reading> {
    let mut readings = Vec::new();
    for sensor in sensors {
        readings.push(sensor.read().await);
    }
    readings
}
