//! Spawns a task per sensor but awaits its handle right away, inside the loop, so
//! each task ends before the next one starts.
//!
//! kind: sequential
//! caught-by: reads_ten_thousand_sensors_in_the_time_of_the_slowest

pub async fn read_all(sensors: Vec<Sensor>) -> Vec<Reading> {
    let mut readings = Vec::new();
    for sensor in sensors {
        readings.push(tokio::spawn(sensor.read()).await.unwrap());
    }
    readings
}
