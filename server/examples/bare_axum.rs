//! The yardstick for HTTP benchmarks: axum answering a fixed string, with the same
//! TCP_NODELAY setting as `baiqau serve`. Usage: bare_axum 127.0.0.1:3999

use axum::Router;
use axum::routing::get;
use axum::serve::ListenerExt as _;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:3999".into());
    let listener = tokio::net::TcpListener::bind(&addr).await?.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, Router::new().route("/", get(|| async { "Hello from bare axum" }))).await
}
