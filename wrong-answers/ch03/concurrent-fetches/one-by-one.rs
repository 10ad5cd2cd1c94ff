//! Awaits the three fetches one after another.
//!
//! kind: sequential
//! caught-by: the_fetches_overlap

pub async fn load_dashboard(
    backend: &impl Backend,
    user: &str,
) -> Result<Dashboard, FetchError> {
    let profile = backend.profile(user).await?;
    let orders = backend.orders(user).await?;
    let recommendations = backend.recommendations(user).await?;
    Ok(Dashboard {
        profile,
        orders,
        recommendations,
    })
}
