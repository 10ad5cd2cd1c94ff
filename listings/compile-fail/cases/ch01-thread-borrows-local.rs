// A thread greets a user whose name lives on the caller's stack.
use std::thread;

fn main() {
    let user = String::from("ada");
    let greeter = thread::spawn(|| println!("hello, {user}"));
    greeter.join().unwrap();
}
