//! Takes the readings in the order they arrive and writes the list's ids over
//! theirs: the ids come out in order, the temperatures belong to other sensors.
//!
//! kind: wrong-value
//! caught-by: returns_every_reading_in_the_order_of_the_sensors

pub async fn read_all(sensors: Vec<Sensor>) -> Vec<Reading> {
    let ids: Vec<u32> = sensors.iter().map(|sensor| sensor.id).collect();
    let mut tasks = tokio::task::JoinSet::new();
    for sensor in sensors {
        tasks.spawn(sensor.read());
    }
    let readings = tasks.join_all().await;
    ids.into_iter()
        .zip(readings)
        .map(|(sensor_id, reading)| Reading {
            sensor_id,
            celsius: reading.celsius,
        })
        .collect()
}
