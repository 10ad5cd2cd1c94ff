//! Awaits each sensor's read in turn instead of starting them all at once.
//!
//! kind: sequential
//! caught-by: reads_ten_thousand_sensors_in_the_time_of_the_slowest

pub async fn read_all(sensors: Vec<Sensor>) -> Vec<Reading> {
    let mut readings = Vec::new();
    for sensor in sensors {
        readings.push(sensor.read().await);
    }
    readings
}
