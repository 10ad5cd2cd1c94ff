//! Collects the readings in the order they arrive, then sorts them by sensor id:
//! right only when the list itself is sorted by id.
//!
//! kind: friendly-inputs
//! caught-by: returns_every_reading_in_the_order_of_the_sensors

pub async fn read_all(sensors: Vec<Sensor>) -> Vec<Reading> {
    let mut tasks = tokio::task::JoinSet::new();
    for sensor in sensors {
        tasks.spawn(sensor.read());
    }
    let mut readings = tasks.join_all().await;
    readings.sort_by_key(|reading| reading.sensor_id);
    readings
}
