//! The builder's settings that carry names as strings (policy-type keys of
//! [`Limits`], the reason of [`CreateAccountCompletion::Fail`]): a name AWS
//! does not have fails loudly, naming the closest real ones.

use crate::harness::builder::MockOrganizationsBuilder;
use crate::world::{CreateAccountCompletion, Limits};

impl MockOrganizationsBuilder {
    /// Panics, for the builder method `method`, when the settings name a
    /// policy type or a failure reason AWS does not have.
    pub(crate) fn check_names(&self, method: &str) {
        if let Some(problem) = crate::harness::setting_names::problem(&self.settings) {
            panic!("MockOrganizationsBuilder::{method}: {problem}");
        }
    }

    /// Quotas (accounts, OUs, tags, close-account quota) and timings.
    ///
    /// # Panics
    /// When a key of `max_policies_per_target` or `max_policy_content_chars`
    /// is not a policy type's name (`"SERVICE_CONTROL_POLICY"`,
    /// `"TAG_POLICY"`, ...); the message names the closest ones.
    ///
    /// ```should_panic
    /// use aws_organizations_mock::{Limits, MockOrganizations};
    /// // Panics: 'TAG_POLICIES' is not a policy type; the closest are TAG_POLICY, ...
    /// MockOrganizations::builder().limits(Limits {
    ///     max_policies_per_target: [("TAG_POLICIES".to_string(), 2)].into(),
    ///     ..Limits::default()
    /// });
    /// ```
    pub fn limits(mut self, limits: Limits) -> Self {
        self.settings.limits = limits;
        self.check_names("limits");
        self
    }

    /// How `CreateAccount` requests complete.
    ///
    /// # Panics
    /// When the reason of [`CreateAccountCompletion::Fail`] is not one of
    /// AWS's `CreateAccountFailureReason` values (`"ACCOUNT_LIMIT_EXCEEDED"`,
    /// `"EMAIL_ALREADY_EXISTS"`, ...); the message names the closest ones.
    pub fn create_account_completion(mut self, completion: CreateAccountCompletion) -> Self {
        self.settings.create_account_completion = completion;
        self.check_names("create_account_completion");
        self
    }
}
