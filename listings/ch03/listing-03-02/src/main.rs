//! Listing 3-2: a future is a state machine, and its size is the size of what it
//! keeps across its `.await` points.

use std::mem::size_of_val;
use std::time::Duration;

// ANCHOR: sizes
/// Awaits nothing: its future holds only its argument.
async fn total_price(quantities: [u32; 4]) -> u32 {
    quantities.iter().sum()
}

/// A 1 KiB buffer used only before the await, but still in scope across it.
async fn checksum_then_wait(seed: u8) -> u8 {
    let buffer = [seed; 1024];
    let checksum = buffer.iter().fold(0u8, |sum, byte| sum.wrapping_add(*byte));
    tokio::time::sleep(Duration::from_millis(1)).await;
    checksum
}

/// The same, with the buffer in a block that ends before the await.
async fn checksum_in_a_block_then_wait(seed: u8) -> u8 {
    let checksum = {
        let buffer = [seed; 1024];
        buffer.iter().fold(0u8, |sum, byte| sum.wrapping_add(*byte))
    };
    tokio::time::sleep(Duration::from_millis(1)).await;
    checksum
}

/// The buffer used after the await: the future must keep it while it is suspended.
async fn wait_then_checksum(seed: u8) -> u8 {
    let buffer = [seed; 1024];
    tokio::time::sleep(Duration::from_millis(1)).await;
    buffer.iter().fold(0u8, |sum, byte| sum.wrapping_add(*byte))
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Creating a future runs none of its body (Listing 3-1): we measure them without
    // awaiting.
    let sleep = tokio::time::sleep(Duration::from_millis(1));
    let sizes = [
        ("tokio::time::sleep", size_of_val(&sleep)),
        ("total_price", size_of_val(&total_price([1, 2, 3, 4]))),
        ("checksum_then_wait", size_of_val(&checksum_then_wait(7))),
        (
            "checksum_in_a_block_then_wait",
            size_of_val(&checksum_in_a_block_then_wait(7)),
        ),
        ("wait_then_checksum", size_of_val(&wait_then_checksum(7))),
    ];
    for (future, bytes) in sizes {
        println!("{future:<30} {bytes:>5} bytes");
    }
}
// ANCHOR_END: sizes

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_is_in_scope_across_an_await_is_stored() {
        let scoped = size_of_val(&checksum_in_a_block_then_wait(7));
        assert!(scoped < 1024, "{scoped}");
        assert!(size_of_val(&checksum_then_wait(7)) >= scoped + 1024);
        assert!(size_of_val(&wait_then_checksum(7)) >= scoped + 1024);
    }
}
