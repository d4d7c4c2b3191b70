//! The calls a [`MockOrganizations`] received: all of them, a page of them,
//! or one operation's, typed by the SDK's own types.

use aws_sdk_organizations::Client;

use crate::calls::call_log::CallPage;
use crate::calls::lock;
use crate::calls::recording::{RecordedCall, TypedCall};
use crate::calls::typed::SdkOperation;
use crate::harness::MockOrganizations;

impl MockOrganizations {
    /// Every call received so far, in order, failed ones included (with
    /// [`max_recorded_calls`](crate::MockOrganizationsBuilder::max_recorded_calls),
    /// the latest ones only).
    pub fn calls(&self) -> Vec<RecordedCall> {
        lock(&self.shared.calls).all().calls
    }

    /// How many calls were dropped, oldest first, to keep the recording
    /// within [`max_recorded_calls`](crate::MockOrganizationsBuilder::max_recorded_calls).
    pub fn dropped_calls(&self) -> u64 {
        lock(&self.shared.calls).dropped()
    }

    /// At most `limit` recorded calls from sequence number `since` on; the
    /// lock is held only to clone the handles.
    #[cfg_attr(not(feature = "server"), allow(dead_code))]
    pub(crate) fn call_page(&self, since: u64, limit: usize) -> CallPage {
        lock(&self.shared.calls).page(since, limit)
    }

    /// The calls to one operation, named by the client's method, in order,
    /// typed by the SDK's own types (see [`TypedCall`]).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use aws_organizations_mock::aws_sdk_organizations::Client;
    /// let (client, mock) = aws_organizations_mock::mock_client();
    /// client.create_organization().send().await.unwrap();
    /// client.create_account().account_name("audit").email("audit@example.com").send().await.unwrap();
    /// let call = &mock.calls_to(Client::create_account)[0];
    /// assert_eq!(call.input().email(), Some("audit@example.com"));
    /// assert!(call.output().unwrap().create_account_status().is_some());
    /// # }
    /// ```
    pub fn calls_to<O: SdkOperation>(&self, _operation: impl Fn(&Client) -> O) -> Vec<TypedCall<O>> {
        lock(&self.shared.calls)
            .iter()
            .filter(|c| c.operation() == O::OPERATION)
            .cloned()
            .map(TypedCall::new)
            .collect()
    }
}
