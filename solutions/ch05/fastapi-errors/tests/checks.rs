use fastapi_errors_solution as fastapi_errors;
include!("../../../../exercises/ch05/fastapi-errors/tests/checks.rs");
