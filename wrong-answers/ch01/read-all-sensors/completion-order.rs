//! Collects the readings in the order they finish, not the order of the sensors.
//!
//! kind: friendly-inputs
//! caught-by: returns_one_reading_per_sensor_in_order

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
    let mut tasks = tokio::task::JoinSet::new();
    for sensor in sensors {
        tasks.spawn(sensor.read());
    }
    tasks.join_all().await
}
