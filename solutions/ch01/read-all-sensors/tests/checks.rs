// The starter's checks, run against this solution: one copy of each check, in the
// exercise.
use read_all_sensors_solution as read_all_sensors;
include!("../../../../exercises/ch01/read-all-sensors/tests/checks.rs");
