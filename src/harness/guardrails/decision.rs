//! What the guardrails answer: [`GuardrailDecision`] (allowed, or denied
//! explicitly or implicitly), and the [`GuardrailKind`] of policy that
//! decided a denial.

/// Which kind of policy decided a denial.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GuardrailKind {
    /// A service control policy, on the principal's account's path.
    ServiceControlPolicy,
    /// A resource control policy, on the resource's account's path.
    ResourceControlPolicy,
}

/// What the guardrails say about a [`GuardrailQuery`](crate::GuardrailQuery).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum GuardrailDecision {
    /// No SCP or RCP denies it: every level of each path that applies has a
    /// policy that allows it (or no such policy applies at all: the
    /// management account, an account outside any organization, a policy
    /// type not enabled).
    Allowed,
    /// A `Deny` statement applies.
    ExplicitDeny {
        /// SCP or RCP.
        kind: GuardrailKind,
        /// The denying policy's id, e.g. `p-abcd1234`.
        policy_id: String,
        /// Its name.
        policy_name: String,
        /// The root, OU or account it is attached to.
        target_id: String,
        /// The statement's `Sid`, when it has one.
        sid: Option<String>,
    },
    /// Nothing allows it at `target_id`: the first level from the root down
    /// (root, OUs, account) where no policy's `Allow` statement applies.
    ImplicitDeny {
        /// SCP or RCP.
        kind: GuardrailKind,
        /// The root, OU or account where nothing allowed it.
        target_id: String,
    },
}

impl GuardrailDecision {
    /// True for [`GuardrailDecision::Allowed`].
    pub fn is_allowed(&self) -> bool {
        *self == GuardrailDecision::Allowed
    }
}
