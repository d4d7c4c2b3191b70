//! The public handle's STS methods: the IAM roles that `AssumeRole` assumes,
//! and the rules, expectations and recordings of STS calls, named by
//! [`StsAction`]. It sits above [`crate::harness`], which the rest of `sts`
//! never imports.

use crate::calls::expect::Expectation;
use crate::calls::faults::MockRuleBuilder;
use crate::calls::operation::Operation;
use crate::calls::recording::RecordedCall;
use crate::calls::typed::AnyOperation;
use crate::harness::builder::MockOrganizationsBuilder;
use crate::harness::{assert_account_id, MockOrganizations};
use crate::sts::StsAction;
use crate::world::iam::RoleGrant;
use crate::world::AccountId;

impl MockOrganizations {
    /// Creates the IAM role `role_name` in `account_id`, trusting
    /// `trusted_accounts` (or adds them to the trust of an existing role), so
    /// those accounts can `AssumeRole` into it through STS.
    ///
    /// `CreateAccount` and `CreateGovCloudAccount` create their role
    /// (`RoleName`, by default `OrganizationAccountAccessRole`, trusting the
    /// management account) by themselves, and so do fixtures' accounts. An
    /// invited account has no such role, as on AWS, until this gives it one.
    ///
    /// ```
    /// let mock = aws_organizations_mock::MockOrganizations::new();
    /// mock.create_role("222222222222", "OrganizationAccountAccessRole", &["111111111111"]);
    /// ```
    ///
    /// # Panics
    /// When an account id is not twelve digits.
    pub fn create_role(&self, account_id: &str, role_name: &str, trusted_accounts: &[&str]) {
        check_ids(account_id, trusted_accounts);
        let trusted: Vec<AccountId> = trusted_accounts.iter().copied().map(AccountId::new).collect();
        self.shared
            .world()
            .put_role(&AccountId::new(account_id), role_name, &trusted);
    }

    /// A fault-injection rule for the STS calls of `action` (see
    /// [`MockRuleBuilder`]); its `when` sees the untyped
    /// [`MockRequest`](crate::MockRequest), whose
    /// [`request_body`](crate::MockRequest::request_body) is the form-encoded
    /// query. An error fault is answered in STS's XML envelope with the
    /// rule's code, message and status.
    ///
    /// ```
    /// use aws_organizations_mock::{MockError, MockOrganizations, StsAction};
    /// let mock = MockOrganizations::new();
    /// mock.on_sts(StsAction::AssumeRole).fail_with(MockError::access_denied()).any_number_of_times();
    /// ```
    ///
    /// The error must be one STS can answer the action with: the SDK's error
    /// variants for it, the codes STS is observed sending, or an error common
    /// to every AWS call. Organizations' own errors are refused:
    ///
    /// ```should_panic
    /// use aws_organizations_mock::{MockError, MockOrganizations, StsAction};
    /// let mock = MockOrganizations::new();
    /// mock.on_sts(StsAction::AssumeRole).fail_with(MockError::throttling()); // TooManyRequestsException
    /// ```
    #[track_caller]
    pub fn on_sts(&self, action: StsAction) -> MockRuleBuilder<AnyOperation> {
        self.add_rule(Some(Operation::Sts(action)), Some(action.errors()))
    }

    /// An expectation on the STS calls of `action` received from now on
    /// (see [`Expectation`]), checked by [`verify`](Self::verify) and when
    /// the mock is dropped.
    #[track_caller]
    pub fn expect_sts(&self, action: StsAction) -> Expectation<AnyOperation> {
        self.add_expectation(Some(Operation::Sts(action)))
    }

    /// Every recorded STS call of `action`, in the order received.
    pub fn sts_calls(&self, action: StsAction) -> Vec<RecordedCall> {
        let mut calls = self.calls();
        calls.retain(|call| call.operation() == Operation::Sts(action));
        calls
    }
}

impl MockOrganizationsBuilder {
    /// A role the world starts with: `role_name` in `account_id`, trusting
    /// `trusted_accounts` (see [`MockOrganizations::create_role`]).
    ///
    /// # Panics
    /// When an account id is not twelve digits.
    pub fn role(mut self, account_id: &str, role_name: &str, trusted_accounts: &[&str]) -> Self {
        check_ids(account_id, trusted_accounts);
        self.settings.roles.push(RoleGrant {
            account_id: AccountId::new(account_id),
            role_name: role_name.to_string(),
            trusted_accounts: trusted_accounts.iter().copied().map(AccountId::new).collect(),
        });
        self
    }
}

fn check_ids(account_id: &str, trusted_accounts: &[&str]) {
    for id in std::iter::once(&account_id).chain(trusted_accounts) {
        assert_account_id(id);
    }
}
