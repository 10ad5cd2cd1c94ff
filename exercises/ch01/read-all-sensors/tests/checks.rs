use course_testkit::{run_paused, timed};
use read_all_sensors::{Sensor, read_all};
use std::time::Duration;

/// Sensors whose latencies cycle through 1 ms … 1000 ms.
fn sensors(count: u32) -> Vec<Sensor> {
    (0..count)
        .map(|id| Sensor {
            id,
            latency: Duration::from_millis(u64::from(id % 1000) + 1),
        })
        .collect()
}

#[test]
fn returns_one_reading_per_sensor_in_order() {
    // The later sensors answer first, so finishing order and input order differ.
    let sensors = (0..50)
        .map(|id| Sensor {
            id,
            latency: Duration::from_millis(u64::from(50 - id)),
        })
        .collect();
    let readings = run_paused(|| read_all(sensors));
    let ids: Vec<u32> = readings.iter().map(|r| r.sensor_id).collect();
    assert_eq!(
        ids,
        (0..50).collect::<Vec<_>>(),
        "the readings must come back in the order of the sensors, one each \
         (a JoinSet returns results in the order they finish, not the order they started)"
    );
}

#[test]
fn reads_ten_thousand_sensors_in_the_time_of_the_slowest() {
    let (took, readings) = run_paused(|| timed(read_all(sensors(10_000))));
    assert_eq!(readings.len(), 10_000);
    assert!(
        took >= Duration::from_secs(1),
        "finished after {took:?} of virtual time, before the slowest sensor (1 s) could answer: \
         every reading must await `Sensor::read`"
    );
    assert_eq!(
        took,
        Duration::from_secs(1),
        "reading 10,000 sensors took {took:?} of virtual time; at the same time it takes exactly \
         as long as the slowest sensor, 1 s. Were the sensors read one after another?"
    );
}
