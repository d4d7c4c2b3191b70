//! [`MockOrganizationsBuilder`]: a mock's default account, ID seed, clock
//! start, policy-type transitions and recording limit (its name-checked
//! settings are in `builder_settings.rs`).

use std::panic::Location;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::harness::{assert_account_id, MockOrganizations};
use crate::world::{PolicyTypeTransition, Settings, World};

impl MockOrganizations {
    /// A builder to set the default account, the ID seed, quotas and timings.
    pub fn builder() -> MockOrganizationsBuilder {
        MockOrganizationsBuilder {
            settings: Settings::default(),
            max_recorded_calls: None,
        }
    }
}

/// Builds a [`MockOrganizations`].
///
/// ```
/// use aws_organizations_mock::MockOrganizations;
/// let mock = MockOrganizations::builder()
///     .default_account("123456789012", "root@corp.example")
///     .seed(42)
///     .build();
/// assert_eq!(mock.default_account_id(), "123456789012");
/// ```
#[derive(Clone, Debug)]
pub struct MockOrganizationsBuilder {
    pub(crate) settings: Settings,
    max_recorded_calls: Option<usize>,
}

impl MockOrganizationsBuilder {
    /// The account that `client()` calls as, and its email.
    ///
    /// # Panics
    /// When `account_id` is not twelve digits.
    pub fn default_account(mut self, account_id: &str, email: &str) -> Self {
        assert_account_id(account_id);
        self.settings.default_account_id = account_id.to_string();
        self.settings.default_account_email = email.to_string();
        self
    }

    /// The default account's name.
    pub fn default_account_name(mut self, name: &str) -> Self {
        self.settings.default_account_name = name.to_string();
        self
    }

    /// The seed of the ID generator: the same seed gives the same IDs.
    pub fn seed(mut self, seed: u64) -> Self {
        self.settings.seed = seed;
        self
    }

    /// Organizations created with all features start with SCPs enabled on
    /// the root and `p-FullAWSAccess` attached everywhere, so a test can
    /// attach SCPs right after `CreateOrganization`. AWS enables no policy
    /// type on a new root (FIDELITY.md, "Policy types on a new
    /// organization"), and neither does the mock unless told to here.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use aws_organizations_mock::MockOrganizations;
    /// let client = MockOrganizations::builder().scps_enabled_at_creation().build().client();
    /// client.create_organization().send().await.unwrap();
    /// let roots = client.list_roots().send().await.unwrap();
    /// let types = roots.roots()[0].policy_types();
    /// assert_eq!(types[0].r#type().unwrap().as_str(), "SERVICE_CONTROL_POLICY");
    /// # }
    /// ```
    pub fn scps_enabled_at_creation(mut self) -> Self {
        self.settings.scps_enabled_at_creation = true;
        self
    }

    /// How `EnablePolicyType` and `DisablePolicyType` complete: at once (the
    /// default) or through `PENDING_ENABLE` / `PENDING_DISABLE` for a number
    /// of `ListRoots` polls, to test code that waits.
    pub fn policy_type_transition(mut self, transition: PolicyTypeTransition) -> Self {
        self.settings.policy_type_transition = transition;
        self
    }

    /// Where the mock's clock starts (default 2025-01-01T00:00:00Z).
    pub fn start_time(mut self, at: SystemTime) -> Self {
        self.settings.start_time = at
            .duration_since(UNIX_EPOCH)
            .map(crate::harness::clock::millis)
            .unwrap_or(0);
        self
    }

    /// The most calls the mock records: past it, the oldest are dropped
    /// first, and [`dropped_calls`](MockOrganizations::dropped_calls) counts
    /// them. Expectations count only the calls still recorded.
    ///
    /// By default an in-process mock records every call (a test's calls are
    /// few, and its expectations see them all); the server binary keeps
    /// 10,000 (`--max-recorded-calls`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let mock = aws_organizations_mock::MockOrganizations::builder().max_recorded_calls(2).build();
    /// let client = mock.client();
    /// client.create_organization().send().await.unwrap();
    /// client.describe_organization().send().await.unwrap();
    /// client.list_roots().send().await.unwrap();
    /// assert_eq!(mock.calls().len(), 2);
    /// assert_eq!(mock.calls()[0].operation(), aws_organizations_mock::Operation::DescribeOrganization);
    /// assert_eq!(mock.dropped_calls(), 1);
    /// # }
    /// ```
    pub fn max_recorded_calls(mut self, max: usize) -> Self {
        self.max_recorded_calls = Some(max);
        self
    }

    /// The mock.
    ///
    /// # Panics
    /// When the settings name a policy type or failure reason AWS does not
    /// have (see [`limits`](Self::limits)).
    #[track_caller]
    pub fn build(self) -> MockOrganizations {
        self.check_names("build");
        MockOrganizations::from_world(World::new(self.settings), self.max_recorded_calls, Location::caller())
    }
}
