// A handler depends on the application's state, but the router is never given one
// (`.with_state(...)` is missing). FastAPI would find out at the first request;
// axum refuses to compile.
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use std::sync::Arc;

#[derive(Clone)]
struct AppState {
    shop_name: Arc<str>,
}

async fn shop_name(State(state): State<AppState>) -> String {
    state.shop_name.to_string()
}

fn app() -> Router {
    Router::new().route("/name", get(shop_name))
}

fn main() {
    let _router = app();
}
