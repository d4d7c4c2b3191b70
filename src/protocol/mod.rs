//! The protocol layer: one entry point, [`run`], for Organizations'
//! awsJson1.1 ([`json`]) and STS's awsQuery ([`query`]). The transport reads
//! a request once into a [`Request`] ([`request`]); [`run`] makes it ready
//! without the world, applies it under the world's lock, and encodes the
//! output or the error without the world, all behind one panic guard. The
//! framing itself is the wire vocabulary ([`crate::wire`]).

pub(crate) mod json;
pub(crate) mod query;
pub(crate) mod request;

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::calls::shared::Shared;
use crate::wire::codec::Reply;
use crate::world::World;
pub(crate) use request::{Protocol, Request};

/// Runs one request against the world and answers it in its protocol.
/// `json` is the body as [`Protocol::read`] parsed it (kept by the
/// recording, lent here).
///
/// Validation, decoding and encoding run concurrently with other calls;
/// only the step that needs the world ([`json::apply`], [`query::apply`])
/// holds its lock. A step that panics (a bug in the mock:
/// tests/it/robustness/fuzz_transport.rs and tests/it/robustness/random_sequences.rs find none)
/// fails that call alone with the protocol's internal failure
/// ([`Protocol::internal_failure`]: `ServiceException` or STS's
/// `InternalFailure`, HTTP 500), and the world's lock stays usable (`lock`
/// ignores poisoning). The world is not rolled back: whatever the handler
/// changed before it panicked stays. Handlers validate before they mutate,
/// so a panic in validation leaves the world as it was; a copy of the world
/// per call, to restore it, would cost O(world) on every call.
pub(crate) fn run(shared: &Shared, request: &Request<'_>, json: &serde_json::Value, request_id: &str) -> Reply {
    guarded(&request.protocol, request_id, || match &request.protocol {
        Protocol::Json {
            operation, body_error, ..
        } => steps(
            shared,
            || json::prepare(request, operation, body_error.as_ref(), json).map_err(|err| Reply::error(&err)),
            json::apply,
            |outcome| json::finish(outcome, request.partition),
        ),
        Protocol::Query(call) => steps(
            shared,
            || query::prepare(request, call).map_err(|err| err.reply(request_id)),
            query::apply,
            |outcome| query::finish(outcome, call, request_id),
        ),
    })
}

/// The order of every request: `prepare` without the world (an error is
/// answered at once), `apply` under the world's lock, `finish` without it.
fn steps<R, O>(
    shared: &Shared,
    prepare: impl FnOnce() -> Result<R, Reply>,
    apply: impl FnOnce(&mut World, R) -> O,
    finish: impl FnOnce(O) -> Reply,
) -> Reply {
    let ready = match prepare() {
        Ok(ready) => ready,
        Err(reply) => return reply,
    };
    // The guard is a temporary: the lock is released before `finish`.
    let outcome = apply(&mut shared.world(), ready);
    finish(outcome)
}

/// `answer`'s reply, or the protocol's internal failure when it panics.
fn guarded(protocol: &Protocol<'_>, request_id: &str, answer: impl FnOnce() -> Reply) -> Reply {
    catch_unwind(AssertUnwindSafe(answer)).unwrap_or_else(|_| protocol.internal_failure(request_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::MockOrganizations;
    use crate::sts::Principal;

    fn request<'a>(protocol: Protocol<'a>, principal: Principal) -> Request<'a> {
        Request {
            protocol,
            principal,
            region: None,
            partition: "aws",
        }
    }

    fn root() -> Principal {
        Principal::Root("111111111111".into())
    }

    fn organizations() -> Protocol<'static> {
        Protocol::read(Some("AWSOrganizationsV20161128.DescribeOrganization"), b"{}").0
    }

    fn sts() -> Protocol<'static> {
        Protocol::read(None, b"Action=GetCallerIdentity&Version=2011-06-15").0
    }

    fn text(reply: &Reply) -> String {
        String::from_utf8(reply.body.to_vec()).unwrap()
    }

    /// The steps of a request, the one numbered `at` panicking (none past 2),
    /// under the guard.
    fn panicking(shared: &Shared, protocol: &Protocol<'_>, at: usize) -> Reply {
        guarded(protocol, "r-1", || {
            steps(
                shared,
                || if at == 0 { panic!("prepare panicked") } else { Ok(()) },
                |_world, ()| assert!(at != 1, "apply panicked under the lock"),
                |()| {
                    if at == 2 {
                        panic!("finish panicked")
                    } else {
                        Reply::ok(b"{}".to_vec())
                    }
                },
            )
        })
    }

    #[test]
    fn a_panicking_step_answers_its_protocols_internal_failure_and_the_world_stays_usable() {
        let mock = MockOrganizations::new();
        for at in 0..3 {
            let reply = panicking(&mock.shared, &organizations(), at);
            assert_eq!(
                (reply.status, reply.error_code.as_deref()),
                (500, Some("ServiceException"))
            );
            let envelope: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
            assert_eq!(envelope["__type"], "ServiceException", "{envelope}");
            assert!(text(&reply).contains("while handling DescribeOrganization"));
            let reply = panicking(&mock.shared, &sts(), at);
            assert_eq!(
                (reply.status, reply.error_code.as_deref()),
                (500, Some("InternalFailure"))
            );
            assert!(text(&reply).starts_with("<ErrorResponse"), "{}", text(&reply));
            assert!(text(&reply).contains("while handling GetCallerIdentity"));
            assert!(text(&reply).ends_with("<RequestId>r-1</RequestId></ErrorResponse>"));
        }
        assert_eq!(panicking(&mock.shared, &sts(), 3).status, 200);
        // The lock `apply` held when it panicked is usable: a real call runs.
        let json = serde_json::json!({});
        let reply = run(&mock.shared, &request(sts(), root()), &json, "r-2");
        assert_eq!(reply.status, 200, "{}", text(&reply));
        assert!(text(&reply).contains("<Arn>arn:aws:iam::111111111111:root</Arn>"));
    }

    #[test]
    fn a_request_fails_first_on_its_credentials_then_its_target_then_its_body() {
        let mock = MockOrganizations::new();
        mock.create_role("222222222222", "R", &["111111111111"]);
        let session = mock
            .shared
            .world()
            .start_session(&crate::world::AccountId::new("222222222222"), "R", "s", 900);
        let expired = || Principal::Expired(session.clone());
        let code = |protocol: Protocol<'_>, principal: Principal, json: serde_json::Value| {
            let reply = run(&mock.shared, &request(protocol, principal), &json, "r-1");
            reply.error_code
        };
        let foreign = || Protocol::read(Some("Foo.Bar"), b"[").0;
        let bad_body = || Protocol::read(Some("AWSOrganizationsV20161128.DescribeOrganization"), b"[").0;
        let null = serde_json::Value::Null;
        assert_eq!(
            code(foreign(), expired(), null.clone()).as_deref(),
            Some("ExpiredTokenException")
        );
        assert_eq!(
            code(foreign(), root(), null.clone()).as_deref(),
            Some("UnknownOperationException")
        );
        assert_eq!(
            code(bad_body(), root(), null).as_deref(),
            Some("SerializationException")
        );
        assert_eq!(
            code(sts(), expired(), serde_json::json!({})).as_deref(),
            Some("ExpiredToken")
        );
        let version = Protocol::read(None, b"Action=Nope&Version=2000-01-01").0;
        let message = run(&mock.shared, &request(version, root()), &serde_json::json!({}), "r-1");
        assert!(text(&message).contains("for version 2000-01-01"), "{}", text(&message));
    }
}
