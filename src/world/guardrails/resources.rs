//! The resources an Organizations request names, as the guardrails see
//! them: each one's ARN (the forms of the Service Authorization Reference's
//! resource types: root, ou, account, policy, handshake) and its tags
//! (`aws:ResourceTag/<key>`).

use super::super::{Organization, Tags, World};

/// One resource a request names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Resource {
    /// Its ARN in the `aws` partition.
    pub arn: String,
    /// Its tags (none for a handshake).
    pub tags: Tags,
}

impl World {
    /// The root, OU, account, policy or handshake of `org` that `id` names,
    /// if there is one (an id the organization doesn't have names nothing:
    /// the operation answers its own not-found error once the guardrails
    /// let it through).
    pub(crate) fn guarded_resource(&self, org: &Organization, id: &str) -> Option<Resource> {
        let (arn, tags) = if id == org.root().id {
            (org.root_arn(), org.root().tags.clone())
        } else if let Some(ou) = org.tree().ou(id) {
            (org.ou_arn(id), ou.tags.clone())
        } else if let Some(account) = self.accounts.get(id).filter(|a| a.org_id.as_ref() == Some(&org.id)) {
            (org.account_arn(id), account.tags.clone())
        } else if id.starts_with("p-") {
            let policy = org.find_policy(id).ok()?;
            (policy.arn(org), policy.tags)
        } else if id.starts_with("h-") {
            let handshake = self.handshakes.values().find(|h| h.id == id)?;
            (handshake.arn(), Tags::new())
        } else {
            return None;
        };
        Some(Resource { arn, tags })
    }
}
