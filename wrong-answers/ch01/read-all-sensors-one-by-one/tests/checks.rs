// The exercise's checks, run against this wrong answer: the test command expects `reads_ten_thousand_sensors_in_the_time_of_the_slowest` to fail.
use read_all_sensors_wrong_one_by_one as read_all_sensors;
include!("../../../../exercises/ch01/read-all-sensors/tests/checks.rs");
