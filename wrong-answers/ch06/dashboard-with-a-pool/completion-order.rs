//! Collects the three answers as they finish (FuturesUnordered) and fills the
//! fields in that order: right only when the queries finish in the order of the
//! fields.
//!
//! kind: friendly-inputs
//! caught-by: three_connections_run_the_three_queries_at_once
//! dependencies: futures

pub async fn dashboard<P: Pool>(pool: &P) -> Result<Dashboard, DbError> {
    use futures::stream::{FuturesUnordered, StreamExt};
    let mut queries: FuturesUnordered<_> =
        [ORDERS_TODAY, REVENUE_TODAY, OUT_OF_STOCK]
            .into_iter()
            .map(|query| fetch_on_own_connection(pool, query))
            .collect();
    let mut numbers = Vec::new();
    while let Some(number) = queries.next().await {
        numbers.push(number?);
    }
    Ok(Dashboard {
        orders_today: numbers[0],
        revenue_today_cents: numbers[1],
        out_of_stock: numbers[2],
    })
}
