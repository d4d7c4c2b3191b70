//! The invariants every world satisfies between two calls, checked as a whole.
//!
//! Each operation keeps these by construction; [`World::check_invariants`]
//! verifies them from scratch, for the robustness tests (random operation
//! sequences, concurrency stress) and for users who want to assert that their
//! own fixtures and snapshots describe a possible world
//! (`MockOrganizations::check_invariants`).

use super::id_types::{AccountId, CreateAccountRequestId, OuId};
use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::accounts::{CompletesOn, CreateAccountOutcome};
use super::handshakes::HandshakeState;
use super::ids::{is_account_id, prefix};
use super::policies::{PolicyType, POLICY_TYPES};
use super::{Organization, Timestamp, World, DAY_MS, MAX_SEQ, MAX_TIMESTAMP};

/// How far ahead of the clock a recorded time may lie: a year (our choice;
/// the longest is a handshake's expiry, 90 days, or a transfer's end of month).
const LEAD_MS: Timestamp = 366 * DAY_MS;

/// The invariants a world breaks, each described in a sentence: what
/// `MockOrganizations::check_invariants` returns, and what a snapshot or a
/// fixture describing an impossible world is refused with. Never empty.
///
/// The mock keeps every invariant by construction; a violation means a
/// hand-edited snapshot, or a bug of the mock worth reporting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvariantViolations {
    problems: Vec<String>,
}

impl InvariantViolations {
    /// Each broken invariant, in the order checked (ranges first).
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// The first broken invariant, and how many more there are.
    pub(crate) fn summary(&self) -> String {
        let first = self.problems.first().map_or("", String::as_str);
        match self.problems.len() {
            0 | 1 => first.to_string(),
            n => format!("{first} (and {} more broken invariant(s))", n - 1),
        }
    }
}

impl std::fmt::Display for InvariantViolations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} invariant(s) broken:\n  - {}",
            self.problems.len(),
            self.problems.join("\n  - ")
        )
    }
}

impl std::error::Error for InvariantViolations {}

/// Collects the broken invariants.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(what());
        }
    }
}

impl World {
    /// Checks every invariant of the world; `Err` lists each one broken.
    ///
    /// - accounts: each is in exactly one parent of its organization (its
    ///   parent's children and the organization's members both hold it under
    ///   its sequence number), or outside any organization with no parent;
    ///   emails are unique (case-insensitively) and the email index matches;
    /// - the tree: every parent has a children entry, every child points back
    ///   at its parent, every OU reaches the root in at most
    ///   [`MAX_OU_DEPTH`](super::tree::MAX_OU_DEPTH) steps (so there is no cycle), OU names are unique
    ///   under each parent (case-insensitively), the management account is a member;
    /// - policies: attachments point at existing targets and policies of an
    ///   enabled type, a policy is attached to a target at most once, no
    ///   target has more policies of a type than its quota, and while SCPs
    ///   are enabled every target has at least one; policy names are unique per type;
    /// - handshakes: ids are unique, a stored state is never `EXPIRED` (that
    ///   state is derived from the clock), and only ended handshakes have an end time;
    /// - create-account requests: the order and the requests agree, and a
    ///   succeeded request names a known account;
    /// - delegated administrators are members of their organization;
    /// - every sequence number was handed out by the world's counter;
    /// - counters and times are in range: the sequence counter at most
    ///   [`MAX_SEQ`], the clock between 0 and [`MAX_TIMESTAMP`], and every
    ///   recorded time at most a year beyond that; ids have
    ///   their form (twelve-digit accounts, the default account included) and
    ///   every record is stored under its own id.
    ///
    /// The check itself is bounded: it never follows a parent chain further
    /// than [`MAX_OU_DEPTH`](super::tree::MAX_OU_DEPTH) + 1 steps, so a cyclic world is reported, not spun on.
    pub(crate) fn check_invariants(&self) -> Result<(), InvariantViolations> {
        match self.violations() {
            None => Ok(()),
            Some(violations) => Err(violations),
        }
    }

    /// The broken invariants, or `None` when the world is possible: what
    /// refuses a snapshot or fixture that describes an impossible world.
    pub(crate) fn violations(&self) -> Option<InvariantViolations> {
        let problems = self.problems();
        (!problems.is_empty()).then_some(InvariantViolations { problems })
    }

    /// Every broken invariant, the ranges first (the other checks assume them).
    fn problems(&self) -> Vec<String> {
        let mut p = Problems::default();
        self.check_ranges(&mut p);
        self.check_accounts(&mut p);
        for org in self.orgs.values() {
            self.check_tree(org, &mut p);
            self.check_policies(org, &mut p);
            self.check_org_records(org, &mut p);
        }
        self.check_handshakes(&mut p);
        p.0
    }

    fn check_ranges(&self, p: &mut Problems) {
        for (what, t) in [
            ("the clock", self.now),
            ("settings.start_time", self.settings.start_time),
        ] {
            p.check((0..=MAX_TIMESTAMP).contains(&t), || {
                format!("{what} is {t}, outside 0..={MAX_TIMESTAMP} (milliseconds since 1970)")
            });
        }
        // Recorded times may lie ahead of the clock (an expiry, the end of a
        // transfer), by a year at most.
        let latest = MAX_TIMESTAMP + LEAD_MS;
        let mut time = |what: &dyn Fn() -> String, t: Timestamp| {
            p.check((0..=latest).contains(&t), || {
                format!("{} is {t}, outside 0..={latest} (milliseconds since 1970)", what())
            })
        };
        for a in self.accounts.iter() {
            time(&|| format!("account {}'s joined time", a.id), a.joined_at);
            if let Some(t) = a.closed_at {
                time(&|| format!("account {}'s closing time", a.id), t);
            }
        }
        for org in self.orgs.values() {
            for t in &org.closures {
                time(&|| format!("a CloseAccount time of {}", org.id), *t);
            }
        }
        for h in self.handshakes.values() {
            time(&|| format!("handshake {}'s request time", h.id), h.requested_at);
            time(&|| format!("handshake {}'s expiry time", h.id), h.expires_at);
            if let Some(t) = h.ended_at {
                time(&|| format!("handshake {}'s end time", h.id), t);
            }
        }
        for t in self.transfers.values() {
            time(&|| format!("transfer {}'s start time", t.id), t.start_at);
            if let Some(end) = t.end_at {
                time(&|| format!("transfer {}'s end time", t.id), end);
            }
        }
        p.check(self.seq <= MAX_SEQ, || {
            format!("the sequence counter is {}, above its maximum {MAX_SEQ}", self.seq)
        });
        let default = &self.settings.default_account_id;
        p.check(is_account_id(default), || {
            format!("the default account id '{default}' is not 12 digits")
        });
        for (id, _) in self.accounts.entries() {
            p.check(is_account_id(id), || format!("account id '{id}' is not 12 digits"));
        }
        for (id, org) in &self.orgs {
            p.check(org.id == id && id.starts_with(prefix::ORGANIZATION), || {
                format!(
                    "organization {id} is stored under another id ({}) or lacks the o- prefix",
                    org.id
                )
            });
            p.check(org.root().id.starts_with(prefix::ROOT), || {
                format!("{id}'s root id {} lacks the r- prefix", org.root().id)
            });
            for (ou_id, ou) in org.tree().ous() {
                p.check(ou.id == ou_id && ou_id.as_str() != org.root().id.as_str(), || {
                    format!("OU {ou_id} is stored under another id ({})", ou.id)
                });
            }
        }
    }

    fn check_accounts(&self, p: &mut Problems) {
        let mut emails = HashSet::new();
        for (id, a) in self.accounts.entries() {
            p.check(a.id == id, || {
                format!("account {id} is stored under another id ({})", a.id)
            });
            p.check(a.seq <= self.seq, || {
                format!("account {id} has seq {} > {}", a.seq, self.seq)
            });
            let email = a.email.to_ascii_lowercase();
            p.check(emails.insert(email.clone()), || format!("email {email} is used twice"));
            p.check(self.accounts.by_email(&email).map(|a| &a.id) == Some(id), || {
                format!("the email index does not map {email} to {id}")
            });
            match (&a.org_id, &a.parent_id) {
                (None, None) => {}
                (Some(org_id), Some(parent)) => match self.orgs.get(org_id) {
                    None => p.0.push(format!("account {id} is in {org_id}, which does not exist")),
                    Some(org) => {
                        p.check(org.members().get(&a.seq) == Some(id), || {
                            format!("account {id} is not among {org_id}'s members under its seq {}", a.seq)
                        });
                        p.check(org.is_parent(parent), || {
                            format!("account {id}'s parent {parent} does not exist")
                        });
                        p.check(
                            org.tree()
                                .children_index()
                                .get(parent)
                                .and_then(|c| c.accounts.get(&a.seq))
                                == Some(id),
                            || format!("account {id} is not among the children of its parent {parent}"),
                        );
                    }
                },
                (org, parent) => p.0.push(format!(
                    "account {id} has organization {org:?} but parent {parent:?}: both or neither"
                )),
            }
        }
        // Each account's distinct email maps to it (above), and the index has
        // one entry per account: so it holds nothing else, and no entry can
        // name an account that does not exist.
        p.check(self.accounts.email_index_len() == self.accounts.len(), || {
            format!(
                "the email index has {} entries for {} accounts",
                self.accounts.email_index_len(),
                self.accounts.len()
            )
        });
    }

    fn check_tree(&self, org: &Organization, p: &mut Problems) {
        let o = &org.id;
        for (seq, id) in org.members() {
            let a = self.accounts.get(id);
            p.check(a.is_some_and(|a| a.org_id.as_ref() == Some(o) && a.seq == *seq), || {
                format!("{o} lists member {id} (seq {seq}), which is not in it under that seq")
            });
        }
        p.check(
            self.accounts
                .get(&org.management_account_id)
                .is_some_and(|a| a.org_id.as_ref() == Some(o)),
            || format!("{o}'s management account {} is not a member", org.management_account_id),
        );
        p.check(org.tree().children_index().contains_key(org.root().id.as_str()), || {
            format!("{o}'s root has no children entry")
        });
        let (mut child_accounts, mut child_ous) = (0, 0);
        for (parent, children) in org.tree().children_index() {
            p.check(org.is_parent(parent), || {
                format!("{o} has children under {parent}, which is no parent")
            });
            child_accounts += children.accounts.len();
            child_ous += children.ous.len();
            for (seq, id) in &children.accounts {
                let a = self.accounts.get(id);
                p.check(
                    a.is_some_and(|a| a.parent_id.as_ref() == Some(parent) && a.seq == *seq),
                    || match a {
                        Some(a) => format!(
                            "{parent} lists account {id} under seq {seq}, but its parent is {:?} and its seq {}",
                            a.parent_id.as_deref(),
                            a.seq
                        ),
                        None => format!("{parent} lists account {id}, which does not exist"),
                    },
                );
            }
            let mut names = HashSet::new();
            for (seq, id) in &children.ous {
                match org.tree().ous().get(id) {
                    Some(ou) => {
                        p.check(ou.parent_id == parent && ou.seq == *seq, || {
                            format!(
                                "{parent} lists OU {id} under seq {seq}, but its parent is {} and its seq {}",
                                ou.parent_id, ou.seq
                            )
                        });
                        let name = ou.name.to_ascii_lowercase();
                        p.check(names.insert(name.clone()), || {
                            format!("two OUs named {name} under {parent}")
                        });
                    }
                    None => p.0.push(format!("{parent} lists OU {id}, which does not exist")),
                }
            }
        }
        p.check(child_accounts == org.members().len(), || {
            format!(
                "{o}: {child_accounts} accounts under parents, {} members",
                org.members().len()
            )
        });
        p.0.extend(org.tree().ou_problems(o, child_ous, self.seq));
    }

    fn check_policies(&self, org: &Organization, p: &mut Problems) {
        let o = &org.id;
        let mut names = HashSet::new();
        for (id, policy) in org.policies.policies() {
            p.check(policy.id == id && !policy.aws_managed, || {
                format!("{o}: policy {id} is stored wrongly")
            });
            p.check(names.insert((policy.policy_type, policy.name.clone())), || {
                format!("two {} policies named {}", policy.policy_type, policy.name)
            });
        }
        let targets: BTreeSet<&str> = std::iter::once(org.root().id.as_str())
            .chain(org.tree().ous().keys().map(OuId::as_str))
            .chain(org.members().values().map(AccountId::as_str))
            .collect();
        for (target, list) in org.policies.attachments() {
            p.check(targets.contains(target.as_str()), || {
                format!("{o} has attachments on {target}, which is no root, OU or member")
            });
            let mut seen = HashSet::new();
            for (seq, a) in list {
                p.check(*seq <= self.seq, || format!("attachment seq {seq} > {}", self.seq));
                p.check(seen.insert(a.policy_id.as_str()), || {
                    format!("{} is attached to {target} twice", a.policy_id)
                });
                match org.find_policy(&a.policy_id) {
                    Ok(policy) => p.check(org.policy_type_enabled(policy.policy_type), || {
                        format!(
                            "{} ({}) is attached to {target} while its type is disabled",
                            a.policy_id, policy.policy_type
                        )
                    }),
                    Err(_) => {
                        p.0.push(format!("{target} has {} attached, which does not exist", a.policy_id))
                    }
                }
            }
        }
        for spec in POLICY_TYPES {
            let max = self
                .limits()
                .max_policies_per_target
                .get(spec.name)
                .copied()
                .unwrap_or(spec.max_per_target)
                // AWS attaches its managed policy to every target whatever the quota.
                .max(usize::from(spec.managed.is_some_and(|m| m.attached_everywhere)));
            let enabled = org.policy_type_enabled(spec.policy_type);
            if let Some(pending) = org.policies.pending_types().get(&spec.policy_type) {
                p.check(pending.enabling == enabled && pending.polls_left > 0, || {
                    format!(
                        "{} is pending {} while it is {}, with {} polls left",
                        spec.name,
                        if pending.enabling { "enable" } else { "disable" },
                        if enabled { "enabled" } else { "disabled" },
                        pending.polls_left
                    )
                });
            }
            let everywhere = spec.managed.filter(|m| m.attached_everywhere && !m.detachable);
            for target in &targets {
                let attached = org.attached(target, spec.policy_type);
                p.check(attached.len() <= max, || {
                    format!(
                        "{target} has {} {} policies, more than {max}",
                        attached.len(),
                        spec.name
                    )
                });
                if enabled && spec.policy_type == PolicyType::ServiceControlPolicy {
                    p.check(!attached.is_empty(), || {
                        format!("{target} has no SCP while SCPs are enabled")
                    });
                }
                if let (true, Some(m)) = (enabled, everywhere) {
                    p.check(attached.iter().any(|(_, pol)| pol.id == m.id), || {
                        format!(
                            "{target} lacks the non-detachable {} while {} is enabled",
                            m.id, spec.name
                        )
                    });
                }
            }
        }
    }

    fn check_org_records(&self, org: &Organization, p: &mut Problems) {
        let o = &org.id;
        let ordered: BTreeSet<&CreateAccountRequestId> = org.create_account_requests().order().values().collect();
        let stored: BTreeSet<&CreateAccountRequestId> = org.create_account_requests().by_id().keys().collect();
        p.check(ordered == stored, || {
            format!("{o}: create-account order and requests disagree")
        });
        for (id, r) in org.create_account_requests().by_id() {
            match &r.outcome {
                CreateAccountOutcome::Succeeded { account_id } => {
                    p.check(self.accounts.contains(account_id), || {
                        format!("request {id} created {account_id}, which the world does not know")
                    });
                }
                // Moving the clock completes what falls due (`World::advance`).
                CreateAccountOutcome::InProgress {
                    completes_on: CompletesOn::Clock(at),
                    ..
                } => p.check(*at > self.now(), || {
                    format!(
                        "request {id} is still IN_PROGRESS at {}, past its completion time {at}",
                        self.now()
                    )
                }),
                _ => {}
            }
        }
        for d in org.delegation.registrations().values() {
            p.check(
                self.accounts
                    .get(&d.account_id)
                    .is_some_and(|a| a.org_id.as_ref() == Some(o)),
                || format!("delegated administrator {} is not a member of {o}", d.account_id),
            );
        }
    }

    fn check_handshakes(&self, p: &mut Problems) {
        let mut ids: BTreeMap<&str, u64> = BTreeMap::new();
        for (seq, h) in self.handshakes.iter() {
            p.check(ids.insert(&h.id, *seq).is_none(), || {
                format!("handshake id {} is used twice", h.id)
            });
            p.check(h.state != HandshakeState::Expired, || {
                format!("handshake {} is stored as EXPIRED", h.id)
            });
            p.check(h.state.is_active() == h.ended_at.is_none(), || {
                format!("handshake {} is {:?} with end time {:?}", h.id, h.state, h.ended_at)
            });
            p.check(h.requested_at <= h.expires_at, || {
                format!("handshake {} expires before it was sent", h.id)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::Settings;

    const M: &str = "111111111111";

    #[test]
    fn a_built_world_holds_and_a_broken_one_is_caught() {
        World::new(Settings::default()).check_invariants().unwrap();
        let (mut w, root, o) = crate::world::test_support::org_world(Settings::default());
        w.enable_policy_type(&o, &root, crate::world::policies::PolicyType::ServiceControlPolicy)
            .unwrap();
        let a = w.create_ou(&o, &root.clone().into(), "A", &[]).unwrap().id.clone();
        let b = w.create_ou(&o, &a.clone().into(), "B", &[]).unwrap().id.clone();
        w.check_invariants().unwrap();

        let mut cyclic = w.clone();
        let org = cyclic.orgs.values_mut().next().unwrap();
        org.tree_mut()
            .corrupt(|ous, _| ous.get_mut(&a).unwrap().parent_id = b.clone().into());
        let err = cyclic.check_invariants().unwrap_err().to_string();
        assert!(err.contains("cycle"), "{err}");

        let mut detached = w.clone();
        detached
            .orgs
            .values_mut()
            .next()
            .unwrap()
            .policies
            .remove_target(b.as_str());
        let err = detached.check_invariants().unwrap_err().to_string();
        assert!(err.contains("no SCP"), "{err}");

        let mut orphan = w.clone();
        orphan.accounts.corrupt(M, |a| a.parent_id = None);
        assert!(orphan.check_invariants().is_err());

        let mut pending = w.clone();
        let status = crate::world::policies::PendingPolicyType {
            enabling: false,
            polls_left: 1,
        };
        let org = pending.orgs.values_mut().next().unwrap();
        org.policies
            .set_pending(crate::world::policies::PolicyType::ServiceControlPolicy, Some(status));
        let err = pending.check_invariants().unwrap_err().to_string();
        assert!(err.contains("pending disable while it is enabled"), "{err}");
    }

    /// Breaks the children of the (only) organization's root with `f`.
    fn corrupt_root_children<T>(w: &mut World, f: impl FnOnce(&mut crate::world::Children) -> T) -> T {
        let org = w.orgs.values_mut().next().unwrap();
        let root = org.root().id.clone();
        let mut out = None;
        org.tree_mut()
            .corrupt(|_, children| out = Some(f(children.get_mut(root.as_str()).unwrap())));
        out.unwrap()
    }

    /// Moves the entry of `id` in `list` to another sequence number.
    fn renumber<K: Ord + Clone, V: PartialEq>(list: &mut BTreeMap<K, V>, id: &V, to: K) -> K {
        let from = list.iter().find(|(_, v)| *v == id).map(|(k, _)| k.clone()).unwrap();
        let value = list.remove(&from).unwrap();
        list.insert(to, value);
        from
    }

    /// A parent's list (or the members' list) that holds the right account or
    /// OU under the wrong sequence number is caught by the list's own check:
    /// it needs the parent *and* the sequence number to agree.
    #[test]
    fn a_child_listed_under_a_sequence_number_not_its_own_is_caught() {
        let (mut w, root, o) = crate::world::test_support::org_world(Settings::default());
        let ou = w.create_ou(&o, &root.clone().into(), "A", &[]).unwrap().id.clone();
        w.check_invariants().unwrap();
        let m = AccountId::new(M);
        // Other checks may see the same damage from the child's side; this
        // one must name the list's entry.
        let broken = |w: &World| w.check_invariants().unwrap_err().to_string();

        let mut in_parent = w.clone();
        let seq = corrupt_root_children(&mut in_parent, |c| renumber(&mut c.accounts, &m, 999));
        assert_eq!(in_parent.accounts[&m].seq, seq);
        let err = broken(&in_parent);
        assert!(
            err.contains(&format!("{root} lists account {M} under seq 999, but its parent is")),
            "{err}"
        );

        let mut in_members = w.clone();
        in_members.orgs.get_mut(&o).unwrap().corrupt_members(|members| {
            renumber(members, &m, 999);
        });
        let err = broken(&in_members);
        assert!(err.contains(&format!("lists member {M} (seq 999)")), "{err}");

        let mut ou_in_parent = w.clone();
        corrupt_root_children(&mut ou_in_parent, |c| renumber(&mut c.ous, &ou, 999));
        let err = broken(&ou_in_parent);
        assert!(
            err.contains(&format!("{root} lists OU {ou} under seq 999, but its parent is")),
            "{err}"
        );
    }
}
