//! Polls the three futures by hand in a poll_fn that wakes itself at once whenever a
//! reply is missing.
//!
//! kind: busy-wait
//! caught-by: a_waiting_dashboard_is_polled_only_when_a_reply_comes

use std::task::Poll;

pub async fn load_dashboard(
    backend: &impl Backend,
    user: &str,
) -> Result<Dashboard, FetchError> {
    let mut profile_request = std::pin::pin!(backend.profile(user));
    let mut orders_request = std::pin::pin!(backend.orders(user));
    let mut recommendations_request = std::pin::pin!(backend.recommendations(user));
    let (mut profile, mut orders, mut recommendations) = (None, None, None);
    std::future::poll_fn(|context| {
        if profile.is_none()
            && let Poll::Ready(reply) = profile_request.as_mut().poll(context)
        {
            profile = Some(reply?);
        }
        if orders.is_none()
            && let Poll::Ready(reply) = orders_request.as_mut().poll(context)
        {
            orders = Some(reply?);
        }
        if recommendations.is_none()
            && let Poll::Ready(reply) =
                recommendations_request.as_mut().poll(context)
        {
            recommendations = Some(reply?);
        }
        if profile.is_some() && orders.is_some() && recommendations.is_some() {
            return Poll::Ready(Ok(Dashboard {
                profile: profile.take().unwrap_or_default(),
                orders: orders.take().unwrap_or_default(),
                recommendations: recommendations.take().unwrap_or_default(),
            }));
        }
        // Some reply is missing: ask to be polled again, to look once more.
        context.waker().wake_by_ref();
        Poll::Pending
    })
    .await
}
