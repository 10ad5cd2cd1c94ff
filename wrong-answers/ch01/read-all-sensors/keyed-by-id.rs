//! Puts the readings back in the list's order by looking them up by sensor id:
//! right only when no id is listed twice.
//!
//! kind: friendly-inputs
//! caught-by: returns_every_reading_in_the_order_of_the_sensors

pub async fn read_all(sensors: Vec<Sensor>) -> Vec<Reading> {
    let ids: Vec<u32> = sensors.iter().map(|sensor| sensor.id).collect();
    let mut tasks = tokio::task::JoinSet::new();
    for sensor in sensors {
        tasks.spawn(sensor.read());
    }
    let mut by_id = std::collections::HashMap::new();
    while let Some(reading) = tasks.join_next().await {
        let reading = reading.unwrap();
        by_id.insert(reading.sensor_id, reading);
    }
    ids.iter().map(|id| by_id[id].clone()).collect()
}
