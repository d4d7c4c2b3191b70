//! [`Rule`], the record of one fault-injection rule that the mock's
//! clients share: what it matches, where it was written, and its state
//! ([`RuleState`]: filters, steps, counts, chance).

use std::panic::Location;
use std::sync::{Arc, Mutex};

use crate::calls::chance::Chance;
use crate::calls::faults::steps::Step;
use crate::calls::lock;
use crate::calls::operation::Operation;
use crate::calls::recording::MockRequest;

/// A predicate with its input already decoded: `Err` describes a panic.
pub(crate) type Matcher = Arc<dyn Fn(&MockRequest) -> Result<bool, String> + Send + Sync>;

pub(crate) struct Rule {
    pub(super) operation: Option<Operation>,
    /// The errors the operation's model lists (beside the common ones);
    /// `None` for a rule on any operation, whose faults are checked per call.
    pub(super) errors: Option<&'static [&'static str]>,
    /// Where the test wrote the rule.
    pub(crate) location: &'static Location<'static>,
    /// Its id and the JSON it was posted as, when it came over the wire
    /// (`POST /_mock/rules`) instead.
    pub(crate) wire: std::sync::OnceLock<(u64, serde_json::Value)>,
    /// The sequence number of the first call recorded after it was written.
    pub(crate) since: u64,
    pub(crate) state: Mutex<RuleState>,
}

#[derive(Default)]
pub(crate) struct RuleState {
    pub(crate) predicate: Option<Matcher>,
    pub(crate) account: Option<String>,
    pub(crate) skip: u32,
    /// Calls in scope for which the predicate held, `after`'s included.
    pub(crate) seen: u32,
    pub(crate) steps: Vec<Step>,
    /// The operations a fault of this rule on any operation was refused for
    /// (each reported once).
    pub(super) refused: Vec<Operation>,
    /// The chance that it answers a call it could answer, and the state of
    /// its seeded draws (`src/calls/chance.rs`); `None`: every call.
    pub(crate) chance: Option<Chance>,
    /// Calls it could have answered that its chance let through.
    pub(crate) declined: u32,
}

impl Rule {
    /// Where it came from, as messages say it: "written at FILE:LINE:COL",
    /// or "posted as rule N to /_mock/rules".
    pub(crate) fn written(&self) -> String {
        match self.wire.get() {
            Some((id, _)) => format!("posted as rule {id} to /_mock/rules"),
            None => format!("written at {}", self.location),
        }
    }

    /// How many calls it has answered so far, all steps together.
    pub(crate) fn applied(&self) -> u32 {
        lock(&self.state).steps.iter().map(|s| s.applied).sum()
    }

    pub(crate) fn name(&self) -> &'static str {
        self.operation.map_or("any operation", Operation::as_str)
    }

    pub(crate) fn operation(&self) -> Option<Operation> {
        self.operation
    }
}
