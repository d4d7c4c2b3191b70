//! A SigV4 auth scheme for the mock's own clients that writes the headers a
//! signed request carries without computing the signature.
//!
//! SigV4 signing is the largest single cost of a call on the SDK's pipeline
//! (a SHA-256 of the body, a canonical request and four HMACs to derive the
//! key). The mock reads only the access key id and never checks a signature,
//! so the clients of [`MockOrganizations::client`](crate::MockOrganizations::client)
//! take this scheme instead. The request still carries `X-Amz-Date`,
//! `X-Amz-Security-Token` (for session credentials) and an `Authorization`
//! header in SigV4's form (`AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/organizations/aws4_request,
//! SignedHeaders=..., Signature=...`); only the signature is a placeholder.
//! Credentials are resolved as usual, and a client without credentials fails
//! as it would. SDK configs built elsewhere around
//! [`MockOrganizations::http_client`](crate::MockOrganizations::http_client)
//! keep the SDK's real signer.

use aws_credential_types::Credentials;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::auth::{AuthScheme, AuthSchemeEndpointConfig, AuthSchemeId, Sign};
use aws_smithy_runtime_api::client::identity::{Identity, SharedIdentityResolver};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::{GetIdentityResolver, RuntimeComponents};
use aws_smithy_types::config_bag::ConfigBag;
use aws_smithy_types::date_time::{DateTime, Format};
use aws_types::region::Region;

/// SigV4's scheme id: the scheme replaces the SDK's SigV4 in a client's config.
const SIGV4: AuthSchemeId = AuthSchemeId::new("sigv4");

/// The placeholder signature: 64 hex digits, as a real one has.
const SIGNATURE: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// SigV4's shape without its cost.
#[derive(Debug, Default)]
pub(crate) struct UnsignedSigV4 {
    signer: HeadersOnly,
}

impl AuthScheme for UnsignedSigV4 {
    fn scheme_id(&self) -> AuthSchemeId {
        SIGV4
    }

    fn identity_resolver(&self, identity_resolvers: &dyn GetIdentityResolver) -> Option<SharedIdentityResolver> {
        identity_resolvers.identity_resolver(SIGV4)
    }

    fn signer(&self) -> &dyn Sign {
        &self.signer
    }
}

#[derive(Debug, Default)]
struct HeadersOnly;

impl Sign for HeadersOnly {
    fn sign_http_request(
        &self,
        request: &mut HttpRequest,
        identity: &Identity,
        _: AuthSchemeEndpointConfig<'_>,
        runtime_components: &RuntimeComponents,
        config_bag: &ConfigBag,
    ) -> Result<(), BoxError> {
        let credentials = identity
            .data::<Credentials>()
            .ok_or("the sigv4 scheme needs AWS credentials as its identity")?;
        let now = runtime_components.time_source().unwrap_or_default().now();
        // 2025-01-01T00:00:00Z -> 20250101T000000Z
        let amz_date: String = DateTime::from_secs(DateTime::from(now).secs())
            .fmt(Format::DateTime)?
            .chars()
            .filter(|c| *c != '-' && *c != ':')
            .collect();
        let region = config_bag.load::<Region>().map_or("us-east-1", Region::as_ref);
        let headers = request.headers_mut();
        headers.insert("x-amz-date", amz_date.clone());
        if let Some(token) = credentials.session_token() {
            headers.insert("x-amz-security-token", token.to_string());
        }
        let mut signed: Vec<String> = headers.iter().map(|(name, _)| name.to_ascii_lowercase()).collect();
        signed.push("host".into());
        signed.sort_unstable();
        signed.dedup();
        let authorization = format!(
            "AWS4-HMAC-SHA256 Credential={}/{}/{region}/organizations/aws4_request, SignedHeaders={}, Signature={SIGNATURE}",
            credentials.access_key_id(),
            &amz_date[..8],
            signed.join(";"),
        );
        headers.insert("authorization", authorization);
        Ok(())
    }
}

/// The access key id in a SigV4 `Authorization` header.
pub(crate) fn access_key_id(authorization: &str) -> Option<&str> {
    let rest = &authorization[authorization.find("Credential=")? + "Credential=".len()..];
    rest.split('/').next()
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
    use aws_smithy_runtime_api::client::interceptors::Intercept;

    use super::*;
    use crate::MockOrganizations;

    /// Keeps the `X-Amz-Date` and `Authorization` headers of the last request.
    #[derive(Debug, Default, Clone)]
    struct Seen(Arc<Mutex<Option<String>>>);

    impl Intercept for Seen {
        fn name(&self) -> &'static str {
            "Seen"
        }
        fn read_before_transmit(
            &self,
            context: &BeforeTransmitInterceptorContextRef<'_>,
            _: &RuntimeComponents,
            _: &mut ConfigBag,
        ) -> Result<(), BoxError> {
            let headers = context.request().headers();
            let seen = [headers.get("x-amz-date"), headers.get("authorization")];
            *self.0.lock().unwrap() = Some(seen.map(|h| h.unwrap_or_default()).join("|"));
            Ok(())
        }
    }

    #[tokio::test]
    async fn the_mocks_clients_send_sigv4_headers_with_a_placeholder_signature() {
        let mock = MockOrganizations::new();
        let seen = Seen::default();
        let config = mock
            .client_as("222222222222")
            .config()
            .to_builder()
            .region(Region::from_static("eu-west-1"))
            .interceptor(seen.clone())
            .build();
        let client = aws_sdk_organizations::Client::from_conf(config);
        let err = client.describe_organization().send().await.unwrap_err();
        assert!(format!("{err:?}").contains("AWSOrganizationsNotInUseException"));
        let seen = seen.0.lock().unwrap().clone().expect("a request was sent");
        let (date, auth) = seen.split_once('|').unwrap();
        assert!(
            date.len() == 16 && date.as_bytes()[8] == b'T' && date.ends_with('Z'),
            "{date}"
        );
        assert!(auth.contains(&format!("/{}/eu-west-1/", &date[..8])), "{auth}");
        assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=222222222222/2"), "{auth}");
        assert!(auth.contains("/organizations/aws4_request, SignedHeaders="), "{auth}");
        assert!(auth.contains("x-amz-date;x-amz-target"), "{auth}");
        assert!(auth.ends_with(&format!("Signature={SIGNATURE}")), "{auth}");
        assert_eq!(mock.calls()[0].caller(), "222222222222");
    }
}
