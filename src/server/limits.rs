//! What the server refuses (feature `server`): connections beyond a cap,
//! clients too slow to send a request, idle keep-alive connections, and
//! control requests from web browsers or under a foreign `Host`.

use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use hyper::header::{HeaderMap, HOST, ORIGIN};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

use crate::calls::lock;

/// How a server started with [`MockOrganizations::serve_with`](crate::MockOrganizations::serve_with)
/// treats its connections and its control endpoints.
///
/// ```
/// use std::time::Duration;
/// use aws_organizations_mock::ServerOptions;
/// let options = ServerOptions::default()
///     .idle_timeout(Duration::from_secs(5))
///     .max_connections(64)
///     .allow_host("mock.internal");
/// # let _ = options;
/// ```
#[derive(Clone, Debug)]
pub struct ServerOptions {
    pub(crate) header_read_timeout: Duration,
    pub(crate) idle_timeout: Duration,
    pub(crate) max_connections: usize,
    pub(crate) hosts: Vec<String>,
}

impl Default for ServerOptions {
    /// A 10 s header-read timeout, a 30 s idle timeout, 512 connections at
    /// most, and control endpoints for loopback host names only.
    fn default() -> Self {
        ServerOptions {
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            max_connections: 512,
            hosts: Vec::new(),
        }
    }
}

impl ServerOptions {
    /// How long a client has to send a request's head once it has sent its
    /// first byte, and again to send its body; a slower client's connection
    /// is closed. Default 10 s.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// How long a connection may wait, idle, for its next request before it
    /// is closed (a request in progress is never cut). Default 30 s.
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }

    /// The most connections served at once (at least 1); further clients
    /// wait in the listen queue until one closes. Default 512.
    pub fn max_connections(mut self, max: usize) -> Self {
        self.max_connections = max.max(1);
        self
    }

    /// Another name (host name or IP address, without port) under which the
    /// server answers, operations and control endpoints alike. By default it
    /// answers only to the loopback names, `localhost`, `127.0.0.0/8` and
    /// `::1` (and to the address the server is bound to), so that a web page
    /// reached through DNS rebinding can neither call operations nor use the
    /// control endpoints.
    pub fn allow_host(mut self, name: &str) -> Self {
        self.hosts.push(name.to_ascii_lowercase());
        self
    }
}

/// Why a request (an operation or a control request) is refused, if it is: it comes from a web browser
/// (it carries `Origin` or `Sec-Fetch-Site`), or names a host that is not
/// one of the server's own. A request without `Host` (HTTP/1.0) passes.
pub(crate) fn refuse_foreign(headers: &HeaderMap, hosts: &[String], bound: IpAddr) -> Option<String> {
    if headers.contains_key(ORIGIN) || headers.contains_key("sec-fetch-site") {
        return Some(
            "The mock server refuses requests from web browsers (the request carries Origin or Sec-Fetch-Site); nothing changed."
                .into(),
        );
    }
    let host = headers.get(HOST)?;
    let name = host.to_str().ok().map(host_name).unwrap_or_default();
    let ours = name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback() || ip == bound)
        || hosts.iter().any(|h| h.eq_ignore_ascii_case(name));
    (!ours).then(|| {
        format!(
            "The mock server answers only to its own names (localhost, 127.0.0.0/8, ::1, and those added with --allow-host), not to Host '{}'; nothing changed.",
            String::from_utf8_lossy(host.as_bytes())
        )
    })
}

/// The name in a `Host` header: without its port, and an IPv6 address without brackets.
fn host_name(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

/// Where a connection stands, for its deadlines.
#[derive(Clone, Copy, Debug)]
enum Phase {
    /// Waiting for a request since then, no byte of it received.
    Idle(Instant),
    /// The first byte of a request came then; its head is not complete.
    Head(Instant),
    /// This many requests are being answered: no deadline.
    Busy(usize),
}

/// The phase of one connection, shared by its socket and its service, and
/// the reader to wake when a busy connection turns idle (its deadline starts).
#[derive(Clone, Debug)]
pub(crate) struct Activity(Arc<Mutex<(Phase, Option<Waker>)>>);

impl Activity {
    pub(crate) fn new() -> Self {
        Activity(Arc::new(Mutex::new((Phase::Idle(Instant::now()), None))))
    }

    /// Marks a request as being answered until the guard is dropped.
    pub(crate) fn busy(&self) -> BusyGuard {
        let mut state = lock(&self.0);
        state.0 = match state.0 {
            Phase::Busy(n) => Phase::Busy(n + 1),
            _ => Phase::Busy(1),
        };
        BusyGuard(self.clone())
    }
}

/// A request being answered; see [`Activity::busy`].
pub(crate) struct BusyGuard(Activity);

impl Drop for BusyGuard {
    fn drop(&mut self) {
        let mut state = lock(&self.0 .0);
        state.0 = match state.0 {
            Phase::Busy(n) if n > 1 => Phase::Busy(n - 1),
            _ => Phase::Idle(Instant::now()),
        };
        if let (Phase::Idle(_), Some(reader)) = (state.0, state.1.take()) {
            reader.wake();
        }
    }
}

/// A socket that fails its reads with `TimedOut` once the connection has
/// been idle for `idle`, or has taken `header_read` to send a request's head.
pub(crate) struct Deadlines<S> {
    inner: S,
    activity: Activity,
    sleep: Pin<Box<Sleep>>,
    header_read: Duration,
    idle: Duration,
}

impl<S> Deadlines<S> {
    pub(crate) fn new(inner: S, activity: Activity, options: &ServerOptions) -> Self {
        Deadlines {
            inner,
            activity,
            sleep: Box::pin(tokio::time::sleep(options.idle_timeout)),
            header_read: options.header_read_timeout,
            idle: options.idle_timeout,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Deadlines<S> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        if let Poll::Ready(result) = Pin::new(&mut this.inner).poll_read(cx, buf) {
            if buf.filled().len() > before {
                let mut state = lock(&this.activity.0);
                if let Phase::Idle(_) = state.0 {
                    state.0 = Phase::Head(Instant::now());
                }
            }
            return Poll::Ready(result);
        }
        let deadline = {
            let mut state = lock(&this.activity.0);
            match state.0 {
                Phase::Idle(since) => since + this.idle,
                Phase::Head(since) => since + this.header_read,
                Phase::Busy(_) => {
                    // No deadline while busy; woken to set one when idle.
                    state.1 = Some(cx.waker().clone());
                    return Poll::Pending;
                }
            }
        };
        // The timer is moved only when it would fire too late; one that
        // fires early (the deadline has moved on since) is re-armed then. So
        // a busy keep-alive connection does not touch the timer per request.
        if this.sleep.deadline() > deadline {
            this.sleep.as_mut().reset(deadline);
        }
        loop {
            match this.sleep.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(()) if Instant::now() >= deadline => {
                    return Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "the client was idle, or sent its request too slowly",
                    )))
                }
                Poll::Ready(()) => this.sleep.as_mut().reset(deadline),
            }
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Deadlines<S> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[(&'static str, &str)]) -> HeaderMap {
        list.iter()
            .map(|(k, v)| (hyper::header::HeaderName::from_static(k), v.parse().unwrap()))
            .collect()
    }

    #[test]
    fn loopback_names_with_any_port_are_the_servers_own() {
        let bound: IpAddr = "127.0.0.1".parse().unwrap();
        for host in [
            "localhost",
            "LOCALHOST:4566",
            "127.0.0.1:80",
            "127.8.9.10",
            "[::1]:4566",
            "[::1]",
        ] {
            assert_eq!(refuse_foreign(&headers(&[("host", host)]), &[], bound), None, "{host}");
        }
        assert_eq!(refuse_foreign(&HeaderMap::new(), &[], bound), None);
        for host in [
            "evil.example",
            "evil.example:4566",
            "128.0.0.1",
            "localhost.evil.example",
            "[::2]:1",
            // What follows the last colon is no port: the whole is the name.
            "localhost:evil.example",
            "127.0.0.1:x",
        ] {
            assert!(
                refuse_foreign(&headers(&[("host", host)]), &[], bound).is_some(),
                "{host}"
            );
        }
        let extra = ["mock.internal".to_string()];
        assert_eq!(
            refuse_foreign(&headers(&[("host", "mock.internal:1")]), &extra, bound),
            None
        );
        let lan: IpAddr = "10.0.0.5".parse().unwrap();
        assert_eq!(refuse_foreign(&headers(&[("host", "10.0.0.5:4566")]), &[], lan), None);
    }

    #[test]
    fn browsers_are_refused_whatever_the_host() {
        let bound: IpAddr = "127.0.0.1".parse().unwrap();
        let origin = headers(&[("host", "127.0.0.1"), ("origin", "http://evil.example")]);
        assert!(refuse_foreign(&origin, &[], bound).is_some());
        let fetch = headers(&[("host", "127.0.0.1"), ("sec-fetch-site", "cross-site")]);
        assert!(refuse_foreign(&fetch, &[], bound).is_some());
    }

    const IDLE: Duration = Duration::from_secs(100);
    const HEADER_READ: Duration = Duration::from_secs(1);

    /// The server's side of a connection behind its deadlines (idle 100 s,
    /// header read 1 s), the client's side, and the connection's activity.
    fn connection() -> (Deadlines<tokio::io::DuplexStream>, tokio::io::DuplexStream, Activity) {
        let (server, client) = tokio::io::duplex(1024);
        let activity = Activity::new();
        let options = ServerOptions::default()
            .idle_timeout(IDLE)
            .header_read_timeout(HEADER_READ);
        (Deadlines::new(server, activity.clone(), &options), client, activity)
    }

    /// One read from the server's side within `wait` of tokio's clock (paused
    /// in these tests, so no real time passes): `None` while it is pending.
    async fn read_within<S: AsyncRead + Unpin>(stream: &mut Deadlines<S>, wait: Duration) -> Option<io::Result<usize>> {
        use tokio::io::AsyncReadExt;
        let mut buf = [0u8; 256];
        tokio::time::timeout(wait, stream.read(&mut buf)).await.ok()
    }

    fn timed_out(read: Option<io::Result<usize>>) -> bool {
        matches!(read, Some(Err(e)) if e.kind() == io::ErrorKind::TimedOut)
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_head_is_cut_at_the_header_read_timeout_not_before_nor_at_the_idle_one() {
        use tokio::io::AsyncWriteExt;
        let (mut server, mut client, _activity) = connection();
        client.write_all(b"POST / HTTP/1.1\r\n").await.unwrap();
        assert_eq!(read_within(&mut server, Duration::ZERO).await.unwrap().unwrap(), 17);
        // The head's deadline runs from its first byte...
        assert!(
            read_within(&mut server, HEADER_READ / 2).await.is_none(),
            "cut too early"
        );
        // ...and cuts the connection long before the idle deadline would.
        assert!(timed_out(read_within(&mut server, HEADER_READ).await), "not cut");
    }

    #[tokio::test(start_paused = true)]
    async fn once_its_request_is_answered_a_connection_waits_for_the_idle_timeout() {
        use tokio::io::AsyncWriteExt;
        let (mut server, mut client, activity) = connection();
        client.write_all(b"POST / HTTP/1.1\r\n").await.unwrap();
        read_within(&mut server, Duration::ZERO).await.unwrap().unwrap();
        assert!(read_within(&mut server, HEADER_READ / 2).await.is_none());
        client.write_all(b"Host: 127.0.0.1\r\n\r\n").await.unwrap();
        read_within(&mut server, Duration::ZERO).await.unwrap().unwrap();
        // The request is answered; the head's deadline no longer applies.
        drop(activity.busy());
        assert!(
            read_within(&mut server, HEADER_READ * 2).await.is_none(),
            "an idle keep-alive connection cut at the header read timeout"
        );
        assert!(
            timed_out(read_within(&mut server, IDLE).await),
            "an idle connection kept"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_connection_has_no_deadline_until_its_last_request_is_answered() {
        let (mut server, _client, activity) = connection();
        let first = activity.busy();
        let second = activity.busy();
        drop(first);
        assert!(
            read_within(&mut server, IDLE * 10).await.is_none(),
            "cut while a request is being answered"
        );
        drop(second);
        assert!(timed_out(read_within(&mut server, IDLE * 2).await), "never idle again");
    }

    /// The server writes its responses through the deadlines: every byte,
    /// flush and shutdown reaches the stream beneath, here one that buffers.
    #[tokio::test(start_paused = true)]
    async fn writes_flushes_and_shutdowns_reach_the_wrapped_stream() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let (server, mut client) = tokio::io::duplex(64 * 1024);
        let mut stream = Deadlines::new(
            tokio::io::BufWriter::new(server),
            Activity::new(),
            &ServerOptions::default(),
        );
        let response: &[u8] = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}";
        let (head, rest) = response.split_at(17);
        stream.write_all(head).await.unwrap();
        let (a, b) = rest.split_at(10);
        let n = stream
            .write_vectored(&[io::IoSlice::new(a), io::IoSlice::new(b)])
            .await
            .unwrap();
        stream.write_all(&rest[n..]).await.unwrap();
        stream.flush().await.unwrap();
        let mut received = vec![0u8; response.len()];
        tokio::time::timeout(Duration::from_secs(1), client.read_exact(&mut received))
            .await
            .expect("the flushed bytes arrive")
            .unwrap();
        assert_eq!(received, response);

        stream.write_all(b"bye").await.unwrap();
        stream.shutdown().await.unwrap();
        let mut last = Vec::new();
        tokio::time::timeout(Duration::from_secs(1), client.read_to_end(&mut last))
            .await
            .expect("the shutdown ends the stream")
            .unwrap();
        assert_eq!(last, b"bye");
    }
}
