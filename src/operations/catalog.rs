//! Which operations the mock answers, and who may call each, as a public list
//! (the operations table of [`crate::reference`](mod@crate::reference) is checked against it).

use crate::operations::{self, Access, Operation, OPERATIONS};

/// One operation the mock answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SupportedOperation {
    /// AWS's operation name, e.g. `"CreateAccount"`.
    pub name: &'static str,
    /// Who may call it.
    pub access: Access,
    /// The same in words, as the operations table of [`crate::reference`](mod@crate::reference) says it, e.g. `"management account"`.
    pub callers: &'static str,
}

/// The public face of a row of the dispatch table.
fn supported(op: &Operation) -> SupportedOperation {
    SupportedOperation {
        name: op.name,
        access: op.access,
        callers: callers(op.access),
    }
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
    let mut ops: Vec<SupportedOperation> = OPERATIONS.iter().map(supported).collect();
    ops.sort_by_key(|op| op.name);
    ops.into_iter()
}

/// The operation named `name`, for the places where an operation must stay a
/// string (configuration files, JSON). An unknown name is an error that names
/// the closest real operations.
///
/// ```
/// let op = aws_organizations_mock::supported_operation("CreateAccount").unwrap();
/// assert_eq!(op.callers, "management account");
/// let err = aws_organizations_mock::supported_operation("CreateAcount").unwrap_err();
/// assert_eq!(
///     err,
///     "'CreateAcount' is not an operation of AWS Organizations; the closest are CreateAccount, CloseAccount, CreatePolicy."
/// );
/// ```
pub fn supported_operation(name: &str) -> Result<SupportedOperation, String> {
    operations::find(name).map(supported).ok_or_else(|| {
        crate::wire::suggest::unknown_name(
            "an operation of AWS Organizations",
            name,
            OPERATIONS.iter().map(|op| op.name),
        )
    })
}
