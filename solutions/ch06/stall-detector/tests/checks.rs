use stall_detector_solution as stall_detector;
include!("../../../../exercises/ch06/stall-detector/tests/checks.rs");
