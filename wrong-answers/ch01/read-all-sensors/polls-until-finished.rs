//! Waits for the tasks by asking them in a loop whether they have finished,
//! yielding between rounds, instead of awaiting their handles.
//!
//! kind: busy-wait
//! caught-by: waits_for_the_readings_without_polling_in_a_loop

pub async fn read_all(sensors: Vec<Sensor>) -> Vec<Reading> {
    let handles: Vec<_> = sensors
        .into_iter()
        .map(|sensor| tokio::spawn(sensor.read()))
        .collect();
    while !handles.iter().all(|handle| handle.is_finished()) {
        tokio::task::yield_now().await;
    }
    let mut readings = Vec::new();
    for handle in handles {
        readings.push(handle.await.unwrap());
    }
    readings
}
