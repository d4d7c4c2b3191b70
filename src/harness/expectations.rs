//! Expectations from the handle: [`MockOrganizations::expect`] and
//! [`expect_any`](MockOrganizations::expect_any) write one (see
//! [`Expectation`]), checked by [`verify`](MockOrganizations::verify) and
//! when the owner is dropped.

use std::panic::Location;

use aws_sdk_organizations::Client;

use crate::calls::expect::Expectation;
use crate::calls::lock;
use crate::calls::operation::Operation;
use crate::calls::typed::{AnyOperation, SdkOperation};
use crate::harness::MockOrganizations;

impl MockOrganizations {
    /// An expectation on the calls, received from now on, to the operation
    /// the client's method names (see [`Expectation`]); checked by
    /// [`verify`](Self::verify) and when the mock is dropped (see [`MockOrganizations`]).
    ///
    /// ```compile_fail
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// let mock = aws_organizations_mock::MockOrganizations::new();
    /// mock.expect(Client::create_acount).never();
    /// ```
    #[track_caller]
    pub fn expect<O: SdkOperation>(&self, _operation: impl Fn(&Client) -> O) -> Expectation<O> {
        self.add_expectation(Some(O::OPERATION))
    }

    /// An expectation on the calls to any operation received from now on.
    #[track_caller]
    pub fn expect_any(&self) -> Expectation<AnyOperation> {
        self.add_expectation(None)
    }

    #[track_caller]
    pub(crate) fn add_expectation<O>(&self, operation: Option<Operation>) -> Expectation<O> {
        let since = lock(&self.shared.calls).next_seq();
        let (handle, data) = Expectation::new(operation, since, Location::caller());
        lock(&self.shared.expectations).push(data);
        handle
    }

    /// Removes every expectation (and forgets panicked predicates).
    pub fn reset_expectations(&self) {
        lock(&self.shared.expectations).clear();
        lock(&self.shared.problems).clear();
    }
}
