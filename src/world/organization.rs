//! One organization: its id, feature set and management account, its tree,
//! its members, its create-account requests and closures, and the stores of
//! its policies and delegations. The tree, the members and the requests are
//! private: they change only through the stores' methods and the ones here.

use std::collections::BTreeMap;

use super::accounts::CreateAccountRequests;
use super::delegation::Delegations;
use super::feature_set::FeatureSet;
use super::id_types::{AccountId, OrgId};
use super::policies::PolicyBook;
use super::time::Timestamp;
use super::tree::{Root, Tree};

/// One organization and everything inside it.
#[derive(Clone, Debug)]
pub(crate) struct Organization {
    /// `o-` and ten characters.
    pub(in crate::world) id: OrgId,
    /// ALL or CONSOLIDATED_BILLING.
    pub(in crate::world) feature_set: FeatureSet,
    pub(in crate::world) management_account_id: AccountId,
    /// The root, the OUs and the children of each parent.
    tree: Tree,
    /// Member accounts (the management account included) in joining order.
    members: BTreeMap<u64, AccountId>,
    /// Create-account requests, their order and the index of those in
    /// progress.
    create_accounts: CreateAccountRequests,
    /// When each CloseAccount call was made (all of them: quotas need them).
    pub(in crate::world) closures: Vec<Timestamp>,
    // ---- policies (src/world/policies/) ----
    /// Customer-managed policies, attachments and policy types, with their
    /// indexes; changed only through its methods.
    pub(in crate::world) policies: PolicyBook,
    // ---- multi-account (src/world/delegation/) ----
    /// Trusted access, delegated administrators and the resource policy.
    pub(in crate::world) delegation: Delegations,
}

/// The records of an [`Organization`], taken apart for the snapshot format
/// and put back with [`Organization::from_parts`].
pub(crate) struct OrganizationParts {
    pub(crate) id: OrgId,
    pub(crate) feature_set: FeatureSet,
    pub(crate) management_account_id: AccountId,
    pub(crate) tree: Tree,
    pub(crate) members: BTreeMap<u64, AccountId>,
    pub(crate) create_accounts: CreateAccountRequests,
    pub(crate) closures: Vec<Timestamp>,
    pub(crate) policies: PolicyBook,
    pub(crate) delegation: Delegations,
}

impl Organization {
    /// A new organization: only its root, no members yet.
    pub(in crate::world) fn new(
        id: OrgId,
        feature_set: FeatureSet,
        management_account_id: AccountId,
        root: Root,
        policies: PolicyBook,
    ) -> Organization {
        Organization {
            id,
            feature_set,
            management_account_id,
            tree: Tree::new(root),
            members: BTreeMap::new(),
            create_accounts: CreateAccountRequests::default(),
            closures: Vec::new(),
            policies,
            delegation: Delegations::default(),
        }
    }

    /// The organization made of `parts` (a snapshot's; the world's
    /// invariant checks say whether it is possible).
    pub(crate) fn from_parts(parts: OrganizationParts) -> Organization {
        let OrganizationParts {
            id,
            feature_set,
            management_account_id,
            tree,
            members,
            create_accounts,
            closures,
            policies,
            delegation,
        } = parts;
        Organization {
            id,
            feature_set,
            management_account_id,
            tree,
            members,
            create_accounts,
            closures,
            policies,
            delegation,
        }
    }

    /// `o-` and ten characters.
    pub(crate) fn id(&self) -> &OrgId {
        &self.id
    }

    /// ALL or CONSOLIDATED_BILLING.
    pub(crate) fn feature_set(&self) -> FeatureSet {
        self.feature_set
    }

    /// The management account.
    pub(crate) fn management_account_id(&self) -> &AccountId {
        &self.management_account_id
    }

    /// The root, the OUs and the children of each parent.
    pub(crate) fn tree(&self) -> &Tree {
        &self.tree
    }

    /// The tree, to change through its methods.
    pub(in crate::world) fn tree_mut(&mut self) -> &mut Tree {
        &mut self.tree
    }

    /// The root.
    pub(crate) fn root(&self) -> &Root {
        self.tree.root()
    }

    /// Member accounts (the management account included) by joining order.
    pub(crate) fn members(&self) -> &BTreeMap<u64, AccountId> {
        &self.members
    }

    /// Makes `account` a member, the `seq`th to join, listed under the root.
    pub(in crate::world) fn admit(&mut self, seq: u64, account: AccountId) {
        self.members.insert(seq, account.clone());
        let root = self.tree.root().id.clone();
        self.tree.add_account(&root, seq, account);
    }

    /// Takes the member that joined `seq`th off the members and off
    /// `parent`'s list.
    pub(in crate::world) fn release(&mut self, seq: u64, parent: &str) {
        self.members.remove(&seq);
        self.tree.remove_account(parent, seq);
    }

    /// Create-account requests, their order and the index of those in
    /// progress.
    pub(crate) fn create_account_requests(&self) -> &CreateAccountRequests {
        &self.create_accounts
    }

    /// The create-account requests, to change through their methods.
    pub(in crate::world) fn create_account_requests_mut(&mut self) -> &mut CreateAccountRequests {
        &mut self.create_accounts
    }

    /// The number of create-account requests still in progress.
    pub(crate) fn create_accounts_in_progress(&self) -> usize {
        self.create_accounts.in_progress_count()
    }

    /// When each CloseAccount call was made.
    pub(crate) fn closures(&self) -> &[Timestamp] {
        &self.closures
    }

    /// Customer-managed policies, attachments and policy types.
    pub(crate) fn policies(&self) -> &PolicyBook {
        &self.policies
    }

    /// Trusted access, delegated administrators and the resource policy.
    pub(crate) fn delegation(&self) -> &Delegations {
        &self.delegation
    }

    /// True when every index agrees with the records it mirrors.
    #[cfg(test)]
    pub(crate) fn indexes_consistent(&self) -> bool {
        self.create_accounts.index_consistent() && self.policies.indexes_consistent()
    }

    /// Breaks the members' list for tests of the invariant checks.
    #[cfg(test)]
    pub(crate) fn corrupt_members(&mut self, f: impl FnOnce(&mut BTreeMap<u64, AccountId>)) {
        f(&mut self.members);
    }

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
            self.management_account_id,
            self.id,
            self.tree.root().id
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
        self.tree.is_parent(id)
    }

    /// The number of member accounts, the management account included.
    pub(crate) fn account_count(&self) -> usize {
        self.members.len()
    }
}
