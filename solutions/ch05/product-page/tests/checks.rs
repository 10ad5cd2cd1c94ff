use product_page_solution as product_page;
include!("../../../../exercises/ch05/product-page/tests/checks.rs");
