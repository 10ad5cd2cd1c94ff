//! Listing 1-5: the price of a switch. Two threads or two tasks pass a message back
//! and forth, first through a loopback TCP connection (every switch waits for the
//! OS), then through an in-memory channel (only threads need the OS to switch).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ROUND_TRIPS: u32 = 20_000;

// ANCHOR: tcp-threads
/// One thread echoes each byte it reads; the other sends a byte and waits for it to
/// come back.
fn tcp_threads() -> Duration {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let echo = thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        // Both ends send one byte at a time: neither may wait to batch them.
        socket.set_nodelay(true).unwrap();
        let mut byte = [0u8];
        while socket.read_exact(&mut byte).is_ok() {
            socket.write_all(&byte).unwrap();
        }
    });
    let mut socket = TcpStream::connect(address).unwrap();
    socket.set_nodelay(true).unwrap();
    let start = Instant::now();
    let mut byte = [7u8];
    for _ in 0..ROUND_TRIPS {
        socket.write_all(&byte).unwrap();
        socket.read_exact(&mut byte).unwrap();
    }
    let took = start.elapsed();
    drop(socket);
    echo.join().unwrap();
    took
}
// ANCHOR_END: tcp-threads

// ANCHOR: tcp-tasks
/// The same exchange between two tasks on one thread.
async fn tcp_tasks() -> Duration {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let echo = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        // Both ends send one byte at a time: neither may wait to batch them.
        socket.set_nodelay(true).unwrap();
        let mut byte = [0u8];
        while socket.read_exact(&mut byte).await.is_ok() {
            socket.write_all(&byte).await.unwrap();
        }
    });
    let mut socket = tokio::net::TcpStream::connect(address).await.unwrap();
    socket.set_nodelay(true).unwrap();
    let start = Instant::now();
    let mut byte = [7u8];
    for _ in 0..ROUND_TRIPS {
        socket.write_all(&byte).await.unwrap();
        socket.read_exact(&mut byte).await.unwrap();
    }
    let took = start.elapsed();
    drop(socket);
    echo.await.unwrap();
    took
}
// ANCHOR_END: tcp-tasks

// ANCHOR: channels
/// Two threads pass a number back and forth through in-memory channels.
fn channel_threads() -> Duration {
    let (to_echo, echo_inbox) = mpsc::channel::<u32>();
    let (to_main, main_inbox) = mpsc::channel::<u32>();
    let echo = thread::spawn(move || {
        for n in echo_inbox {
            to_main.send(n).unwrap();
        }
    });
    let start = Instant::now();
    for n in 0..ROUND_TRIPS {
        to_echo.send(n).unwrap();
        main_inbox.recv().unwrap();
    }
    let took = start.elapsed();
    drop(to_echo);
    echo.join().unwrap();
    took
}

/// Two tasks on one thread do the same through tokio's channels: no system call at
/// all.
async fn channel_tasks() -> Duration {
    let (to_echo, mut echo_inbox) = tokio::sync::mpsc::channel::<u32>(1);
    let (to_main, mut main_inbox) = tokio::sync::mpsc::channel::<u32>(1);
    let echo = tokio::spawn(async move {
        while let Some(n) = echo_inbox.recv().await {
            to_main.send(n).await.unwrap();
        }
    });
    let start = Instant::now();
    for n in 0..ROUND_TRIPS {
        to_echo.send(n).await.unwrap();
        main_inbox.recv().await.unwrap();
    }
    let took = start.elapsed();
    drop(to_echo);
    echo.await.unwrap();
    took
}
// ANCHOR_END: channels

// ANCHOR: main
fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .unwrap();
    println!("{ROUND_TRIPS} round trips, time per round trip:");
    report("loopback TCP, 2 threads", tcp_threads());
    report("loopback TCP, 2 tasks  ", runtime.block_on(tcp_tasks()));
    report("channel,      2 threads", channel_threads());
    report("channel,      2 tasks  ", runtime.block_on(channel_tasks()));
}
// ANCHOR_END: main

fn report(what: &str, took: Duration) {
    println!("  {what}: {:>8.2?}", took / ROUND_TRIPS);
}
