//! Awaits each sensor in turn instead of reading them all at once.
//!
//! kind: sequential
//! caught-by: reads_ten_thousand_sensors_in_the_time_of_the_slowest

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
