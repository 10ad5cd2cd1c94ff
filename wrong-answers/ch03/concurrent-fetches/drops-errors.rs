//! Shows an empty part of the page when its service fails, instead of returning the
//! error.
//!
//! kind: error-handling
//! caught-by: a_failed_fetch_comes_back_at_the_moment_it_fails

pub async fn load_dashboard(
    backend: &impl Backend,
    user: &str,
) -> Result<Dashboard, FetchError> {
    let (profile, orders, recommendations) = tokio::join!(
        backend.profile(user),
        backend.orders(user),
        backend.recommendations(user),
    );
    Ok(Dashboard {
        profile: profile.unwrap_or_default(),
        orders: orders.unwrap_or_default(),
        recommendations: recommendations.unwrap_or_default(),
    })
}
