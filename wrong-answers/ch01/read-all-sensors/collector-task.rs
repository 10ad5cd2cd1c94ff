//! Spawns, besides a task per sensor, one more task that collects the readings,
//! and awaits that one: a task nobody asked for.
//!
//! kind: more-than-asked
//! caught-by: starts_a_task_per_sensor_before_waiting

pub async fn read_all(sensors: Vec<Sensor>) -> Vec<Reading> {
    let handles: Vec<_> = sensors
        .into_iter()
        .map(|sensor| tokio::spawn(sensor.read()))
        .collect();
    let collector = tokio::spawn(async move {
        let mut readings = Vec::new();
        for handle in handles {
            readings.push(handle.await.unwrap());
        }
        readings
    });
    collector.await.unwrap()
}
