//! Waits for every fetch with join! before looking at the errors.
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
        profile: profile?,
        orders: orders?,
        recommendations: recommendations?,
    })
}
