//! The STS actions the mock answers, named by a type so that a misspelt
//! action does not compile: `mock.on_sts(StsAction::AssumeRole)`.

/// An action of AWS STS that the mock answers, beside Organizations.
///
/// Select its calls with [`on_sts`](crate::MockOrganizations::on_sts),
/// [`expect_sts`](crate::MockOrganizations::expect_sts) and
/// [`sts_calls`](crate::MockOrganizations::sts_calls). A misspelt action does
/// not compile:
///
/// ```compile_fail
/// use aws_organizations_mock::{MockOrganizations, StsAction};
/// MockOrganizations::new().on_sts(StsAction::AsumeRole);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum StsAction {
    /// `AssumeRole`: a role session in another account.
    AssumeRole,
    /// `GetCallerIdentity`: who the credentials belong to.
    GetCallerIdentity,
}

impl StsAction {
    /// Every action the mock answers.
    pub const ALL: [StsAction; 2] = [StsAction::AssumeRole, StsAction::GetCallerIdentity];

    /// STS's name of the action, as sent in `Action=`. A call of it is
    /// recorded with the [`operation`](crate::RecordedCall::operation)
    /// [`Operation::Sts`](crate::Operation::Sts)`(action)`.
    pub const fn as_str(self) -> &'static str {
        match self {
            StsAction::AssumeRole => "AssumeRole",
            StsAction::GetCallerIdentity => "GetCallerIdentity",
        }
    }

    /// The error codes a fault-injection rule may answer this action with,
    /// beside the errors common to every AWS call: the SDK's error variants
    /// for the action (`AssumeRoleError`; `GetCallerIdentityError` has none),
    /// by their wire codes, and the codes STS is observed sending for it
    /// (FIDELITY.md#sts-assumerole-and-getcalleridentity).
    pub(crate) const fn errors(self) -> &'static [&'static str] {
        match self {
            StsAction::AssumeRole => &[
                "ExpiredTokenException",
                "MalformedPolicyDocument",
                "PackedPolicyTooLarge",
                "RegionDisabledException",
                "AccessDenied",
                "ExpiredToken",
            ],
            StsAction::GetCallerIdentity => &["ExpiredToken"],
        }
    }

    /// The action named `name` exactly as STS spells it, if the mock answers it.
    pub(crate) fn from_name(name: &str) -> Option<StsAction> {
        StsAction::ALL.into_iter().find(|a| a.as_str() == name)
    }
}

impl std::fmt::Display for StsAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::StsAction;

    #[test]
    fn names_round_trip_and_nothing_else_is_an_action() {
        for action in StsAction::ALL {
            assert_eq!(StsAction::from_name(action.as_str()), Some(action));
        }
        assert_eq!(StsAction::from_name("assumerole"), None);
        assert_eq!(StsAction::from_name("AssumeRoleWithSAML"), None);
    }

    #[test]
    fn an_action_prints_as_sts_names_it_and_honours_width() {
        for action in StsAction::ALL {
            assert_eq!(action.to_string(), action.as_str());
        }
        assert_eq!(format!("[{:>12}]", StsAction::AssumeRole), "[  AssumeRole]");
    }
}
