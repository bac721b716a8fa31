//! Not a test but a benchmark (`bench/phone` runs it and prints its report): the pages a
//! phone in a village opens, on an emulated slow link (400 kbit/s down and up, 150 ms
//! latency) with its CPU slowed 4× at 360 px, on a first visit (nothing cached) and a
//! second. For each: first contentful paint, and when the page was interactive (its islands
//! hydrated: the loader's `baiqau-interactive` mark). It asserts nothing about time.

use crate::entries::{open_contest, start_entry};
use crate::harness::{Browser, Server};
use crate::*;
use serde_json::json;

/// 400 kbit/s in bytes per second, and the latency in milliseconds.
const SLOW: (u64, u64, u64) = (50_000, 50_000, 150);

/// (first contentful paint, interactive), milliseconds after the navigation started.
async fn timings(b: &Browser) -> (f64, f64) {
    let got = b
        .script_value(
            "const at = (name) => { const e = performance.getEntriesByName(name)[0]; return e ? e.startTime : -1; };
             return [at('first-contentful-paint'), at('baiqau-interactive')];",
        )
        .await;
    let pair: (f64, f64) = serde_json::from_value(got).unwrap_or_else(|e| panic!("timings: {e}"));
    // A missing mark means the page never painted or its loader never finished: no figure.
    assert!(pair.0 >= 0.0 && pair.1 >= 0.0, "paint and interactive marks: {pair:?}");
    pair
}

/// A first and a second visit to `url` on the slow phone; the browser is fast again after.
/// Neither goes through the judge's service worker, whose fetches the emulation would not
/// slow: the second visit finds the code in the HTTP cache instead of the worker's, which is
/// as fast, and fetches the page over the slow link as the worker would.
async fn slow_visits(b: &Browser, url: &str) -> [(f64, f64); 2] {
    b.forget_service_workers(url).await;
    b.cdp("Network.clearBrowserCache", json!({})).await;
    b.network(Some(SLOW), false).await;
    b.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 4 })).await;
    b.goto(url).await;
    b.wait_hydrated().await;
    let first = timings(b).await;
    b.forget_service_workers(url).await;
    b.goto(url).await;
    b.wait_hydrated().await;
    let second = timings(b).await;
    b.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 1 })).await;
    b.network(None, false).await;
    [first, second]
}

#[tokio::test]
#[ignore = "a benchmark, run by bench/phone"]
async fn slow_phone_report() {
    let server = Server::start().await;
    let accounts = server.demo();
    let mut rows = Vec::new();

    let b = Browser::phone().await;
    let contest = open_contest(&server, &b).await;
    rows.push(("home", slow_visits(&b, &server.url("/")).await));
    rows.push(("contest page", slow_visits(&b, &contest).await));
    b.close().await;

    let b = Browser::phone().await;
    start_entry(&server, &b, "phone@mail.kz", "Әлия Ахметова", "Сурет", "Менің әжем", true).await;
    let entry = b.current_url().await;
    rows.push(("submit: entry with uploader", slow_visits(&b, &entry).await));
    b.close().await;

    let b = Browser::phone().await;
    log_in(&server, &b, "judge@demo.baiqau.kz", password_of(&accounts, "judge@demo.baiqau.kz")).await;
    b.goto(&server.url("/judge")).await;
    let work = b.links(".queue a").await.into_iter().next().expect("a work in the demo judge's queue");
    rows.push(("scoring page", slow_visits(&b, &server.url(&work)).await));
    b.close().await;

    println!("\nSlow phone: 400 kbit/s down and up, 150 ms latency, CPU 4x slower, 360 px wide (milliseconds)");
    println!("{:<30} {:>12} {:>14} {:>12} {:>14}", "page", "1st: paint", "1st: interact", "2nd: paint", "2nd: interact");
    for (page, [first, second]) in rows {
        println!("{page:<30} {:>12.0} {:>14.0} {:>12.0} {:>14.0}", first.0, first.1, second.0, second.1);
    }
}
