//! Sleeps as long as the slowest sensor's latency, then collects the handles: the
//! slowest latency of no sensors is `None`, and unwrapping it panics.
//!
//! kind: edge-case
//! caught-by: no_sensors_no_readings_and_one_sensor_one_reading

pub async fn read_all(sensors: Vec<Sensor>) -> Vec<Reading> {
    let slowest = sensors.iter().map(|sensor| sensor.latency).max().unwrap();
    let handles: Vec<_> = sensors
        .into_iter()
        .map(|sensor| tokio::spawn(sensor.read()))
        .collect();
    tokio::time::sleep(slowest).await;
    let mut readings = Vec::new();
    for handle in handles {
        readings.push(handle.await.unwrap());
    }
    readings
}
