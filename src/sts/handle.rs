//! The public handle's STS methods: the IAM roles that `AssumeRole` assumes.
//! It sits above [`crate::harness`], which the rest of `sts` never imports.

use crate::harness::{MockOrganizations, MockOrganizationsBuilder};
use crate::world::iam::RoleGrant;
use crate::world::ids::is_account_id;

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
        self.shared.world().put_role(account_id, role_name, trusted_accounts);
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
            account_id: account_id.to_string(),
            role_name: role_name.to_string(),
            trusted_accounts: trusted_accounts.iter().map(|a| a.to_string()).collect(),
        });
        self
    }
}

fn check_ids(account_id: &str, trusted_accounts: &[&str]) {
    for id in std::iter::once(&account_id).chain(trusted_accounts) {
        assert!(
            is_account_id(id),
            "'{id}' is not an AWS account id; pass exactly 12 digits, e.g. \"222222222222\""
        );
    }
}
