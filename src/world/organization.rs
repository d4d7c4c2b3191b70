//! One organization: its id, feature set and management account, its tree,
//! its members, its create-account requests and closures, and the stores of
//! its policies and delegations.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::accounts::CreateAccountRequest;
use super::delegation::Delegations;
use super::feature_set::FeatureSet;
use super::id_types::{AccountId, CreateAccountRequestId, OrgId, OuId, ParentId};
use super::policies::PolicyBook;
use super::time::Timestamp;
use super::tree::{Children, Ou, Root};

/// One organization and everything inside it.
#[derive(Clone, Debug)]
pub(crate) struct Organization {
    /// `o-` and ten characters.
    pub id: OrgId,
    /// ALL or CONSOLIDATED_BILLING.
    pub feature_set: FeatureSet,
    pub management_account_id: AccountId,
    /// Its one root.
    pub root: Root,
    /// Every OU by id.
    pub ous: HashMap<OuId, Ou>,
    /// Children of each parent (root or OU) by parent id.
    pub children: HashMap<ParentId, Children>,
    /// Member accounts (the management account included) in joining order.
    pub members: BTreeMap<u64, AccountId>,
    /// Create-account requests by id.
    pub create_account_requests: HashMap<CreateAccountRequestId, CreateAccountRequest>,
    /// Create-account request ids in the order they were made.
    pub create_account_order: BTreeMap<u64, CreateAccountRequestId>,
    /// When each CloseAccount call was made (all of them: quotas need them).
    pub closures: Vec<Timestamp>,
    // ---- policies (src/world/policies/) ----
    /// Customer-managed policies, attachments and policy types, with their
    /// indexes; changed only through its methods.
    pub policies: PolicyBook,
    // ---- multi-account (src/world/delegation/) ----
    /// Trusted access, delegated administrators and the resource policy.
    pub delegation: Delegations,
    // ---- indexes (src/world/indexes.rs), not in snapshots: rebuilt on load ----
    /// The ids of the create-account requests still in progress.
    pub create_account_in_progress: BTreeSet<CreateAccountRequestId>,
}

impl Organization {
    /// `arn:aws:organizations::<management>:organization/<org>`.
    pub(crate) fn arn(&self) -> String {
        format!(
            "arn:aws:organizations::{}:organization/{}",
            self.management_account_id, self.id
        )
    }

    /// The ARN of an account in this organization.
    pub(crate) fn account_arn(&self, account_id: &str) -> String {
        // Built without `format!`: it is on the path of every listed account.
        let parts = [
            "arn:aws:organizations::",
            &self.management_account_id,
            ":account/",
            &self.id,
            "/",
            account_id,
        ];
        let mut arn = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        parts.iter().for_each(|p| arn.push_str(p));
        arn
    }

    /// The ARN of the root.
    pub(crate) fn root_arn(&self) -> String {
        format!(
            "arn:aws:organizations::{}:root/{}/{}",
            self.management_account_id, self.id, self.root.id
        )
    }

    /// The ARN of an OU.
    pub(crate) fn ou_arn(&self, ou_id: &str) -> String {
        format!(
            "arn:aws:organizations::{}:ou/{}/{}",
            self.management_account_id, self.id, ou_id
        )
    }

    /// True when `id` names this organization's root or one of its OUs.
    pub(crate) fn is_parent(&self, id: &str) -> bool {
        id == self.root.id || self.ous.contains_key(id)
    }

    /// The number of member accounts, the management account included.
    pub(crate) fn account_count(&self) -> usize {
        self.members.len()
    }
}
