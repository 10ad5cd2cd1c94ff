//! Collects the readings from a JoinSet, in the order the sensors answer, not the
//! order of the list.
//!
//! kind: friendly-inputs
//! caught-by: returns_every_reading_in_the_order_of_the_sensors

pub async fn read_all(sensors: Vec<Sensor>) -> Vec<Reading> {
    let mut tasks = tokio::task::JoinSet::new();
    for sensor in sensors {
        tasks.spawn(sensor.read());
    }
    tasks.join_all().await
}
