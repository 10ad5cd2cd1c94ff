// Four threads each count a request served by adding to one plain integer.
use std::thread;

fn main() {
    let mut requests_served = 0;
    thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| requests_served += 1);
        }
    });
    println!("served {requests_served} requests");
}
