//! Fault injection from the handle: [`MockOrganizations::on`] and
//! [`on_any`](MockOrganizations::on_any) write a rule (see
//! [`MockRule`](crate::MockRule)); [`reset_rules`](MockOrganizations::reset_rules)
//! removes them all.

use std::panic::Location;

use aws_sdk_organizations::Client;

use crate::calls::faults::MockRuleBuilder;
use crate::calls::lock;
use crate::calls::operation::Operation;
use crate::calls::typed::{AnyOperation, SdkOperation};
use crate::harness::MockOrganizations;

impl MockOrganizations {
    /// A rule for the operation the client's method names, active once it
    /// has an answer (see [`MockRuleBuilder`] and [`MockRule`](crate::MockRule)).
    ///
    /// ```
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// use aws_organizations_mock::{MockError, MockOrganizations};
    /// let mock = MockOrganizations::new();
    /// mock.on(Client::create_account).fail_with(MockError::throttling()).any_number_of_times();
    /// ```
    ///
    /// An operation that does not exist does not compile:
    ///
    /// ```compile_fail
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// use aws_organizations_mock::{MockError, MockOrganizations};
    /// let mock = MockOrganizations::new();
    /// mock.on(Client::create_acount).fail_with(MockError::throttling());
    /// ```
    ///
    /// Nor does an error of another operation:
    ///
    /// ```compile_fail
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// use aws_organizations_mock::aws_sdk_organizations::operation::list_accounts::ListAccountsError;
    /// use aws_organizations_mock::aws_sdk_organizations::types::error::AccessDeniedException;
    /// use aws_organizations_mock::MockOrganizations;
    /// let mock = MockOrganizations::new();
    /// mock.on(Client::create_account)
    ///     .fail_with(ListAccountsError::AccessDeniedException(AccessDeniedException::builder().build()));
    /// ```
    ///
    /// Nor does a predicate over another operation's input:
    ///
    /// ```compile_fail
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// use aws_organizations_mock::aws_sdk_organizations::operation::list_accounts::ListAccountsInput;
    /// use aws_organizations_mock::MockOrganizations;
    /// let mock = MockOrganizations::new();
    /// mock.on(Client::create_account).when(|input: &ListAccountsInput| input.next_token().is_none());
    /// ```
    ///
    /// Nor does a count before an answer:
    ///
    /// ```compile_fail,E0599
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// let mock = aws_organizations_mock::MockOrganizations::new();
    /// mock.on(Client::create_account).times(1);
    /// ```
    ///
    /// An error the operation's model does not list panics where the rule is
    /// written (`DescribeOrganization` has no `ConstraintViolationException`):
    ///
    /// ```should_panic
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// use aws_organizations_mock::aws_sdk_organizations::types::ConstraintViolationExceptionReason;
    /// use aws_organizations_mock::{MockError, MockOrganizations};
    /// let mock = MockOrganizations::new();
    /// mock.on(Client::describe_organization).fail_with(MockError::constraint_violation(
    ///     ConstraintViolationExceptionReason::AccountNumberLimitExceeded,
    /// ));
    /// ```
    #[track_caller]
    pub fn on<O: SdkOperation>(&self, _operation: impl Fn(&Client) -> O) -> MockRuleBuilder<O> {
        let errors = crate::calls::mock_error::organizations_errors(O::OPERATION.as_str()).unwrap_or_default();
        self.add_rule(Some(O::OPERATION), Some(errors))
    }

    /// A fault-injection rule for every operation; its `when` sees the
    /// untyped [`MockRequest`](crate::MockRequest). Its error is checked per
    /// call: a call whose operation cannot answer it goes through to the
    /// model, and [`verify`](Self::verify) reports it.
    #[track_caller]
    pub fn on_any(&self) -> MockRuleBuilder<AnyOperation> {
        self.add_rule(None, None)
    }

    /// Registers a rule on `operation` (`None`: any), whose model lists
    /// `errors` (`None`: checked per call), written at the caller's line.
    #[track_caller]
    pub(crate) fn add_rule<O>(
        &self,
        operation: Option<Operation>,
        errors: Option<&'static [&'static str]>,
    ) -> MockRuleBuilder<O> {
        let since = lock(&self.shared.calls).next_seq();
        let (handle, rule) = MockRuleBuilder::new(operation, errors, Location::caller(), since);
        lock(&self.shared.rules).push(rule);
        handle
    }

    /// Removes every fault-injection rule (and so their counts from `verify`).
    pub fn reset_rules(&self) {
        lock(&self.shared.rules).clear();
    }
}
