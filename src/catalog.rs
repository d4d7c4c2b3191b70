//! Which operations the mock answers, and who may call each, as a public list
//! (the README's operations table is checked against it).

use crate::operations::{Access, OPERATIONS};

/// One operation the mock answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SupportedOperation {
    /// AWS's operation name, e.g. `"CreateAccount"`.
    pub name: &'static str,
    /// Who may call it.
    pub access: Access,
    /// The same in words, as the README's table says it, e.g. `"management account"`.
    pub callers: &'static str,
}

fn callers(access: Access) -> &'static str {
    match access {
        Access::Anyone => "any account",
        Access::AnyMember => "any account in the organization",
        Access::ManagementOrDelegated => "management account or delegated administrator",
        Access::Management => "management account",
    }
}

/// Every operation the mock answers, sorted by name. The others answer
/// `UnknownOperationException`.
///
/// ```
/// let ops: Vec<_> = aws_organizations_mock::supported_operations().collect();
/// assert!(ops.iter().any(|op| op.name == "CreateAccount" && op.callers == "management account"));
/// ```
pub fn supported_operations() -> impl Iterator<Item = SupportedOperation> {
    let mut ops: Vec<SupportedOperation> = OPERATIONS
        .iter()
        .map(|op| SupportedOperation {
            name: op.name,
            access: op.access,
            callers: callers(op.access),
        })
        .collect();
    ops.sort_by_key(|op| op.name);
    ops.into_iter()
}
