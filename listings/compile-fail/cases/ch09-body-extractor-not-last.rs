// A handler that reads the JSON body before it asks for the application's state.
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};

#[derive(Clone)]
struct Accounts;

async fn sign_up(Json(username): Json<String>, State(_accounts): State<Accounts>) -> String {
    format!("welcome, {username}")
}

fn main() {
    let app: Router = Router::new()
        .route("/sign-up", post(sign_up))
        .with_state(Accounts);
    drop(app);
}
