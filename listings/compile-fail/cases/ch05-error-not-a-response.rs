// A handler whose error type axum cannot turn into a response.
use axum::Router;
use axum::routing::get;

async fn table_count() -> Result<String, std::num::ParseIntError> {
    let tables: u32 = "12".parse()?;
    Ok(format!("{tables} tables free"))
}

fn main() {
    let app: Router = Router::new().route("/tables", get(table_count));
    drop(app);
}
