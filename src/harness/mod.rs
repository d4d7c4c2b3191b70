//! The public handle: [`MockOrganizations`] gives out clients, SDK configs and
//! recordings, and holds the fault-injection rules and expectations.
//!
//! This file is the handle's core: what a handle is, who owns it, and the
//! verification when the owner goes. Its methods live by concept beside it:
//! [`clients`] (clients, SDK configs, the HTTP client), [`recordings`] (the
//! calls received), [`rules`] (fault injection), [`expectations`],
//! [`world_state`] (fixtures, snapshots, the clock, invariants), and
//! [`builder`] (the [`MockOrganizationsBuilder`](crate::MockOrganizationsBuilder)).

pub(crate) mod builder;
pub(crate) mod builder_settings;
pub(crate) mod clients;
pub(crate) mod clock;
pub(crate) mod expectations;
pub(crate) mod fixture;
pub(crate) mod guardrails;
pub(crate) mod recordings;
pub(crate) mod rules;
pub(crate) mod setting_names;
pub(crate) mod snapshot;
pub(crate) mod sts;
pub(crate) mod world_state;

use std::panic::Location;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use aws_sdk_organizations::Client;

use crate::calls::shared::Shared;
use crate::world::{ids::is_account_id, World};

/// Shared by every handle of one mock: verifies when the owner (the handle
/// `new`, `build`, `mock_client` or `from_snapshot` returned) is dropped,
/// and again when the last handle goes, unless a failure was reported.
struct Verifier {
    shared: Arc<Shared>,
    /// Where the test made the mock.
    created: &'static Location<'static>,
    /// A failure was reported (or the owner went while its thread was
    /// panicking: the test failed already), so no later drop reports again.
    reported: AtomicBool,
}

impl Verifier {
    /// Panics with every failed verification, naming where the mock was made.
    fn verify_on_drop(&self) {
        if self.reported.load(Ordering::SeqCst) {
            return;
        }
        if std::thread::panicking() {
            self.reported.store(true, Ordering::SeqCst);
            return;
        }
        if let Err(message) = self.shared.check() {
            self.reported.store(true, Ordering::SeqCst);
            panic!("{message}(checked when the mock made at {} was dropped)", self.created);
        }
    }
}

impl Drop for Verifier {
    fn drop(&mut self) {
        self.verify_on_drop();
    }
}

/// Panics when `id`, passed to a method taking an account id, is not one
/// (twelve digits): the message says what to pass.
pub(crate) fn assert_account_id(id: &str) {
    assert!(
        is_account_id(id),
        "'{id}' is not an AWS account id; pass exactly 12 digits, e.g. \"222222222222\""
    );
}

/// An in-process AWS Organizations.
///
/// Clones share one world. Hand [`client`](Self::client) (or
/// [`client_as`](Self::client_as) any account) to the code under test, then
/// look at [`calls`](Self::calls).
///
/// **Verification belongs to the test that made the mock.** The handle that
/// [`new`](Self::new), [`builder().build()`](crate::MockOrganizationsBuilder::build),
/// [`mock_client`] or [`from_snapshot`](Self::from_snapshot) returned is the
/// owner: when it is dropped, the expectations and rules are verified (as by
/// [`verify`](Self::verify)) and a failure panics there, in the test, even
/// while clones live on in a detached task or another thread. Clones share
/// the world and are `Clone + Send + Sync`, but do not hold the check back;
/// the last handle to go checks again, for expectations written on clones
/// after the owner went, unless a failure was already reported. Nothing is
/// checked while the thread is panicking (the test failed already). The
/// message names where the mock, each rule and each expectation were written.
///
/// Clients, SDK configs and HTTP clients made from the mock keep the world
/// alive but are not handles: they keep working after the last handle is
/// gone, and do not delay the check.
pub struct MockOrganizations {
    pub(crate) shared: Arc<Shared>,
    /// Shared by the handles only.
    verifier: Arc<Verifier>,
    /// Whether this handle is the owner, which verifies when dropped.
    owner: bool,
}

impl Clone for MockOrganizations {
    /// Another handle on the same world; not the owner (see [`MockOrganizations`]).
    fn clone(&self) -> Self {
        MockOrganizations {
            shared: self.shared.clone(),
            verifier: self.verifier.clone(),
            owner: false,
        }
    }
}

impl Drop for MockOrganizations {
    fn drop(&mut self) {
        if self.owner {
            self.verifier.verify_on_drop();
        }
    }
}

impl std::fmt::Debug for MockOrganizations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockOrganizations")
            .field("default_account", &self.shared.default_account)
            .finish_non_exhaustive()
    }
}

impl Default for MockOrganizations {
    #[track_caller]
    fn default() -> Self {
        Self::new()
    }
}

/// Returns a client of a fresh mock, calling as its default account, and the mock.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let (client, mock) = aws_organizations_mock::mock_client();
/// client.create_organization().send().await.unwrap();
/// assert_eq!(mock.calls()[0].operation(), aws_organizations_mock::Operation::CreateOrganization);
/// # }
/// ```
#[track_caller]
pub fn mock_client() -> (Client, MockOrganizations) {
    let mock = MockOrganizations::new();
    (mock.client(), mock)
}

impl MockOrganizations {
    /// An empty world: only the default account, with no organization until
    /// it calls `CreateOrganization`.
    #[track_caller]
    pub fn new() -> Self {
        Self::builder().build()
    }

    /// The owner of a new mock, made at `created`.
    fn from_world(world: World, max_recorded_calls: Option<usize>, created: &'static Location<'static>) -> Self {
        let shared = Arc::new(Shared::new(world, max_recorded_calls));
        MockOrganizations {
            verifier: Arc::new(Verifier {
                shared: shared.clone(),
                created,
                reported: AtomicBool::new(false),
            }),
            shared,
            owner: true,
        }
    }

    /// The default account's id.
    pub fn default_account_id(&self) -> &str {
        &self.shared.default_account
    }

    /// Checks every expectation; that every rule has an answer, that every
    /// rule step with `times(n)` answered exactly `n` calls and every one with
    /// `always()` at least one; and that no predicate or responder panicked.
    ///
    /// # Panics
    /// When one does not hold, at the caller's line; the message lists what
    /// failed (each rule and expectation with the line that wrote it, and why
    /// a rule got no call) and every call received.
    #[track_caller]
    pub fn verify(&self) {
        if let Err(message) = self.shared.check() {
            panic!("{message}");
        }
    }
}

#[cfg(test)]
mod tests;
