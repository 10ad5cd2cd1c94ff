use legacy_rates_solution as legacy_rates;
include!("../../../../exercises/ch05/legacy-rates/tests/checks.rs");
