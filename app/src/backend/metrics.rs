//! What `GET /metrics` tells Prometheus about this instance (OpenMetrics text): requests by
//! route and status, their latency, bytes of works received, mail that failed to go out,
//! and, read from the database when scraped, the queues every instance shares (mail,
//! thumbnails, publications due, uploads in progress: how many and how old the oldest) and
//! this process's database pool.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    /// The route's pattern (`/files/{id}`), never the path itself: ids are not labels.
    route: String,
    method: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct QueueLabels {
    queue: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    state: &'static str,
}

type HistogramFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: HistogramFamily,
    upload_bytes: Counter,
    mail_failures: Counter,
    queue_length: Family<QueueLabels, Gauge>,
    queue_oldest: Family<QueueLabels, Gauge>,
    pool: Family<PoolLabels, Gauge>,
}

fn latency_histogram() -> Histogram {
    // 1 ms … 33 s, doubling.
    Histogram::new(prometheus_client::metrics::histogram::exponential_buckets(0.001, 2.0, 16))
}

impl Default for Metrics {
    fn default() -> Metrics {
        let mut registry = Registry::with_prefix("baiqau");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency: HistogramFamily = Family::new_with_constructor(latency_histogram);
        let upload_bytes = Counter::default();
        let mail_failures = Counter::default();
        let queue_length = Family::<QueueLabels, Gauge>::default();
        let queue_oldest = Family::<QueueLabels, Gauge>::default();
        let pool = Family::<PoolLabels, Gauge>::default();
        registry.register("http_requests", "HTTP requests answered, by route pattern, method and status", requests.clone());
        registry.register("http_request_duration_seconds", "Time to answer a request, by route pattern", latency.clone());
        registry.register("upload_bytes", "Bytes of works received and acknowledged by this instance", upload_bytes.clone());
        registry.register("mail_failures", "Attempts to send a message that failed (each is retried later)", mail_failures.clone());
        registry.register("queue_length", "Work waiting, shared by every instance: mail, thumbnails, publications, uploads", queue_length.clone());
        registry.register("queue_oldest_age_seconds", "How long the oldest waiting item of each queue has waited", queue_oldest.clone());
        registry.register("db_pool_connections", "This instance's database connections: open, idle, maximum", pool.clone());
        Metrics { registry, requests, latency, upload_bytes, mail_failures, queue_length, queue_oldest, pool }
    }
}

impl Metrics {
    pub fn request(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.requests.get_or_create(&RequestLabels { route: route.to_owned(), method: method.to_owned(), status }).inc();
        self.latency.get_or_create(&RouteLabels { route: route.to_owned() }).observe(seconds);
    }

    pub fn uploaded(&self, bytes: u64) {
        self.upload_bytes.inc_by(bytes);
    }

    pub fn mail_failed(&self) {
        self.mail_failures.inc();
    }

    /// A queue's length and the age of its oldest item (0 when empty).
    pub fn queue(&self, queue: &'static str, length: i64, oldest_age: i64) {
        self.queue_length.get_or_create(&QueueLabels { queue }).set(length);
        self.queue_oldest.get_or_create(&QueueLabels { queue }).set(oldest_age.max(0));
    }

    pub fn pool(&self, open: i64, idle: i64, max: i64) {
        for (state, n) in [("open", open), ("idle", idle), ("max", max)] {
            self.pool.get_or_create(&PoolLabels { state }).set(n);
        }
    }

    /// The text a scrape gets.
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}
