//! Collects the handles with `futures::executor::block_on` inside `map` (where
//! `.await` is not allowed), which blocks the runtime's thread: on a
//! single-threaded runtime the tasks never get a turn.
//!
//! kind: blocking
//! caught-by: returns_every_reading_in_the_order_of_the_sensors
//! dependencies: futures

pub async fn read_all(sensors: Vec<Sensor>) -> Vec<Reading> {
    let handles: Vec<_> = sensors
        .into_iter()
        .map(|sensor| tokio::spawn(sensor.read()))
        .collect();
    handles
        .into_iter()
        .map(|handle| futures::executor::block_on(handle).unwrap())
        .collect()
}
