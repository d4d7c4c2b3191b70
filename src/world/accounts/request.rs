//! One CreateAccount request: what was asked for, and where it stands.

use aws_sdk_organizations::types::CreateAccountFailureReason;

use super::super::id_types::{AccountId, CreateAccountRequestId};
use super::super::tags::Tags;
use super::super::time::Timestamp;

/// Where a create-account request is going.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CreateAccountOutcome {
    /// Still being worked on, until `completes_on`.
    InProgress {
        /// What completes it.
        completes_on: CompletesOn,
        /// The failure it will end in, if it will fail.
        failure: Option<CreateAccountFailureReason>,
    },
    /// The account was created.
    Succeeded {
        /// The new account's id.
        account_id: AccountId,
    },
    /// The request failed with a `CreateAccountFailureReason`.
    Failed {
        /// For example `EMAIL_ALREADY_EXISTS`.
        reason: CreateAccountFailureReason,
    },
}

/// What completes a create-account request still in progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CompletesOn {
    /// This many more status look-ups (`DescribeCreateAccountStatus`); 0 or
    /// 1: the next one.
    Polls(u32),
    /// The mock's clock reaching this time
    /// ([`CreateAccountCompletion::After`](crate::world::CreateAccountCompletion::After)); it completes at this time.
    Clock(Timestamp),
}

/// One CreateAccount request and its progress.
#[derive(Clone, Debug)]
pub(crate) struct CreateAccountRequest {
    /// `car-` and 32 characters.
    pub id: CreateAccountRequestId,
    /// The requested account name.
    pub account_name: String,
    /// The requested email.
    pub email: String,
    /// The tags for the new account.
    pub tags: Tags,
    /// When it was requested.
    pub requested_at: Timestamp,
    /// When it completed, either way.
    pub completed_at: Option<Timestamp>,
    /// Where it stands.
    pub outcome: CreateAccountOutcome,
    /// The `RoleName` asked for: the role the new account gets
    /// (`OrganizationAccountAccessRole` when `None`).
    pub role_name: Option<String>,
}

impl CreateAccountRequest {
    /// AWS's `CreateAccountState`: IN_PROGRESS, SUCCEEDED or FAILED.
    pub(crate) fn state_str(&self) -> &'static str {
        match self.outcome {
            CreateAccountOutcome::InProgress { .. } => "IN_PROGRESS",
            CreateAccountOutcome::Succeeded { .. } => "SUCCEEDED",
            CreateAccountOutcome::Failed { .. } => "FAILED",
        }
    }

    /// The request as it looked when it was made: `IN_PROGRESS`, nothing decided.
    pub(crate) fn as_submitted(&self) -> CreateAccountRequest {
        CreateAccountRequest {
            completed_at: None,
            outcome: CreateAccountOutcome::InProgress {
                completes_on: CompletesOn::Polls(0),
                failure: None,
            },
            ..self.clone()
        }
    }
}
