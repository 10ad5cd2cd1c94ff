use course_testkit::{
    assert_no_tasks_left, count_polls, live_tasks, run_paused, run_paused_within,
    run_real_clock, timed,
};
use read_all_sensors::{Reading, Sensor, read_all};
use std::time::Duration;

/// A correct answer takes milliseconds of real time on the paused clock: a check
/// still running after this long is stuck.
const STUCK_AFTER: Duration = Duration::from_secs(5);

/// `count` sensors whose ids, latencies and temperatures are in unrelated, scrambled
/// orders, so that sorting the readings by any of them, or taking them in the order
/// they arrive, does not give the order of the list. About one id in ten is listed
/// twice (with another temperature); latencies run from 1 ms to `slowest_ms`.
fn scrambled_sensors(count: u32, slowest_ms: u32) -> Vec<Sensor> {
    let distinct_ids = (count - count / 10).max(1);
    (0..count)
        .map(|index| Sensor {
            id: 1_000 + (index * 3_643) % distinct_ids,
            latency: Duration::from_millis(u64::from(
                1 + (index * 37) % count % slowest_ms,
            )),
            celsius: -20.0 + f64::from((index * 2_971) % count) / 100.0,
        })
        .collect()
}

/// What each sensor of the list answers, in the order of the list: the checks'
/// own record, compared field by field.
fn expected(sensors: &[Sensor]) -> Vec<(u32, f64)> {
    sensors
        .iter()
        .map(|sensor| (sensor.id, sensor.celsius))
        .collect()
}

fn answered(readings: &[Reading]) -> Vec<(u32, f64)> {
    readings
        .iter()
        .map(|reading| (reading.sensor_id, reading.celsius))
        .collect()
}

#[test]
fn returns_every_reading_in_the_order_of_the_sensors() {
    let sensors = scrambled_sensors(60, 60);
    let wanted = expected(&sensors);
    let readings = run_paused_within(STUCK_AFTER, || read_all(sensors));
    let got = answered(&readings);
    assert_eq!(
        got.len(),
        wanted.len(),
        "60 sensors gave {} readings: one reading per sensor",
        got.len()
    );
    if let Some(at) = (0..got.len()).find(|&at| got[at] != wanted[at]) {
        panic!(
            "reading {at} is (sensor {}, {} °C), but sensor {at} of the list is \
             sensor {} and answers {} °C. The readings must be in the order of the \
             list, each with its own temperature: the sensors answer in another \
             order (a JoinSet hands results back in that order), the ids are not \
             sorted (sorting by id does not restore the list's order), and some ids \
             are listed twice (a map by id keeps only one of them).",
            got[at].0, got[at].1, wanted[at].0, wanted[at].1
        );
    }
}

#[test]
fn reads_ten_thousand_sensors_in_the_time_of_the_slowest() {
    let sensors = scrambled_sensors(10_000, 1_000);
    let wanted = expected(&sensors);
    let (took, readings) = run_paused(|| timed(read_all(sensors)));
    assert!(
        took >= Duration::from_secs(1),
        "read_all returned after {took:?} of virtual time, before the slowest \
         sensor (1 s) could answer: every reading must come from awaiting \
         `Sensor::read`, which waits for the sensor's latency"
    );
    assert_eq!(
        took,
        Duration::from_secs(1),
        "reading 10,000 sensors took {took:?} of virtual time. Read at the same \
         time, they take exactly as long as the slowest sensor, 1 s; one after \
         another, the sum of all latencies (hours). Were the tasks spawned and \
         awaited one at a time, or in batches?"
    );
    assert!(
        answered(&readings) == wanted,
        "the 10,000 readings are not, one for one, what the sensors of the list \
         answered, in the list's order"
    );
}

#[test]
fn starts_a_task_per_sensor_before_waiting() {
    let sensors = scrambled_sensors(40, 40);
    let wanted = expected(&sensors);
    let (tasks_while_reading, readings) = run_paused_within(STUCK_AFTER, || async {
        let reading = tokio::spawn(read_all(sensors));
        // Lets read_all and its tasks run, without moving the clock: no sensor has
        // answered yet (the fastest takes 1 ms).
        let tasks = live_tasks().await;
        let readings = reading.await.expect("read_all panicked");
        assert_no_tasks_left("read_all").await;
        (tasks, readings)
    });
    assert_eq!(
        tasks_while_reading, 41,
        "while 40 sensors were being read, {} tasks were alive; the task running \
         read_all and one task per sensor make 41. Spawn a task for every sensor \
         (tokio::spawn) before awaiting any of them: one task that awaits all the \
         reads itself, or a task per batch, is not what this exercise asks for.",
        tasks_while_reading
    );
    assert!(
        answered(&readings) == wanted,
        "the readings are not those of the sensors, in the list's order"
    );
}

#[test]
fn no_sensors_no_readings_and_one_sensor_one_reading() {
    let (took, readings) =
        run_paused_within(STUCK_AFTER, || timed(read_all(Vec::new())));
    assert!(
        readings.is_empty(),
        "no sensors must give no readings, not {readings:?}"
    );
    assert_eq!(
        took,
        Duration::ZERO,
        "with no sensors there is nothing to wait for, yet read_all took {took:?}"
    );
    let sensor = Sensor {
        id: 7,
        latency: Duration::from_millis(37),
        celsius: 21.5,
    };
    let (took, readings) =
        run_paused_within(STUCK_AFTER, || timed(read_all(vec![sensor])));
    assert_eq!(answered(&readings), [(7, 21.5)], "one sensor, one reading");
    assert_eq!(
        took,
        Duration::from_millis(37),
        "one sensor answering after 37 ms took {took:?} of virtual time to read"
    );
}

#[test]
fn waits_for_the_readings_without_polling_in_a_loop() {
    // The real clock, so tokio::time::advance and pause cannot fake the waits, and
    // tiny latencies: the check asserts no duration, it counts polls.
    let sensors: Vec<Sensor> =
        [(1042, 40, 19.5), (1007, 10, 22.25), (1042, 50, 19.75)]
            .into_iter()
            .chain([(1013, 20, -3.5), (1001, 30, 35.0)])
            .map(|(id, latency_ms, celsius)| Sensor {
                id,
                latency: Duration::from_millis(latency_ms),
                celsius,
            })
            .collect();
    let wanted = expected(&sensors);
    let (readings, polls) = run_real_clock(|| async {
        let (reading, polls) = count_polls(read_all(sensors));
        (reading.await, polls.get())
    });
    assert!(
        answered(&readings) == wanted,
        "on the real clock, the readings are not those of the sensors, in the \
         list's order"
    );
    // Once to start, then at most once per task that ends.
    let most = 5 + 1;
    assert!(
        polls <= most,
        "read_all was polled {polls} times while 5 sensors answered within 50 ms; \
         awaiting their handles needs at most {most} (a first poll, then one per \
         task that ends). It is checking again and again whether the tasks are done \
         (is_finished with yield_now, or a short sleep, in a loop) instead of \
         waiting: await each JoinHandle, which wakes read_all when its task ends."
    );
}
