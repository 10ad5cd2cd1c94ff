use dashboard_with_a_pool_solution as dashboard_with_a_pool;
include!("../../../../exercises/ch06/dashboard-with-a-pool/tests/checks.rs");
