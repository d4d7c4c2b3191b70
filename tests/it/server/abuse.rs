//! Server mode under abuse (issue 14): impossible snapshots, a bounded and
//! paged call log, control requests from web pages, idle and slow
//! connections, a connection cap, stray methods and paths, SIGTERM.
//! Raw HTTP over TCP, so that every header is the test's own.
#![cfg(feature = "server")]

use std::time::Duration;

use aws_organizations_mock::{MockOrganizations, ServerHandle, ServerOptions};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support;
use support::raw::{authorization, PREFIX};
use support::{create_organization, create_ou};

/// A bound on waits for something that must happen, so that a regression
/// fails the test instead of hanging it. Never a measure of speed.
const MUST_HAPPEN_WITHIN: Duration = Duration::from_secs(20);

/// A parsed answer: status, headers (lower-cased names) and JSON body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    json: Value,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The sequence numbers of the calls in a `GET /_mock/calls` answer.
    fn seqs(&self) -> Vec<u64> {
        let calls = self.json.as_array().expect("an array of calls");
        calls.iter().map(|c| c["seq"].as_u64().unwrap()).collect()
    }
}

/// Sends one request on a fresh connection (closed after the answer).
/// `headers` replace the defaults (`Host: 127.0.0.1`) when they name them.
async fn send(server: &ServerHandle, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
    let mut stream = TcpStream::connect(server.local_addr()).await.unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        request.push_str("Host: 127.0.0.1\r\n");
    }
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    tokio::time::timeout(MUST_HAPPEN_WITHIN, stream.read_to_end(&mut raw))
        .await
        .expect("the server answered")
        .unwrap();
    parse(&raw)
}

fn parse(raw: &[u8]) -> Answer {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").expect("an HTTP answer");
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Answer {
        status,
        headers,
        json: serde_json::from_str(body).unwrap_or(Value::Null),
    }
}

async fn api(server: &ServerHandle, method: &str, path: &str, operation: &str) -> Answer {
    let auth = authorization("AKIDEXAMPLE");
    let target = format!("{PREFIX}{operation}");
    let headers = [("Authorization", auth.as_str()), ("X-Amz-Target", target.as_str())];
    send(server, method, path, &headers, "{}").await
}

#[tokio::test]
async fn an_impossible_snapshot_gets_400_and_the_old_world_stays() {
    let mock = MockOrganizations::new();
    let client = mock.client();
    let a = create_ou(&client, &create_organization(&client).await, "A").await;
    let b = create_ou(&client, &a, "B").await;
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let before = mock.snapshot();

    let mut cyclic = before.clone();
    let org = cyclic["orgs"].as_object_mut().unwrap().values_mut().next().unwrap();
    org["ous"][&a]["parent_id"] = Value::from(b.clone());
    let answer = send(&server, "POST", "/_mock/snapshot", &[], &cyclic.to_string()).await;
    assert_eq!(answer.status, 400);
    let message = answer.json["message"].as_str().unwrap();
    assert!(
        message.contains("impossible world") && message.contains(&a),
        "{message}"
    );
    assert_eq!(mock.snapshot(), before);
    // The world still answers, with the OU cycle nowhere.
    assert_eq!(api(&server, "POST", "/", "ListAccounts").await.status, 200);
    create_ou(&client, &b, "C").await;
    server.shutdown().await;
}

#[tokio::test]
async fn the_call_log_is_bounded_and_paged() {
    let mock = MockOrganizations::builder().max_recorded_calls(5).build();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    assert_eq!(api(&server, "POST", "/", "CreateOrganization").await.status, 200);
    for _ in 0..7 {
        assert_eq!(api(&server, "POST", "/", "DescribeOrganization").await.status, 200);
    }
    // 8 calls, the latest 5 kept.
    let all = send(&server, "GET", "/_mock/calls", &[], "").await;
    assert_eq!(all.seqs(), [3, 4, 5, 6, 7]);
    assert_eq!(all.header("x-mock-dropped-calls"), Some("3"));
    assert_eq!(all.header("x-mock-next-since"), Some("8"));
    assert_eq!(all.json[0]["operation"], "DescribeOrganization");
    assert_eq!(mock.dropped_calls(), 3);
    assert_eq!(mock.calls().len(), 5);

    let page = send(&server, "GET", "/_mock/calls?since=5&limit=2", &[], "").await;
    assert_eq!(page.seqs(), [5, 6]);
    assert_eq!(page.header("x-mock-next-since"), Some("7"));
    let bad = send(&server, "GET", "/_mock/calls?since=-1", &[], "").await;
    assert_eq!(bad.status, 400);

    // A reset forgets the calls; numbering goes on.
    assert_eq!(send(&server, "POST", "/_mock/reset", &[], "").await.status, 200);
    assert!(mock.calls().is_empty());
    api(&server, "POST", "/", "CreateOrganization").await;
    let after = send(&server, "GET", "/_mock/calls?since=8", &[], "").await;
    assert_eq!(after.json[0]["seq"], 8);
    server.shutdown().await;
}

#[tokio::test]
async fn control_endpoints_refuse_web_pages_and_foreign_hosts() {
    let mock = MockOrganizations::new();
    create_organization(&mock.client()).await;
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let before = mock.snapshot();

    // A page on another site posting a "simple" request.
    let from_page = [("Origin", "http://evil.example"), ("Content-Type", "text/plain")];
    let refused = send(&server, "POST", "/_mock/reset", &from_page, "").await;
    assert_eq!(refused.status, 403);
    assert!(refused.json["message"].as_str().unwrap().contains("browsers"));
    assert_eq!(mock.snapshot(), before);
    let fetch = [("Sec-Fetch-Site", "cross-site")];
    assert_eq!(send(&server, "POST", "/_mock/reset", &fetch, "").await.status, 403);

    // DNS rebinding: the page's own name in Host.
    let rebound = send(&server, "GET", "/_mock/snapshot", &[("Host", "evil.example:4566")], "").await;
    assert_eq!(rebound.status, 403);
    assert!(rebound.json.get("orgs").is_none());
    let fixture = send(&server, "POST", "/_mock/fixture", &[("Host", "evil.example")], "{}").await;
    assert_eq!(fixture.status, 403);
    assert_eq!(mock.snapshot(), before);

    // Tools send the server's own names and no Origin.
    for host in ["localhost:4566", "127.0.0.1", "127.1.2.3:9", "[::1]:4566"] {
        let answer = send(&server, "GET", "/_mock/snapshot", &[("Host", host)], "").await;
        assert_eq!(answer.status, 200, "{host}");
    }
    server.shutdown().await;

    // Names added by the user are the server's too.
    let server = mock
        .serve_with("127.0.0.1:0", ServerOptions::default().allow_host("mock.internal"))
        .await
        .unwrap();
    let answer = send(&server, "GET", "/_mock/snapshot", &[("Host", "mock.internal:80")], "").await;
    assert_eq!(answer.status, 200);
    server.shutdown().await;
}

#[tokio::test]
async fn operations_refuse_web_pages_and_foreign_hosts() {
    let mock = MockOrganizations::new();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let before = mock.snapshot();
    let target = ("X-Amz-Target", "AWSOrganizationsV20161128.CreateOrganization");
    let json = ("Content-Type", "application/x-amz-json-1.1");
    // STS's awsQuery is a form POST, which a page may send without a CORS
    // preflight; DNS rebinding makes any call same-origin.
    let form = ("Content-Type", "application/x-www-form-urlencoded");
    let sts_body = "Action=GetCallerIdentity&Version=2011-06-15";
    for (headers, body) in [
        (vec![target, json, ("Origin", "http://evil.example")], "{}"),
        (vec![target, json, ("Sec-Fetch-Site", "cross-site")], "{}"),
        (vec![target, json, ("Host", "evil.example:4566")], "{}"),
        (vec![form, ("Origin", "http://evil.example")], sts_body),
        (vec![form, ("Host", "evil.example")], sts_body),
    ] {
        let refused = send(&server, "POST", "/", &headers, body).await;
        assert_eq!(refused.status, 403, "{headers:?}");
        assert_eq!(refused.json["__type"], "AccessDeniedException", "{headers:?}");
    }
    assert_eq!(mock.snapshot(), before);
    assert!(mock.calls().is_empty(), "a refused request is not a call");
    // The server's own names run operations.
    for host in ["localhost:4566", "127.0.0.1"] {
        let answer = send(&server, "POST", "/", &[target, json, ("Host", host)], "{}").await;
        assert_ne!(answer.status, 403, "{host}: {:?}", answer.json);
    }
    assert_eq!(mock.calls().len(), 2);
    server.shutdown().await;
}

#[tokio::test]
async fn only_post_slash_runs_an_operation() {
    let mock = MockOrganizations::new();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let before = mock.snapshot();
    for (method, path, status) in [
        ("DELETE", "/whatever", 404),
        ("POST", "/whatever", 404),
        ("POST", "/index.html", 404),
        ("GET", "/", 405),
        ("PUT", "/", 405),
        ("DELETE", "/", 405),
    ] {
        let answer = api(&server, method, path, "CreateOrganization").await;
        assert_eq!(answer.status, status, "{method} {path}");
        assert!(answer.json["message"].is_string(), "{method} {path}: a JSON body");
        if status == 405 {
            assert_eq!(answer.header("allow"), Some("POST"));
        }
    }
    assert_eq!(mock.snapshot(), before, "nothing changed");
    assert!(mock.calls().is_empty(), "nothing was recorded");
    assert_eq!(api(&server, "POST", "/", "CreateOrganization").await.status, 200);
    server.shutdown().await;
}

/// Reads until the server closes the connection; true when it did.
async fn closed_by_server(stream: &mut TcpStream) -> bool {
    let mut sink = Vec::new();
    matches!(
        tokio::time::timeout(MUST_HAPPEN_WITHIN, stream.read_to_end(&mut sink)).await,
        Ok(Ok(_)) | Ok(Err(_))
    )
}

#[tokio::test]
async fn idle_and_slow_connections_are_closed() {
    let mock = MockOrganizations::new();
    let options = ServerOptions::default()
        .idle_timeout(Duration::from_millis(300))
        .header_read_timeout(Duration::from_millis(300));
    let server = mock.serve_with("127.0.0.1:0", options).await.unwrap();

    // Connected, silent.
    let mut idle = TcpStream::connect(server.local_addr()).await.unwrap();
    assert!(closed_by_server(&mut idle).await, "an idle connection stays open");

    // Half a request head, then silence.
    let mut slow = TcpStream::connect(server.local_addr()).await.unwrap();
    slow.write_all(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n").await.unwrap();
    assert!(closed_by_server(&mut slow).await, "a slow head keeps its connection");

    // A keep-alive connection: answered, then closed once idle.
    let mut kept = TcpStream::connect(server.local_addr()).await.unwrap();
    kept.write_all(b"GET /_mock/calls HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .unwrap();
    let mut reader = tokio::io::BufReader::new(&mut kept);
    let mut status = String::new();
    reader.read_line(&mut status).await.unwrap();
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    let mut sink = Vec::new();
    let closed = tokio::time::timeout(MUST_HAPPEN_WITHIN, reader.read_to_end(&mut sink)).await;
    assert!(closed.is_ok(), "an idle keep-alive connection stays open");

    // A request in progress is never cut, however long it takes.
    mock.on(aws_organizations_mock::aws_sdk_organizations::Client::describe_organization)
        .delay(Duration::from_millis(900))
        .times(1);
    let answer = api(&server, "POST", "/", "DescribeOrganization").await;
    assert_eq!(answer.json["__type"], "AWSOrganizationsNotInUseException");
    server.shutdown().await;
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_for_a_free_slot() {
    let mock = MockOrganizations::new();
    let server = mock
        .serve_with("127.0.0.1:0", ServerOptions::default().max_connections(1))
        .await
        .unwrap();
    // One connection, kept open, fills the cap.
    let mut first = TcpStream::connect(server.local_addr()).await.unwrap();
    first
        .write_all(b"GET /_mock/calls HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .unwrap();
    let mut byte = [0u8; 1];
    first.read_exact(&mut byte).await.unwrap();

    // A second client is not served while the first holds the slot...
    let second = tokio::spawn({
        let addr = server.local_addr();
        async move {
            let mut stream = TcpStream::connect(addr).await.unwrap();
            stream
                .write_all(b"GET /_mock/calls HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .await
                .unwrap();
            let mut raw = Vec::new();
            stream.read_to_end(&mut raw).await.unwrap();
            parse(&raw).status
        }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!second.is_finished(), "served beyond the cap");
    // ...and is once it leaves.
    drop(first);
    let status = tokio::time::timeout(MUST_HAPPEN_WITHIN, second).await.unwrap().unwrap();
    assert_eq!(status, 200);
    server.shutdown().await;
}

#[tokio::test]
async fn sigterm_ends_the_binary_with_connections_open() {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_aws-organizations-mock"))
        .args(["--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let ready = lines.next_line().await.unwrap().unwrap();
    let endpoint = ready.split("ready at http://").nth(1).unwrap().to_string();
    // An idle connection, a half-sent request and a request held by the server.
    let _idle = TcpStream::connect(&endpoint).await.unwrap();
    let mut half = TcpStream::connect(&endpoint).await.unwrap();
    half.write_all(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{")
        .await
        .unwrap();
    let pid = child.id().unwrap().to_string();
    let killed = tokio::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .unwrap();
    assert!(killed.success());
    let status = tokio::time::timeout(MUST_HAPPEN_WITHIN, child.wait())
        .await
        .expect("the process ended after SIGTERM")
        .unwrap();
    assert!(
        status.code().is_some(),
        "ended by its own exit, not by the signal: {status}"
    );
}

/// A body of 2 MiB, far beyond any Organizations input but within the
/// server's 8 MiB read limit, reaches the operation, which refuses it as AWS
/// does (a validation error), not as an unreadable body.
#[tokio::test]
async fn a_large_body_within_the_read_limit_reaches_the_operation() {
    let mock = MockOrganizations::new();
    let server = mock.serve("127.0.0.1:0").await.unwrap();
    let auth = authorization("111111111111");
    let target = format!("{PREFIX}CreateOrganizationalUnit");
    let headers = [("Authorization", auth.as_str()), ("X-Amz-Target", target.as_str())];
    let body = serde_json::json!({"ParentId": "r-abcd", "Name": "x".repeat(2 * 1024 * 1024)}).to_string();
    let answer = send(&server, "POST", "/", &headers, &body).await;
    let message = answer.json["message"]
        .as_str()
        .or(answer.json["Message"].as_str())
        .unwrap_or_default();
    assert_eq!(answer.status, 400, "{}", answer.json);
    assert!(!message.contains("could not be read"), "{}", answer.json);
    assert!(answer.json["__type"].is_string(), "{}", answer.json);
    server.shutdown().await;
}
