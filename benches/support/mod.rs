//! What the `organizations` bench shares: the bytes this thread holds (a
//! counting global allocator), the floor client (the SDK's configuration
//! over a canned answer), a runtime to block on, and the mock/floor client
//! pairs of the per-call comparisons.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;
use std::time::Duration;

use aws_organizations_mock::aws_sdk_organizations as orgs;
use aws_organizations_mock::{Limits, MockOrganizations};
use aws_smithy_async::rt::sleep::{AsyncSleep, SharedAsyncSleep, Sleep};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use orgs::config::retry::RetryConfig;
use orgs::config::{BehaviorVersion, Credentials, Region, StalledStreamProtectionConfig};
use orgs::Client;

// ---- bytes held, counted per thread (everything here runs on the main thread) ----

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

pub(crate) fn count(delta: isize) {
    // `try_with`: the allocator may run while the thread's locals are torn down.
    let _ = LIVE.try_with(|live| live.set(live.get() + delta));
}

pub(crate) fn live_bytes() -> isize {
    LIVE.with(Cell::get)
}

/// The system allocator, counting the bytes this thread holds.
pub(crate) struct Counting;

// SAFETY: every call is forwarded unchanged to `System`; only a counter is kept.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        count(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
pub(crate) static ALLOCATOR: Counting = Counting;

// ---- the floor: the SDK with a canned answer ----

/// An `HttpClient` that answers every request with the same awsJson1.1 body.
#[derive(Clone, Debug)]
pub(crate) struct Canned {
    pub(crate) body: bytes::Bytes,
}

impl HttpClient for Canned {
    fn http_connector(&self, _: &HttpConnectorSettings, _: &RuntimeComponents) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

impl HttpConnector for Canned {
    fn call(&self, _request: HttpRequest) -> HttpConnectorFuture {
        let mut response = HttpResponse::new(StatusCode::try_from(200).unwrap(), SdkBody::from(self.body.clone()));
        let headers = response.headers_mut();
        headers.insert("content-type", "application/x-amz-json-1.1");
        headers.insert("x-amzn-requestid", "00000000-0000-4000-8000-000000000001");
        HttpConnectorFuture::ready(Ok(response))
    }
}

/// A sleep that never waits, as the mock's (which only moves its own clock).
#[derive(Debug)]
pub(crate) struct NoWait;

impl AsyncSleep for NoWait {
    fn sleep(&self, _: Duration) -> Sleep {
        Sleep::new(std::future::ready(()))
    }
}

/// The SDK client as `MockOrganizations::client()` configures it, over `http`.
pub(crate) fn sdk_client(http: SharedHttpClient) -> Client {
    let config = orgs::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::from_static("us-east-1"))
        .credentials_provider(Credentials::new(
            "111111111111",
            "aws-organizations-mock-secret",
            None,
            None,
            "aws-organizations-mock",
        ))
        .http_client(http)
        .sleep_impl(SharedAsyncSleep::new(NoWait))
        .retry_config(RetryConfig::standard())
        .stalled_stream_protection(StalledStreamProtectionConfig::disabled())
        .build();
    Client::from_conf(config)
}

/// The floor client answering with `body`.
pub(crate) fn floor_client(body: &[u8]) -> Client {
    sdk_client(SharedHttpClient::new(Canned {
        body: bytes::Bytes::copy_from_slice(body),
    }))
}

/// The body of the mock's last answer.
pub(crate) fn last_body(mock: &MockOrganizations) -> Vec<u8> {
    mock.calls().last().expect("a call was made").response_body().to_vec()
}

// ---- running futures ----

pub(crate) static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
});

pub(crate) fn block<F: Future>(f: F) -> F::Output {
    RUNTIME.block_on(f)
}

pub(crate) static EMAILS: AtomicU64 = AtomicU64::new(0);

pub(crate) fn fresh_email() -> String {
    format!("bench-{}@example.com", EMAILS.fetch_add(1, Ordering::Relaxed))
}

pub(crate) fn unlimited() -> MockOrganizations {
    MockOrganizations::builder()
        .limits(Limits {
            max_accounts: usize::MAX,
            ..Limits::default()
        })
        .build()
}

// ---- per call: the mock and the floor side by side ----

/// The side of a comparison.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Side {
    /// The SDK with a canned answer.
    Floor,
    /// `mock.client()`, as tests use it (SigV4's headers, no hashing).
    Mock,
    /// The floor's configuration (the SDK's own SigV4 signer) over
    /// `mock.http_client()`: the mock's own work alone on top of the floor.
    MockSdkSigner,
}

/// Clients for one operation: the mock's and the floor's.
pub(crate) struct Pair {
    pub(crate) mock: Client,
    pub(crate) signed: Client,
    pub(crate) floor: Client,
    pub(crate) _mock: MockOrganizations,
}

impl Pair {
    pub(crate) fn new(mock: MockOrganizations, client: Client) -> Pair {
        Pair {
            floor: floor_client(&last_body(&mock)),
            signed: sdk_client(mock.http_client()),
            mock: client,
            _mock: mock,
        }
    }

    pub(crate) fn client(&self, side: Side) -> &Client {
        match side {
            Side::Floor => &self.floor,
            Side::Mock => &self.mock,
            Side::MockSdkSigner => &self.signed,
        }
    }
}

/// DescribeOrganization: an organization with only its management account.
pub(crate) static DESCRIBE_ORGANIZATION: LazyLock<Pair> = LazyLock::new(|| {
    let mock = unlimited();
    let client = mock.client();
    block(client.create_organization().send()).unwrap();
    block(client.describe_organization().send()).unwrap();
    Pair::new(mock, client)
});

/// CreateAccount: every call creates one more account.
pub(crate) static CREATE_ACCOUNT: LazyLock<Pair> = LazyLock::new(|| {
    let mock = unlimited();
    let client = mock.client();
    block(client.create_organization().send()).unwrap();
    block(create_account(&client, fresh_email())).unwrap();
    Pair::new(mock, client)
});

/// ListAccounts: the first page of 20 of an organization of 100 accounts.
pub(crate) static LIST_ACCOUNTS: LazyLock<Pair> = LazyLock::new(|| {
    let mock = unlimited();
    let client = mock.client();
    block(client.create_organization().send()).unwrap();
    for _ in 1..100 {
        block(create_account(&client, fresh_email())).unwrap();
    }
    let page = block(client.list_accounts().send()).unwrap();
    assert_eq!(page.accounts().len(), 20);
    assert!(page.next_token().is_some());
    Pair::new(mock, client)
});

pub(crate) async fn create_account(
    client: &Client,
    email: String,
) -> Result<orgs::operation::create_account::CreateAccountOutput, impl std::error::Error> {
    client.create_account().account_name("bench").email(email).send().await
}
