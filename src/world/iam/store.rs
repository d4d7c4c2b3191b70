//! The IAM store: every role and every STS session the world knows, and
//! their records for the snapshot format.

use std::collections::{BTreeMap, BTreeSet};

use super::super::id_types::AccountId;
use super::super::time::Timestamp;

/// The role CreateAccount creates when the request names none (the model's
/// documentation of `CreateAccountRequest.RoleName`).
pub(crate) const DEFAULT_ROLE_NAME: &str = "OrganizationAccountAccessRole";

/// A role's default maximum session duration, one hour (the AssumeRole
/// documentation: the maximum session duration setting "can have a value
/// from 1 hour to 12 hours"; IAM's default is one hour).
pub(crate) const DEFAULT_MAX_SESSION_SECONDS: u32 = 3600;

/// One IAM role in one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Role {
    /// The role's name, e.g. `OrganizationAccountAccessRole`.
    pub name: String,
    /// `AROA` and 17 characters.
    pub id: String,
    /// The accounts its trust policy names as principals.
    pub trusted_accounts: BTreeSet<AccountId>,
    /// The longest session AssumeRole may ask for, in seconds.
    pub max_session_seconds: u32,
}

/// Temporary credentials AssumeRole issued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RoleSession {
    /// `ASIA` and 16 characters.
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    /// The account that owns the role.
    pub account_id: AccountId,
    pub role_name: String,
    /// The role's id (`AROA...`).
    pub role_id: String,
    /// `RoleSessionName` as asked for.
    pub session_name: String,
    /// When the credentials stop working, on the mock's clock.
    pub expires_at: Timestamp,
}

impl RoleSession {
    /// `arn:<partition>:sts::<account>:assumed-role/<role>/<session>`.
    pub(crate) fn arn(&self, partition: &str) -> String {
        format!(
            "arn:{partition}:sts::{}:assumed-role/{}/{}",
            self.account_id, self.role_name, self.session_name
        )
    }

    /// `<role id>:<session name>`, the `AssumedRoleId` and the caller's `UserId`.
    pub(crate) fn assumed_role_id(&self) -> String {
        format!("{}:{}", self.role_id, self.session_name)
    }
}

/// Every role and every session the world knows. Its fields are private:
/// roles and sessions change only through the world's methods in
/// `iam/mod.rs`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Iam {
    /// Roles by account id, then by name.
    pub(super) roles: BTreeMap<AccountId, BTreeMap<String, Role>>,
    /// Sessions by access key id.
    pub(super) sessions: BTreeMap<String, RoleSession>,
    /// How many sessions were ever issued: the seed of the next one's keys.
    pub(super) issued: u64,
}

/// The records of [`Iam`], taken apart for the snapshot format.
#[derive(Clone, Debug, Default)]
pub(crate) struct IamRecords {
    /// Roles by account id, then by name.
    pub roles: BTreeMap<AccountId, BTreeMap<String, Role>>,
    /// Sessions by access key id.
    pub sessions: BTreeMap<String, RoleSession>,
    /// How many sessions were ever issued.
    pub issued: u64,
}

impl Iam {
    /// The store holding `records`.
    pub(crate) fn from_records(records: IamRecords) -> Iam {
        let IamRecords {
            roles,
            sessions,
            issued,
        } = records;
        Iam {
            roles,
            sessions,
            issued,
        }
    }

    /// A copy of its records.
    pub(crate) fn records(&self) -> IamRecords {
        IamRecords {
            roles: self.roles.clone(),
            sessions: self.sessions.clone(),
            issued: self.issued,
        }
    }
}
