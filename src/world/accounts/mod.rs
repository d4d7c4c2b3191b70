//! Accounts in an organization: asynchronous creation, closure and removal.

use super::domain_error::{DomainError, DomainResult, Exception, Invariant};
use super::id_types::{CreateAccountRequestId, OrgId};
use super::{ids, CreateAccountCompletion, Organization, Tags, Timestamp, World};

mod account_state;
mod closing;
mod request;
mod requests;
mod store;
pub(crate) use account_state::AccountState;
pub(super) use account_state::{CLOSED_FOR_GOOD_AFTER_MS, CLOSE_QUOTA_WINDOW_MS};
use aws_sdk_organizations::types::{ConstraintViolationExceptionReason, CreateAccountFailureReason};
pub(crate) use request::{CompletesOn, CreateAccountOutcome, CreateAccountRequest};
pub(crate) use requests::CreateAccountRequests;
pub(crate) use store::{Account, Accounts, Departure, JoinedMethod};

fn status_not_found(id: &str) -> DomainError {
    DomainError::new(
        Exception::CreateAccountStatusNotFound,
        format!("No create-account request with id '{id}' exists in your organization."),
    )
}

impl World {
    /// The organization's accounts that count against its account quota:
    /// every member, the closed ones too, until it is closed for good
    /// (`CLOSED`, 90 days after CloseAccount). AWS's quota page: "When an
    /// account is closed it does not stop counting against this quota until
    /// it is permanently closed" (FIDELITY.md#account-and-ou-quotas).
    pub(crate) fn accounts_in_quota(&self, org: &Organization) -> usize {
        let now = self.now();
        // Only a CloseAccount call 90 days old can have closed a member for
        // good: without one, no member needs looking at.
        if !org.closures.iter().any(|at| now - at >= CLOSED_FOR_GOOD_AFTER_MS) {
            return org.account_count();
        }
        org.members()
            .values()
            .filter(|id| {
                self.accounts
                    .get(id.as_str())
                    .is_none_or(|a| self.account_state(a) != AccountState::Closed)
            })
            .count()
    }

    /// Starts creating an account in the caller's organization and returns the
    /// request's id. Whether it succeeds is decided by the settings' completion
    /// mode, the quota and email uniqueness, as AWS decides it: asynchronously.
    #[cfg(test)]
    pub(crate) fn create_account(
        &mut self,
        org_id: &OrgId,
        email: &str,
        name: &str,
        tags: &[(String, String)],
    ) -> DomainResult<CreateAccountRequestId> {
        self.create_account_with_role(org_id, email, name, tags, None)
            .map(|r| r.id.clone())
    }

    /// Starts creating an account in the caller's organization and returns the
    /// request it made (completed already when the completion mode says
    /// so); the account gets the role `role_name` (by default
    /// `OrganizationAccountAccessRole`) trusting the management account.
    pub(crate) fn create_account_with_role(
        &mut self,
        org_id: &OrgId,
        email: &str,
        name: &str,
        tags: &[(String, String)],
        role_name: Option<&str>,
    ) -> DomainResult<&CreateAccountRequest> {
        let max_accounts = self.limits().max_accounts;
        let max_tags = self.limits().max_tags_per_resource;
        let org = self.org(org_id)?;
        let pending = org.create_accounts_in_progress() + self.open_invitations(org_id);
        if self.accounts_in_quota(org) + pending >= max_accounts {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::AccountNumberLimitExceeded,
                format!("The organization has reached its quota of {max_accounts} accounts. Raise it with MockOrganizationsBuilder::limits."),
            ));
        }
        if let Some(max) = self
            .limits()
            .max_create_accounts_in_progress
            .filter(|max| pending >= *max)
        {
            return Err(DomainError::constraint(
                ConstraintViolationExceptionReason::AccountCreationRateLimitExceeded,
                format!("{pending} CreateAccount requests are still in progress, the most at a time ({max}). Wait for one to finish (DescribeCreateAccountStatus) and try again."),
            ));
        }
        let tags = super::tags::merge_tags(&Tags::default(), tags, max_tags)?;
        let id = CreateAccountRequestId::new(format!(
            "{}{}",
            ids::prefix::CREATE_ACCOUNT_REQUEST,
            self.ids().lower_alnum(32)
        ));
        let now = self.now();
        let (completes_on, failure) = match &self.settings().create_account_completion {
            CreateAccountCompletion::Immediate => (CompletesOn::Polls(0), None),
            CreateAccountCompletion::AfterPolls(n) => (CompletesOn::Polls(*n), None),
            after @ CreateAccountCompletion::After(_) => (
                CompletesOn::Clock(now.saturating_add(after.after_ms().unwrap_or(0))),
                None,
            ),
            // The builder and the snapshot reader refuse a name the SDK lacks
            // (src/harness/setting_names.rs).
            CreateAccountCompletion::Fail(reason) => (
                CompletesOn::Polls(0),
                Some(CreateAccountFailureReason::from(reason.as_str())),
            ),
        };
        // The documented email rules beyond the model's pattern: AWS accepts the
        // request and fails it with INVALID_EMAIL.
        let failure = failure
            .or_else(|| crate::world::rules::email_problem(email).map(|_| CreateAccountFailureReason::InvalidEmail));
        let request = CreateAccountRequest {
            id: id.clone(),
            account_name: name.to_string(),
            email: email.to_string(),
            tags,
            requested_at: now,
            completed_at: None,
            outcome: CreateAccountOutcome::InProgress { completes_on, failure },
            role_name: role_name.map(str::to_string),
        };
        let seq = self.next_seq();
        self.org_mut(org_id)?.create_account_requests_mut().insert(seq, request);
        if matches!(completes_on, CompletesOn::Polls(0)) || matches!(completes_on, CompletesOn::Clock(at) if at <= now)
        {
            self.complete_create_account(org_id, &id, now);
        }
        self.org(org_id)?
            .create_account_requests()
            .get(&id)
            .invariant("the request was just made")
    }

    /// Completes every create-account request whose time has come on the
    /// clock ([`CompletesOn::Clock`]), each at its own time, in the order they
    /// fall due and, at one time, in the order they were made.
    pub(super) fn complete_due_create_accounts(&mut self) {
        let now = self.now();
        let mut due = Vec::new();
        for org in self.orgs.values().filter(|o| o.create_accounts_in_progress() > 0) {
            for (seq, request) in org.create_account_requests().in_order() {
                if let CreateAccountOutcome::InProgress {
                    completes_on: CompletesOn::Clock(at),
                    ..
                } = &request.outcome
                {
                    if *at <= now {
                        due.push((*at, *seq, org.id.clone(), request.id.clone()));
                    }
                }
            }
        }
        due.sort();
        for (at, _, org_id, id) in due {
            self.complete_create_account(&org_id, &id, at);
        }
    }

    /// Finishes a request at time `at`: creates the account or records the
    /// failure.
    fn complete_create_account(&mut self, org_id: &OrgId, request_id: &CreateAccountRequestId, at: Timestamp) {
        let Some(request) = self
            .orgs
            .get(org_id)
            .and_then(|o| o.create_account_requests().get(request_id))
        else {
            return;
        };
        let failure = match &request.outcome {
            CreateAccountOutcome::InProgress { failure, .. } => failure.clone(),
            _ => return,
        };
        let failure = failure.or_else(|| {
            self.account_by_email(&request.email)
                .map(|_| CreateAccountFailureReason::EmailAlreadyExists)
        });
        let (email, name, tags, role_name) = (
            request.email.clone(),
            request.account_name.clone(),
            request.tags.clone(),
            request.role_name.clone(),
        );
        // An account id the generator cannot draw (a bug: see
        // ids::MAX_DRAWS) fails the request as AWS's own internal failures do.
        let account_id = match failure {
            Some(reason) => Err(reason),
            None => self
                .new_account_id()
                .map_err(|_| CreateAccountFailureReason::InternalFailure),
        };
        let outcome = match account_id {
            Err(reason) => CreateAccountOutcome::Failed { reason },
            Ok(account_id) => {
                self.add_standalone_account(&account_id, &email, &name);
                self.join(&account_id, org_id, JoinedMethod::Created, at);
                if let Some(account_tags) = self.accounts.tags_mut(&account_id) {
                    *account_tags = tags;
                }
                let management = self.orgs[org_id].management_account_id.clone();
                self.add_access_role(&account_id, role_name.as_deref(), &management);
                CreateAccountOutcome::Succeeded { account_id }
            }
        };
        // The request and its organization were read at the top.
        if let Some(org) = self.orgs.get_mut(org_id) {
            org.create_account_requests_mut().complete(request_id, outcome, at);
        }
    }

    /// Looks up a create-account request. Each look-up of a request still in
    /// progress on polls counts as one poll toward its completion.
    pub(crate) fn poll_create_account(
        &mut self,
        org_id: &OrgId,
        request_id: &CreateAccountRequestId,
    ) -> DomainResult<&CreateAccountRequest> {
        let due = self
            .org_mut(org_id)?
            .create_account_requests_mut()
            .poll(request_id)
            .ok_or_else(|| status_not_found(request_id))?;
        if due {
            let now = self.now();
            self.complete_create_account(org_id, request_id, now);
        }
        self.org(org_id)?
            .create_account_requests()
            .get(request_id)
            .invariant("the request was found")
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::world::{CreateAccountCompletion, FeatureSet, Limits, OrgId, Settings, World};

    const M: &str = "111111111111";

    fn world(settings: Settings) -> (World, OrgId) {
        let mut w = World::new(settings);
        let o = w
            .create_organization(&crate::world::AccountId::new(M), FeatureSet::All)
            .unwrap()
            .id
            .clone();
        (w, o)
    }

    #[test]
    fn immediate_creation_makes_the_account_at_once() {
        let (mut w, o) = world(Settings::default());
        let id = w.create_account(&o, "a@example.com", "A", &[]).unwrap();
        assert_eq!(w.orgs.values().next().unwrap().account_count(), 2);
        let r = w.poll_create_account(&o, &id).unwrap();
        assert_eq!(r.state_str(), "SUCCEEDED");
    }

    #[test]
    fn a_taken_email_fails_the_request() {
        let (mut w, o) = world(Settings::default());
        w.create_account(&o, "a@example.com", "A", &[]).unwrap();
        let id = w.create_account(&o, "A@example.com", "B", &[]).unwrap();
        let r = w.poll_create_account(&o, &id).unwrap();
        assert_eq!(r.state_str(), "FAILED");
    }

    #[test]
    fn after_polls_completes_on_the_nth_look_up() {
        let (mut w, o) = world(Settings {
            create_account_completion: CreateAccountCompletion::AfterPolls(2),
            ..Settings::default()
        });
        let id = w.create_account(&o, "a@example.com", "A", &[]).unwrap();
        assert_eq!(w.poll_create_account(&o, &id).unwrap().state_str(), "IN_PROGRESS");
        assert_eq!(w.orgs.values().next().unwrap().account_count(), 1);
        assert_eq!(w.poll_create_account(&o, &id).unwrap().state_str(), "SUCCEEDED");
        assert_eq!(w.orgs.values().next().unwrap().account_count(), 2);
    }

    /// The account a finished request created.
    fn created(w: &World, o: &OrgId, id: &crate::world::CreateAccountRequestId) -> crate::world::AccountId {
        match &w.orgs[o].create_account_requests().by_id()[id].outcome {
            crate::world::CreateAccountOutcome::Succeeded { account_id } => account_id.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn after_a_time_completes_when_the_clock_gets_there_at_that_time() {
        let (mut w, o) = world(Settings {
            create_account_completion: CreateAccountCompletion::After(Duration::from_secs(60)),
            ..Settings::default()
        });
        let requested = w.now();
        let id = w.create_account(&o, "a@example.com", "A", &[]).unwrap();
        // Polls do not count.
        for _ in 0..5 {
            assert_eq!(w.poll_create_account(&o, &id).unwrap().state_str(), "IN_PROGRESS");
        }
        w.advance(59_999);
        assert_eq!(w.poll_create_account(&o, &id).unwrap().state_str(), "IN_PROGRESS");
        assert_eq!(w.orgs[&o].account_count(), 1);
        assert_eq!(w.orgs[&o].create_accounts_in_progress(), 1);
        // Far past the due time: it completed at the due time all the same.
        w.advance(3_600_000);
        let r = &w.orgs[&o].create_account_requests().by_id()[&id];
        assert_eq!(r.state_str(), "SUCCEEDED");
        assert_eq!(r.completed_at, Some(requested + 60_000));
        assert_eq!(w.accounts[&created(&w, &o, &id)].joined_at, requested + 60_000);
        assert_eq!(w.orgs[&o].account_count(), 2);
        assert_eq!(w.orgs[&o].create_accounts_in_progress(), 0);
        assert!(w.violations().is_none());
    }

    #[test]
    fn requests_falling_due_together_complete_in_the_order_they_were_made() {
        let (mut w, o) = world(Settings {
            create_account_completion: CreateAccountCompletion::After(Duration::from_secs(60)),
            ..Settings::default()
        });
        let early = w.create_account(&o, "early@example.com", "early", &[]).unwrap();
        w.advance(1_000);
        let late = w.create_account(&o, "late@example.com", "late", &[]).unwrap();
        let second = w.create_account(&o, "second@example.com", "second", &[]).unwrap();
        // A taken email fails at completion, as with every completion.
        let taken = w.create_account(&o, "EARLY@example.com", "dup", &[]).unwrap();
        w.advance(120_000);
        let seq = |id| w.accounts[&created(&w, &o, id)].seq;
        assert!(seq(&early) < seq(&late) && seq(&late) < seq(&second));
        assert_eq!(
            w.orgs[&o].create_account_requests().by_id()[&taken].state_str(),
            "FAILED"
        );
        assert_eq!(
            w.orgs[&o].create_account_requests().by_id()[&late].completed_at,
            Some(w.orgs[&o].create_account_requests().by_id()[&late].requested_at + 60_000)
        );
    }

    #[test]
    fn after_less_than_a_millisecond_is_immediate() {
        let (mut w, o) = world(Settings {
            create_account_completion: CreateAccountCompletion::After(Duration::from_micros(999)),
            ..Settings::default()
        });
        let id = w.create_account(&o, "a@example.com", "A", &[]).unwrap();
        assert_eq!(w.orgs[&o].account_count(), 2);
        assert_eq!(
            w.orgs[&o].create_account_requests().by_id()[&id].completed_at,
            Some(w.now())
        );
    }

    #[test]
    fn a_request_in_progress_past_its_time_is_an_impossible_world() {
        let (mut w, o) = world(Settings {
            create_account_completion: CreateAccountCompletion::After(Duration::from_secs(60)),
            ..Settings::default()
        });
        w.create_account(&o, "a@example.com", "A", &[]).unwrap();
        assert!(w.violations().is_none());
        // Moving the clock without completing what falls due (as a
        // hand-edited snapshot could).
        w.now += 60_000;
        let problem = w.violations().unwrap().summary();
        assert!(
            problem.contains("is still IN_PROGRESS at") && problem.contains("past its completion time"),
            "{problem}"
        );
    }

    /// An id generator that kept repeating taken account ids would have hung
    /// CreateAccount (issue 25's mutant: `IdGen::digits` returning ""); the
    /// draws are bounded, and the request fails with INTERNAL_FAILURE.
    #[test]
    fn when_every_account_id_drawn_is_taken_the_request_fails_instead_of_hanging() {
        let (mut w, o) = world(Settings::default());
        // The ids the generator will draw: the request's, then the account's.
        let mut twin = w.ids.clone();
        twin.lower_alnum(32);
        for i in 0..crate::world::ids::MAX_DRAWS {
            let taken = twin.digits(12);
            w.add_standalone_account(&taken, &format!("taken{i}@example.com"), "taken");
        }
        let id = w.create_account(&o, "a@example.com", "A", &[]).unwrap();
        let request = w.poll_create_account(&o, &id).unwrap();
        assert_eq!(
            request.outcome,
            crate::world::CreateAccountOutcome::Failed {
                reason: aws_sdk_organizations::types::CreateAccountFailureReason::InternalFailure
            }
        );
        assert_eq!(w.orgs[&o].account_count(), 1);
        assert!(w.violations().is_none());
        // The generator has moved past the taken ids: the next one works.
        let next = w.create_account(&o, "b@example.com", "B", &[]).unwrap();
        assert_eq!(w.poll_create_account(&o, &next).unwrap().state_str(), "SUCCEEDED");
        // A fixture's account or a GovCloud pairing gets ServiceException.
        let mut twin = w.ids.clone();
        for _ in 0..crate::world::ids::MAX_DRAWS {
            let taken = twin.digits(12);
            w.add_standalone_account(&taken, &format!("{taken}@example.com"), "taken");
        }
        assert!(matches!(
            w.pair_govcloud(M).unwrap_err(),
            crate::world::DomainError::Exception {
                kind: crate::world::Exception::Service,
                ..
            }
        ));
    }

    #[test]
    fn the_account_quota_holds() {
        let (mut w, o) = world(Settings {
            limits: Limits {
                max_accounts: 2,
                ..Limits::default()
            },
            ..Settings::default()
        });
        w.create_account(&o, "a@example.com", "A", &[]).unwrap();
        let err = w.create_account(&o, "b@example.com", "B", &[]).unwrap_err();
        assert_eq!(err.reason(), Some("ACCOUNT_NUMBER_LIMIT_EXCEEDED"));
    }

    #[test]
    fn an_account_closed_for_good_leaves_the_quota_after_later_closures() {
        let (mut w, o) = world(Settings {
            limits: Limits {
                max_accounts: 3,
                ..Limits::default()
            },
            ..Settings::default()
        });
        let mut ids = Vec::new();
        for i in 0..2 {
            let r = w.create_account(&o, &format!("{i}@example.com"), "x", &[]).unwrap();
            match &w.poll_create_account(&o, &r).unwrap().outcome {
                crate::world::CreateAccountOutcome::Succeeded { account_id } => ids.push(account_id.clone()),
                other => panic!("{other:?}"),
            }
        }
        w.close_account(&o, &ids[0]).unwrap();
        w.advance(super::CLOSE_QUOTA_WINDOW_MS + crate::world::DAY_MS);
        // A second closure more than 30 days after the first.
        w.close_account(&o, &ids[1]).unwrap();
        w.advance(super::CLOSED_FOR_GOOD_AFTER_MS - super::CLOSE_QUOTA_WINDOW_MS);
        // The first account is CLOSED now and no longer counts: three members,
        // two in the quota of three.
        let state = w.account_state(&w.accounts[&ids[0]]);
        assert_eq!(state, crate::world::AccountState::Closed);
        w.create_account(&o, "2@example.com", "x", &[]).unwrap();
    }

    #[test]
    fn the_close_quota_rolls_over_thirty_days() {
        let (mut w, o) = world(Settings {
            limits: Limits {
                close_account_quota: Some(1),
                ..Limits::default()
            },
            ..Settings::default()
        });
        let mut ids = Vec::new();
        for i in 0..2 {
            let r = w.create_account(&o, &format!("{i}@example.com"), "x", &[]).unwrap();
            let acct = match &w.poll_create_account(&o, &r).unwrap().outcome {
                crate::world::CreateAccountOutcome::Succeeded { account_id } => account_id.clone(),
                other => panic!("{other:?}"),
            };
            ids.push(acct);
        }
        w.close_account(&o, &ids[0]).unwrap();
        let err = w.close_account(&o, &ids[1]).unwrap_err();
        assert_eq!(err.reason(), Some("CLOSE_ACCOUNT_QUOTA_EXCEEDED"));
        w.advance(super::CLOSE_QUOTA_WINDOW_MS);
        w.close_account(&o, &ids[1]).unwrap();
        assert_eq!(
            w.close_account(&o, &ids[1]).unwrap_err().code(),
            "AccountAlreadyClosedException"
        );
        assert_eq!(
            w.close_account(&o, &crate::world::AccountId::new(M))
                .unwrap_err()
                .reason(),
            Some("CANNOT_CLOSE_MANAGEMENT_ACCOUNT")
        );
    }
}
