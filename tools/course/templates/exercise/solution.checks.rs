use {lib}_solution as {lib};
include!("../../../../exercises/{chapter}/{name}/tests/checks.rs");
