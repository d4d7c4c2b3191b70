//! [`Operation`]: every operation the mock answers as one typed value, so
//! that code selecting calls compares operations, never names. Its
//! Organizations variants are derived from the one operation table
//! ([`crate::operations::table`]).

use crate::sts::action::StsAction;

macro_rules! operation_enum {
    ($($name:ident => $module:ident { $fluent:ident, $input:ident, $output:ident, $error:ident } $access:ident $family:ident::$handler:ident;)*) => {
        /// The operation of a call: what [`RecordedCall::operation`](crate::RecordedCall::operation)
        /// and [`MockRequest::operation`](crate::MockRequest::operation) return.
        ///
        /// One variant per operation of AWS Organizations, named as AWS names it
        /// (`Operation::CreateAccount`), the STS actions the mock answers
        /// (`Operation::Sts(StsAction::AssumeRole)`), and [`Operation::Unknown`]
        /// for a request naming an operation the mock does not know (its name as
        /// sent is [`MockRequest::target`](crate::MockRequest::target)).
        /// [`as_str`](Self::as_str) and `Display` give AWS's name.
        ///
        /// A call compares with an operation, or with the client's method
        /// ([`RecordedCall::is`](crate::RecordedCall::is)):
        ///
        /// ```
        /// # #[tokio::main(flavor = "current_thread")] async fn main() {
        /// use aws_organizations_mock::aws_sdk_organizations::Client;
        /// use aws_organizations_mock::{mock_client, Operation};
        ///
        /// let (client, mock) = mock_client();
        /// client.create_organization().send().await.unwrap();
        /// let call = &mock.calls()[0];
        /// assert_eq!(call.operation(), Operation::CreateOrganization);
        /// assert!(call.is(Client::create_organization));
        /// assert_eq!(call.operation().to_string(), "CreateOrganization");
        /// # }
        /// ```
        ///
        /// Untyped selectors compare operations too:
        ///
        /// ```
        /// use aws_organizations_mock::{MockError, MockOrganizations, Operation};
        /// let mock = MockOrganizations::new();
        /// mock.on_any()
        ///     .when(|request| request.operation() == Operation::CreateAccount)
        ///     .fail_with(MockError::throttling())
        ///     .any_number_of_times();
        /// mock.expect_any().when(|call| call.operation() == Operation::CreateAccount).never();
        /// ```
        ///
        /// A name, misspelt or not, does not compare with an operation, so a
        /// typo cannot silently select nothing:
        ///
        /// ```compile_fail
        /// use aws_organizations_mock::MockOrganizations;
        /// let mock = MockOrganizations::new();
        /// mock.expect_any().when(|call| call.operation() == "CreateAcount").never();
        /// ```
        ///
        /// ```compile_fail
        /// use aws_organizations_mock::{MockError, MockOrganizations};
        /// let mock = MockOrganizations::new();
        /// mock.on_any()
        ///     .when(|request| request.operation() == "CreateAcount")
        ///     .fail_with(MockError::throttling());
        /// ```
        ///
        /// Nor does a misspelt operation:
        ///
        /// ```compile_fail
        /// use aws_organizations_mock::{MockOrganizations, Operation};
        /// let mock = MockOrganizations::new();
        /// mock.expect_any().when(|call| call.operation() == Operation::CreateAcount).never();
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Operation {
            $(
                #[doc = concat!(
                    "`", stringify!($name), "`, the SDK's [`Client::", stringify!($module),
                    "`](aws_sdk_organizations::Client::", stringify!($module), ")."
                )]
                $name,
            )*
            /// An action of STS, beside Organizations.
            Sts(StsAction),
            /// A request whose operation the mock does not know: a target
            /// that is not an operation of AWS Organizations, or an STS action
            /// the mock does not answer. Its name as sent is
            /// [`MockRequest::target`](crate::MockRequest::target).
            Unknown,
        }

        impl Operation {
            /// Every operation of AWS Organizations, sorted by name.
            pub const ORGANIZATIONS: &'static [Operation] = &[$(Operation::$name),*];

            /// AWS's name of the operation, e.g. `"CreateAccount"` or
            /// `"AssumeRole"`; `"Unknown"` for [`Operation::Unknown`].
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Operation::$name => stringify!($name),)*
                    Operation::Sts(action) => action.as_str(),
                    Operation::Unknown => "Unknown",
                }
            }

            /// The Organizations operation AWS names `name` (as in
            /// `X-Amz-Target`), or [`Operation::Unknown`].
            pub(crate) fn organizations(name: &str) -> Operation {
                match name {
                    $(stringify!($name) => Operation::$name,)*
                    _ => Operation::Unknown,
                }
            }
        }
    };
}

crate::operations::table::operation_table!(operation_enum);

impl Operation {
    /// The STS action named `name` (as in `Action=`), or [`Operation::Unknown`].
    pub(crate) fn sts(name: &str) -> Operation {
        StsAction::from_name(name).map_or(Operation::Unknown, Operation::Sts)
    }
}

impl From<StsAction> for Operation {
    fn from(action: StsAction) -> Operation {
        Operation::Sts(action)
    }
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_an_unknown_name_is_unknown() {
        assert_eq!(Operation::ORGANIZATIONS.len(), 63);
        for &op in Operation::ORGANIZATIONS {
            assert_eq!(Operation::organizations(op.as_str()), op);
            assert_eq!(Operation::sts(op.as_str()), Operation::Unknown);
        }
        for action in StsAction::ALL {
            assert_eq!(Operation::sts(action.as_str()), Operation::Sts(action));
            assert_eq!(Operation::organizations(action.as_str()), Operation::Unknown);
        }
        assert_eq!(Operation::organizations("CreateAcount"), Operation::Unknown);
        assert_eq!(Operation::organizations("createaccount"), Operation::Unknown);
        assert_eq!(Operation::sts("GetSessionToken"), Operation::Unknown);
        assert_eq!(Operation::CreateAccount.to_string(), "CreateAccount");
        assert_eq!(Operation::from(StsAction::AssumeRole).to_string(), "AssumeRole");
    }

    #[test]
    fn the_organizations_operations_are_the_ones_the_mock_answers() {
        let ours: Vec<&str> = Operation::ORGANIZATIONS.iter().map(|op| op.as_str()).collect();
        let answered: Vec<&str> = crate::supported_operations().map(|op| op.name).collect();
        assert_eq!(ours, answered);
    }
}
