//! Accounts put straight into an organization, for fixtures: what a finished
//! CreateAccount leaves behind, without the asynchronous request.

use super::domain_error::{DomainError, DomainResult, Exception};
use super::id_types::{AccountId, Member, ParentId};
use super::ids::is_account_id;
use super::{JoinedMethod, Tags, World};
use aws_sdk_organizations::types::{ConstraintViolationExceptionReason, InvalidInputExceptionReason};

impl World {
    /// Creates a member account of the caller's organization under
    /// `parent_id`, complete and `ACTIVE`, with `account_id` or a fresh id,
    /// and returns its id. Only the management account may do this.
    /// Validates everything before it changes anything.
    pub(crate) fn enroll_account(
        &mut self,
        who: Member<'_>,
        account_id: Option<&str>,
        email: &str,
        name: &str,
        parent_id: &ParentId,
        tags: &[(String, String)],
    ) -> DomainResult<AccountId> {
        let (caller, org_id) = (who.account, who.org);
        let org = self.org(org_id)?;
        if org.management_account_id != caller {
            return Err(DomainError::access_denied(format!(
                "Only the management account can add accounts; {caller} is not it."
            )));
        }
        org.children_of(parent_id)?;
        let max_accounts = self.limits().max_accounts;
        if self.accounts_in_quota(org) >= max_accounts {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::AccountNumberLimitExceeded,
                format!("The organization has reached its quota of {max_accounts} accounts. Raise it with MockOrganizationsBuilder::limits."),
            ));
        }
        if let Some(id) = account_id {
            if !is_account_id(id) {
                return Err(DomainError::invalid_input(
                    InvalidInputExceptionReason::InvalidPattern,
                    format!("'{id}' is not an account id; an account id is exactly 12 digits."),
                ));
            }
            if self.accounts.contains(id) {
                return Err(DomainError::new(
                    Exception::DuplicateAccount,
                    format!("An account with id {id} already exists. Give each account its own id."),
                ));
            }
        }
        if let Some(why) = crate::world::rules::email_problem(email) {
            return Err(DomainError::invalid_input(
                InvalidInputExceptionReason::InvalidEmailAddressTarget,
                format!("'{email}' is not an email address AWS accepts: {why}."),
            ));
        }
        if self.account_by_email(email).is_some() {
            return Err(DomainError::new(
                Exception::DuplicateAccount,
                format!("An account with email '{email}' already exists. Give each account its own email address."),
            ));
        }
        super::tags::merge_tags(&Tags::default(), tags, self.limits().max_tags_per_resource)?;
        let (org_id, root_id) = (org.id.clone(), org.root().id.clone());

        let id = match account_id {
            Some(id) => AccountId::new(id),
            None => self.new_account_id()?,
        };
        self.add_standalone_account(&id, email, name);
        let now = self.now();
        self.join(&id, &org_id, JoinedMethod::Created, now);
        if *parent_id != root_id {
            self.move_account(&org_id, &id, &ParentId::from(root_id), parent_id)?;
        }
        if !tags.is_empty() {
            self.tag_resource(&org_id, &(&id).into(), tags)?;
        }
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{FeatureSet, Settings};
    use super::*;

    #[test]
    fn an_enrolled_account_is_an_active_member_under_its_parent() {
        let mut world = World::new(Settings::default());
        let root: ParentId = world
            .create_organization(&crate::world::AccountId::new("111111111111"), FeatureSet::All)
            .unwrap()
            .root()
            .id
            .clone()
            .into();
        let o = world.org_id_of("111111111111").unwrap();
        let who = crate::world::Member {
            account: &crate::world::AccountId::new("111111111111"),
            org: &o,
        };
        let ou: ParentId = world.create_ou(&o, &root, "Prod", &[]).unwrap().id.clone().into();
        let tags = vec![("team".to_string(), "a".to_string())];
        let id = world
            .enroll_account(who, Some("222222222222"), "a@example.com", "a", &ou, &tags)
            .unwrap();
        assert_eq!(id, "222222222222");
        let account = world.member(&o, &id).unwrap();
        assert_eq!(account.parent_id.as_deref(), Some(ou.as_str()));
        assert_eq!(account.tags["team"], "a");

        let before = world.accounts.len();
        let dup = world.enroll_account(who, None, "A@example.com", "b", &root, &[]);
        assert_eq!(dup.unwrap_err().code(), "DuplicateAccountException");
        let bad_parent = world.enroll_account(who, None, "c@example.com", "c", &ParentId::new("ou-nope"), &[]);
        assert_eq!(bad_parent.unwrap_err().code(), "ParentNotFoundException");
        assert_eq!(world.accounts.len(), before);
    }
}
