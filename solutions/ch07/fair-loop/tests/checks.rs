use fair_loop_solution as fair_loop;
include!("../../../../exercises/ch07/fair-loop/tests/checks.rs");
