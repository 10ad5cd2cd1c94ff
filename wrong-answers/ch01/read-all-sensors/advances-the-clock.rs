//! Reads the sensors one by one, moving tokio's clock forward by each latency with
//! `tokio::time::advance` so that the waits seem to take no time.
//!
//! kind: clock-gaming
//! caught-by: builds-without-test-util

pub async fn read_all(sensors: Vec<Sensor>) -> Vec<Reading> {
    let mut readings = Vec::new();
    for sensor in sensors {
        tokio::time::advance(sensor.latency).await;
        readings.push(Reading {
            sensor_id: sensor.id,
            celsius: sensor.celsius,
        });
    }
    readings
}
