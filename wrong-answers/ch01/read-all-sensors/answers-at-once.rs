//! Edits the starter's `Sensor::read` so that it answers without waiting for the
//! latency: 10,000 sensors read one by one now look fast.
//!
//! kind: constant-gaming
//! caught-by: reads_ten_thousand_sensors_in_the_time_of_the_slowest

impl Sensor {
    pub async fn read(self) -> Reading {
        Reading {
            sensor_id: self.id,
            celsius: self.celsius,
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
