//! Fetches the profile, guessed to be the slowest service, beside the two others,
//! which it awaits one after the other.
//!
//! kind: friendly-inputs
//! caught-by: the_fetches_overlap

pub async fn load_dashboard(
    backend: &impl Backend,
    user: &str,
) -> Result<Dashboard, FetchError> {
    let (profile, (orders, recommendations)) =
        tokio::try_join!(backend.profile(user), async {
            let orders = backend.orders(user).await?;
            let recommendations = backend.recommendations(user).await?;
            Ok((orders, recommendations))
        })?;
    Ok(Dashboard {
        profile,
        orders,
        recommendations,
    })
}
