// The exercise's checks, run against this wrong answer: the test command expects `returns_one_reading_per_sensor_in_order` to fail.
use read_all_sensors_wrong_completion_order as read_all_sensors;
include!("../../../../exercises/ch01/read-all-sensors/tests/checks.rs");
