//! Shows an empty order list when the orders service fails.
//!
//! kind: error-handling
//! caught-by: a_failed_fetch_comes_back_as_the_error_as_soon_as_it_fails

/// The three backend services, each with its latency, and whether the orders service is down.
#[derive(Debug, Clone)]
pub struct Backend {
    pub profile_latency: Duration,
    pub orders_latency: Duration,
    pub recommendations_latency: Duration,
    pub orders_down: bool,
}

impl Backend {
    pub async fn profile(&self, user: &str) -> Result<String, FetchError> {
        tokio::time::sleep(self.profile_latency).await;
        Ok(format!("{user} (member since 2019)"))
    }

    pub async fn orders(&self, user: &str) -> Result<Vec<u32>, FetchError> {
        tokio::time::sleep(self.orders_latency).await;
        if self.orders_down {
            return Err(FetchError::Unavailable { service: "orders" });
        }
        Ok(vec![user.len() as u32, 1042, 1043])
    }

    pub async fn recommendations(&self, user: &str) -> Result<Vec<String>, FetchError> {
        tokio::time::sleep(self.recommendations_latency).await;
        Ok(vec![format!("a book for {user}"), "a kettle".to_string()])
    }
}

/// Fetches the three parts of `user`'s dashboard concurrently.
pub async fn load_dashboard(backend: &Backend, user: &str) -> Result<Dashboard, FetchError> {
    // `try_join!` polls the three futures from this one task, so their waits overlap, and
    // returns the first `Err` at once, dropping (cancelling) the fetches still in flight.
    let (profile, orders, recommendations) = tokio::join!(
        backend.profile(user),
        backend.orders(user),
        backend.recommendations(user),
    );
    let (profile, orders, recommendations) =
        (profile?, orders.unwrap_or_default(), recommendations?);
    Ok(Dashboard {
        profile,
        orders,
        recommendations,
    })
}
