use query_off_the_runtime_solution as query_off_the_runtime;
include!("../../../../exercises/ch06/query-off-the-runtime/tests/checks.rs");
