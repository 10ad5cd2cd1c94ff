//! Every case must fail to compile with the message pinned beside it. To add or update a case,
//! run `TRYBUILD=overwrite cargo test -p compile-fail-cases`, read the new `.stderr`, and commit it.

#[test]
fn cases_fail_with_the_pinned_messages() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("cases/*.rs");
}
