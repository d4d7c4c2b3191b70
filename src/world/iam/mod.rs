//! The IAM roles accounts hold and the STS role sessions issued for them:
//! just enough of IAM for cross-account flows (CreateAccount's role, then
//! STS AssumeRole into it).
//!
//! Identifiers here are derived by hashing (the account, the role name, a
//! session counter) rather than drawn from the world's ID generator, so that
//! creating roles and sessions never shifts the IDs of Organizations objects
//! created afterwards.

use std::collections::BTreeSet;

use super::id_types::AccountId;
use super::ids::IdGen;
pub(crate) use super::settings::RoleGrant;
use super::World;

mod store;
pub(crate) use store::{Iam, IamRecords, Role, RoleSession, DEFAULT_MAX_SESSION_SECONDS, DEFAULT_ROLE_NAME};

/// FNV-1a: a stable hash (std's `DefaultHasher` may change between releases).
fn fnv(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0u8]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// `n` characters from `[A-Z0-9]`, as IAM's unique ids and access key ids have.
fn upper(ids: &mut IdGen, n: usize) -> String {
    ids.lower_alnum(n).to_ascii_uppercase()
}

impl World {
    /// Creates `role_name` in `account_id` trusting `trusted` (or, when the
    /// role exists, adds `trusted` to its trust policy) and returns it.
    pub(crate) fn put_role(&mut self, account_id: &AccountId, role_name: &str, trusted: &[AccountId]) -> &Role {
        let seed = self.settings().seed;
        let role = self
            .iam
            .roles
            .entry(account_id.clone())
            .or_default()
            .entry(role_name.to_string())
            .or_insert_with(|| {
                let mut ids = IdGen::new(seed ^ fnv(&["role", account_id, role_name]));
                Role {
                    name: role_name.to_string(),
                    id: format!("AROA{}", upper(&mut ids, 17)),
                    trusted_accounts: BTreeSet::new(),
                    max_session_seconds: DEFAULT_MAX_SESSION_SECONDS,
                }
            });
        role.trusted_accounts.extend(trusted.iter().cloned());
        role
    }

    /// The role `role_name` of `account_id`, if it exists.
    pub(crate) fn role(&self, account_id: &AccountId, role_name: &str) -> Option<&Role> {
        self.iam.roles.get(account_id)?.get(role_name)
    }

    /// The role CreateAccount (and a fixture's account) gets: `role_name`,
    /// or `OrganizationAccountAccessRole`, trusting the management account.
    pub(crate) fn add_access_role(
        &mut self,
        account_id: &AccountId,
        role_name: Option<&str>,
        management_account: &AccountId,
    ) {
        self.put_role(
            account_id,
            role_name.unwrap_or(DEFAULT_ROLE_NAME),
            std::slice::from_ref(management_account),
        );
    }

    /// Issues temporary credentials for `role_name` of `account_id`, valid
    /// for `seconds` from now on the mock's clock. The role must exist.
    pub(crate) fn start_session(
        &mut self,
        account_id: &AccountId,
        role_name: &str,
        session_name: &str,
        seconds: u32,
    ) -> RoleSession {
        let role_id = self
            .role(account_id, role_name)
            .map(|r| r.id.clone())
            .unwrap_or_default();
        self.iam.issued += 1;
        let counter = self.iam.issued.to_string();
        let mut ids = IdGen::new(self.settings().seed ^ fnv(&["session", &counter]));
        let session = RoleSession {
            access_key_id: format!("ASIA{}", upper(&mut ids, 16)),
            secret_access_key: ids.lower_alnum(40),
            session_token: format!("mock-session-token-{}", ids.lower_alnum(64)),
            account_id: account_id.clone(),
            role_name: role_name.to_string(),
            role_id,
            session_name: session_name.to_string(),
            expires_at: self.now().saturating_add(i64::from(seconds) * 1000),
        };
        self.iam.sessions.insert(session.access_key_id.clone(), session.clone());
        session
    }

    /// The session an access key id belongs to, expired or not.
    pub(crate) fn session(&self, access_key_id: &str) -> Option<&RoleSession> {
        self.iam.sessions.get(access_key_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::Settings;

    #[test]
    fn roles_and_sessions_have_aws_shaped_ids_and_leave_the_id_generator_alone() {
        let mut w = World::new(Settings::default());
        let mut twin = w.clone();
        let (holder, admin) = (AccountId::new("222222222222"), "Admin");
        let role = w.put_role(&holder, admin, &[AccountId::new("111111111111")]).clone();
        assert!(role.id.starts_with("AROA") && role.id.len() == 21, "{}", role.id);
        assert!(role.trusted_accounts.contains("111111111111"));
        assert_eq!(
            w.put_role(&holder, admin, &[AccountId::new("333333333333")]).id,
            role.id
        );
        let s = w.start_session(&holder, admin, "s1", 900);
        assert!(s.access_key_id.starts_with("ASIA") && s.access_key_id.len() == 20);
        assert_eq!(s.expires_at, w.now() + 900_000);
        assert_eq!(s.arn("aws"), "arn:aws:sts::222222222222:assumed-role/Admin/s1");
        assert_eq!(s.assumed_role_id(), format!("{}:s1", role.id));
        assert_ne!(
            w.start_session(&holder, admin, "s1", 900).access_key_id,
            s.access_key_id
        );
        assert_eq!(w.new_account_id(), twin.new_account_id());
    }

    /// A role's id and a session's keys are a function of the world's seed
    /// and their names (or the session's number): pinned for two seeds, so
    /// a fixture's or a snapshot's ids stay what they were.
    #[test]
    fn role_ids_and_session_keys_are_pinned_to_the_seed() {
        let holder = AccountId::new("222222222222");
        let issued = |seed: u64| {
            let mut w = World::new(Settings {
                seed,
                ..Settings::default()
            });
            let role = w.put_role(&holder, "Admin", &[]).id.clone();
            (role, w.start_session(&holder, "Admin", "s1", 900).access_key_id)
        };
        assert_eq!(
            issued(Settings::default().seed),
            (
                String::from("AROAL75VWKJE8SXJSVB94"),
                String::from("ASIAA6X0BVC2I3BFF408")
            )
        );
        assert_eq!(
            issued(7),
            (
                String::from("AROA6RPOK5UNIRIXHWJYG"),
                String::from("ASIAYHHRN3KUHXG9OZJH")
            )
        );
    }
}
