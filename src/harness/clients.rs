//! The clients of a [`MockOrganizations`]: SDK clients calling as any
//! account, `SdkConfig`s for code that builds its own, and the mock's HTTP
//! client for configs built elsewhere.

use std::sync::Arc;

use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_organizations::config::retry::RetryConfig;
use aws_sdk_organizations::config::StalledStreamProtectionConfig;
use aws_sdk_organizations::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_organizations::Client;
use aws_smithy_async::rt::sleep::SharedAsyncSleep;
use aws_smithy_async::time::SharedTimeSource;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_types::SdkConfig;

use crate::harness::clock::{MockClock, MockSleep};
use crate::harness::{assert_account_id, MockOrganizations};
use crate::transport::MockTransport;

/// The settings every client of the mock has, applied to an
/// `aws_sdk_organizations::Config` builder or an `SdkConfig` builder (they
/// share these method names): `us-east-1`, credentials whose access key id is
/// the account, the mock's HTTP client and sleep, standard retries.
macro_rules! mock_config {
    ($mock:expr, $account_id:expr, $builder:expr) => {{
        let account_id: &str = $account_id;
        assert_account_id(account_id);
        $builder
            .behavior_version(BehaviorVersion::latest())
            .region(Region::from_static("us-east-1"))
            .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
                account_id,
                "aws-organizations-mock-secret",
                None,
                None,
                "aws-organizations-mock",
            )))
            .http_client($mock.http_client())
            .sleep_impl(SharedAsyncSleep::new(MockSleep {
                shared: Arc::downgrade(&$mock.shared),
            }))
            // The mock's clock: credentials' expirations (AssumeRole's) and
            // signing dates are on it.
            .time_source(SharedTimeSource::new(MockClock {
                shared: Arc::downgrade(&$mock.shared),
            }))
            .retry_config(RetryConfig::standard())
            // In-memory bodies cannot stall; the check would only poll sleeps.
            .stalled_stream_protection(StalledStreamProtectionConfig::disabled())
    }};
}

impl MockOrganizations {
    /// A client that calls as the default account.
    pub fn client(&self) -> Client {
        self.client_as(&self.shared.default_account.clone())
    }

    /// A client that calls as `account_id`, a 12-digit account id. An account
    /// the world does not know is a standalone account outside any organization.
    ///
    /// The client signs with the account id as its access key id; that is how
    /// the mock tells callers apart.
    ///
    /// # Panics
    /// When `account_id` is not twelve digits.
    pub fn client_as(&self, account_id: &str) -> Client {
        // Built directly rather than through an `SdkConfig`: a client costs
        // about what a bare SDK client costs (see benches/README.md).
        let config = mock_config!(self, account_id, aws_sdk_organizations::Config::builder())
            // SigV4's headers without the hashing: see src/signing.rs.
            .push_auth_scheme(crate::wire::signing::UnsignedSigV4::default())
            .build();
        Client::from_conf(config)
    }

    /// An `SdkConfig` that calls the mock as the default account, for code
    /// that builds its own clients (`aws_sdk_organizations::Client::new(&config)`).
    pub fn sdk_config(&self) -> SdkConfig {
        self.sdk_config_as(&self.shared.default_account.clone())
    }

    /// An `SdkConfig` that calls the mock as `account_id`: the mock's HTTP
    /// client, sleep and clock (as the time source), credentials naming the
    /// account, `us-east-1`, the standard retry policy. Clients built from it
    /// sign with the SDK's own SigV4 signer; aws-config's providers
    /// (`AssumeRoleProvider`) work with it against the mock's STS.
    ///
    /// # Panics
    /// When `account_id` is not twelve digits.
    pub fn sdk_config_as(&self, account_id: &str) -> SdkConfig {
        mock_config!(self, account_id, SdkConfig::builder()).build()
    }

    /// The mock's HTTP client, for SDK configs built elsewhere. Callers are
    /// told apart by their access key id: twelve digits name the account,
    /// anything else calls as the default account.
    ///
    /// A config built elsewhere keeps its own sleep: SDK retry back-off then
    /// waits as it would against AWS. Use [`sdk_config`](Self::sdk_config)
    /// to get the mock's instant back-off too.
    pub fn http_client(&self) -> SharedHttpClient {
        SharedHttpClient::new(MockTransport {
            shared: self.shared.clone(),
        })
    }
}
