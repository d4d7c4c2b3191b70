//! The world behind a [`MockOrganizations`]: loading fixtures, taking and
//! loading snapshots, the mock's clock, the invariants check, and GovCloud
//! pairs.

use std::panic::Location;
use std::time::{Duration, SystemTime};

use crate::harness::fixture::{self, FixtureError, FixtureIds, OrgFixture};
use crate::harness::snapshot::SnapshotError;
use crate::harness::MockOrganizations;
use crate::world::InvariantViolations;

impl MockOrganizations {
    /// Builds an organization from `fixture`, managed by the default account,
    /// and returns the identifiers it got. All or nothing: on error the world
    /// is as it was.
    ///
    /// # Errors
    /// A [`FixtureError`]: the AWS error a step of the fixture got, a policy
    /// attached by a name the fixture does not define, or an impossible world.
    pub fn load_fixture(&self, fixture: &OrgFixture) -> Result<FixtureIds, FixtureError> {
        let mut world = self.shared.world();
        let mut draft = world.clone();
        let ids = fixture::build(&mut draft, fixture)?;
        if let Some(violations) = draft.violations() {
            return Err(FixtureError::ImpossibleWorld(violations));
        }
        *world = draft;
        Ok(ids)
    }

    /// The whole world as JSON, with every object's keys sorted: the same
    /// world always gives the same snapshot. Recordings, rules and
    /// expectations are not part of it.
    pub fn snapshot(&self) -> serde_json::Value {
        // Copied under the world's lock, encoded after it is released, so
        // calls from other tasks (or server connections) wait only for the copy.
        let records = crate::harness::snapshot::records(&self.shared.world());
        crate::harness::snapshot::write(records)
    }

    /// A mock whose world is `snapshot` (from [`snapshot`](Self::snapshot)):
    /// the same accounts, organizations, clock, settings and ID generator, so
    /// it answers, and creates IDs, exactly as the original would have.
    ///
    /// # Errors
    /// When `snapshot` is not a snapshot, or describes an impossible world
    /// (any invariant of [`check_invariants`](Self::check_invariants) broken:
    /// a cycle in the tree, a reference to nothing, a duplicate email, a
    /// counter or time out of range, ...); the message names the first problem.
    #[track_caller]
    pub fn from_snapshot(snapshot: serde_json::Value) -> Result<Self, SnapshotError> {
        Ok(Self::from_world(
            crate::harness::snapshot::read(snapshot)?,
            None,
            Location::caller(),
        ))
    }

    /// Replaces this mock's world with `snapshot`, in place: clients already
    /// handed out see the loaded world. Recordings, rules and expectations
    /// stay; the default account clients call as stays this mock's. On error
    /// the world is as it was.
    ///
    /// # Errors
    /// As [`from_snapshot`](Self::from_snapshot): not a snapshot, or an
    /// impossible world.
    pub fn load_snapshot(&self, snapshot: serde_json::Value) -> Result<(), SnapshotError> {
        let world = crate::harness::snapshot::read(snapshot)?;
        *self.shared.world() = world;
        Ok(())
    }

    // ---- clock ----

    /// Moves the mock's clock forward: closures complete, create-account
    /// requests of [`CreateAccountCompletion::After`](crate::CreateAccountCompletion::After)
    /// fall due, and so on.
    pub fn advance(&self, by: Duration) {
        self.shared.world().advance(crate::harness::clock::millis(by));
    }

    /// The time now on the mock's clock.
    pub fn now(&self) -> SystemTime {
        crate::harness::clock::system_time(self.shared.world().now())
    }

    // ---- robustness ----

    /// A testing aid: checks every invariant of the world (see DESIGN.md's
    /// "Guarantees") and returns each one broken. The mock keeps them by
    /// construction, so this is always `Ok` unless the mock has a bug or the
    /// world was loaded from a hand-edited snapshot.
    ///
    /// ```
    /// let mock = aws_organizations_mock::MockOrganizations::new();
    /// mock.check_invariants().unwrap();
    /// ```
    pub fn check_invariants(&self) -> Result<(), InvariantViolations> {
        self.shared.world().check_invariants()
    }

    /// Pairs `account_id` with an account in the AWS GovCloud (US) Region, as
    /// a management account must be before it calls `CreateGovCloudAccount`.
    /// Returns the GovCloud account's id (the same one when called again).
    ///
    /// # Panics
    /// Only on a bug: when the mock's identifier generator repeats itself.
    pub fn pair_govcloud_account(&self, account_id: &str) -> String {
        match self.shared.world().pair_govcloud(account_id) {
            Ok(id) => id.into(),
            Err(err) => panic!("{}", err.into_message()),
        }
    }
}
