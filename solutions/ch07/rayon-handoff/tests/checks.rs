use rayon_handoff_solution as rayon_handoff;
include!("../../../../exercises/ch07/rayon-handoff/tests/checks.rs");
