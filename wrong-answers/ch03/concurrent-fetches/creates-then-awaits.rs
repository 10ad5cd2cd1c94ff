//! Creates the three futures first, as if that started them, then awaits them one by
//! one.
//!
//! kind: sequential
//! caught-by: the_fetches_overlap

pub async fn load_dashboard(
    backend: &impl Backend,
    user: &str,
) -> Result<Dashboard, FetchError> {
    let profile = backend.profile(user);
    let orders = backend.orders(user);
    let recommendations = backend.recommendations(user);
    Ok(Dashboard {
        profile: profile.await?,
        orders: orders.await?,
        recommendations: recommendations.await?,
    })
}
