//! Keeps the services in the state and opens a pool in the handler, the article's
//! `async with httpx.AsyncClient()` per request: new connections every time.
//!
//! kind: more-than-asked
//! caught-by: one_pool_per_service_for_every_request

#[derive(Clone)]
struct Services {
    pricing: Service,
    inventory: Service,
}

async fn product_page(
    State(services): State<Services>,
    Path(item): Path<String>,
) -> Result<Json<serde_json::Value>, PageError> {
    let pricing = services.pricing.open_pool();
    let inventory = services.inventory.open_pool();
    let (cents, in_stock) =
        tokio::try_join!(ask(&pricing, &item), ask(&inventory, &item))?;
    Ok(Json(
        json!({ "item": item, "cents": cents, "in_stock": in_stock }),
    ))
}

/// The product page: `GET /products/{item}`.
pub fn app(pricing: Service, inventory: Service) -> Router {
    Router::new()
        .route("/products/{item}", get(product_page))
        .with_state(Services { pricing, inventory })
}
