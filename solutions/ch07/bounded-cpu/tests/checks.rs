use bounded_cpu_solution as bounded_cpu;
include!("../../../../exercises/ch07/bounded-cpu/tests/checks.rs");
