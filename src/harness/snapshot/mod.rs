//! The snapshot format: the whole world as a JSON document of its own,
//! versioned and independent of the world's internal types.
//!
//! A snapshot is an object whose `"version"` says which format it is in.
//! This mock writes and reads version 1 ([`v1`]); a document without a
//! version, or with one this mock does not know, is refused with an error
//! that says so. The format is kept apart from the world's own types: each
//! version is a set of plain serde records with conversions to and from the
//! world, so the world's internals can change without changing what a
//! stored snapshot means. A change to the format is a new version (a new
//! module here), and older versions stay readable.
//!
//! Version 1, top level (every key required unless marked optional):
//!
//! | key | what it holds |
//! |---|---|
//! | `version` | `1` |
//! | `settings` | what the world was built from: the default account, the ID seed, the start time, `limits`, `create_account_completion`, `roles` (optional), `scps_enabled_at_creation` (optional), `policy_type_transition` (optional) |
//! | `now` | the clock, in milliseconds since the Unix epoch |
//! | `ids` | `{"state": n}`: where the ID generator stands |
//! | `seq` | the last sequence number handed out (orders listings) |
//! | `accounts` | every account by id: email, name, organization, parent, how and when it joined, when it was closed, tags |
//! | `orgs` | every organization by id: feature set, management account, root, OUs, children, members, create-account requests, closures, policy types, policies and attachments, trusted services, delegated administrators, the resource policy |
//! | `handshakes` | every handshake by sequence number |
//! | `transfers` | every responsibility transfer by sequence number |
//! | `govcloud` | GovCloud (US) account pairs and the requests that made them |
//! | `iam` | (optional) IAM roles and the STS sessions issued for them |
//!
//! Derived state (the email index, the reverse attachment index, the
//! create-account requests in progress) is not stored: it is rebuilt on
//! load. A loaded world is checked against every invariant before it
//! replaces anything (see `MockOrganizations::check_invariants`).

mod v1;

use serde_json::Value;

use crate::world::{InvariantViolations, World};

/// Why a snapshot was refused by `MockOrganizations::from_snapshot`,
/// `load_snapshot` or `POST /_mock/snapshot`. Nothing changed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SnapshotError {
    /// The document is not a snapshot this mock reads: not a JSON object,
    /// without a `"version"`, of a format version it does not know, or with
    /// members that do not fit the format. The message says which; take the
    /// snapshot again with `MockOrganizations::snapshot`.
    Format(String),
    /// A setting names what AWS does not have (a policy type in `Limits`, a
    /// `CreateAccountCompletion::Fail` reason), as the builder would refuse
    /// it; the message names the closest valid names.
    Setting(String),
    /// The world it describes breaks invariants (a hand-edited snapshot):
    /// see `MockOrganizations::check_invariants`.
    ImpossibleWorld(InvariantViolations),
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::Format(message) => f.write_str(message),
            SnapshotError::Setting(problem) => write!(f, "the snapshot's settings: {problem}"),
            SnapshotError::ImpossibleWorld(violations) => write!(
                f,
                "the snapshot describes an impossible world: {}",
                violations.summary()
            ),
        }
    }
}

impl std::error::Error for SnapshotError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SnapshotError::ImpossibleWorld(violations) => Some(violations),
            _ => None,
        }
    }
}

/// The format version this mock writes.
pub(crate) const VERSION: u64 = 1;

/// The world's records in the current format, a plain copy: the caller can
/// release the world's lock before [`write`] encodes them.
pub(crate) struct Records(v1::Snapshot);

/// Copies the world's records (see [`Records`]).
pub(crate) fn records(world: &World) -> Records {
    Records(v1::Snapshot::of(world))
}

/// Records (from [`records`]) as a snapshot document, with every object's
/// keys sorted: the same world always gives the same document.
pub(crate) fn write(records: Records) -> Value {
    // Cannot fail: the records hold only strings, numbers, booleans, maps
    // with string keys and sequences, all of which JSON represents.
    sort_keys(serde_json::to_value(records.0).expect("the snapshot records are plain data and always serialize"))
}

/// Rebuilds every object with its keys in sorted order, whatever map type
/// serde_json was built with.
fn sort_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sort_keys(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sort_keys).collect()),
        other => other,
    }
}

/// The world a snapshot document describes, in any format version this mock
/// reads, once every invariant holds in it: checked before it replaces anything.
pub(crate) fn read(document: Value) -> Result<World, SnapshotError> {
    let world = read_unchecked(document)?;
    match world.violations() {
        None => Ok(world),
        Some(violations) => Err(SnapshotError::ImpossibleWorld(violations)),
    }
}

/// The world a snapshot document describes, not yet checked against the invariants.
fn read_unchecked(document: Value) -> Result<World, SnapshotError> {
    let version = match &document {
        Value::Object(fields) => fields.get("version"),
        _ => return Err(SnapshotError::Format(
            "a snapshot is a JSON object with \"version\": 1 (from MockOrganizations::snapshot); this is not an object"
                .into(),
        )),
    };
    match version.map(|v| v.as_u64()) {
        Some(Some(1)) => {
            let world = serde_json::from_value::<v1::Snapshot>(document)
                .map_err(|e| SnapshotError::Format(e.to_string()))?
                .into_world();
            // A name the builder would refuse is refused here too.
            match crate::harness::setting_names::problem(world.settings()) {
                Some(problem) => Err(SnapshotError::Setting(problem)),
                None => Ok(world),
            }
        }
        Some(_) => Err(SnapshotError::Format(format!(
            "snapshot format version {} is not one this mock reads (it reads version {VERSION}); take the snapshot again with this version of aws-organizations-mock",
            version.map(Value::to_string).unwrap_or_default()
        ))),
        None => Err(SnapshotError::Format(format!(
            "the snapshot has no \"version\": this mock reads snapshot format version {VERSION} (what MockOrganizations::snapshot writes); a document from an older release, or not a snapshot at all, can't be loaded"
        ))),
    }
}
