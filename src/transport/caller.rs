//! Who signed a request: the [`Principal`] its SigV4 access key id names.

use crate::calls::shared::Shared;
use crate::sts::Principal;
use crate::world::ids::is_account_id;

/// The principal that signed a request with `authorization`.
pub(crate) fn principal(shared: &Shared, authorization: Option<&str>) -> Principal {
    let key = authorization.and_then(crate::wire::signing::access_key_id);
    match key {
        Some(key) if is_account_id(key) => Principal::Root(key.to_string()),
        Some(key) if key.starts_with("ASIA") => {
            let world = shared.world();
            match world.session(key) {
                Some(session) if world.now() < session.expires_at => Principal::Session(session.clone()),
                Some(session) => Principal::Expired(session.clone()),
                None => Principal::Unknown(shared.default_account.clone()),
            }
        }
        _ => Principal::Root(shared.default_account.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::MockOrganizations;

    #[test]
    fn callers_are_told_apart_by_their_access_key_id() {
        let mock = MockOrganizations::new();
        let auth = |key: &str| {
            format!("AWS4-HMAC-SHA256 Credential={key}/20250101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=abc")
        };
        let who = |key: Option<&str>| principal(&mock.shared, key.map(auth).as_deref());
        assert!(matches!(who(Some("222222222222")), Principal::Root(a) if a == "222222222222"));
        assert!(matches!(who(Some("AKIAEXAMPLE")), Principal::Root(a) if a == "111111111111"));
        assert!(matches!(who(None), Principal::Root(a) if a == "111111111111"));
        assert!(matches!(principal(&mock.shared, Some("garbage")), Principal::Root(a) if a == "111111111111"));
        assert!(matches!(who(Some("ASIANOTISSUED0000000")), Principal::Unknown(_)));
        mock.create_role("222222222222", "R", &["111111111111"]);
        let session = mock
            .shared
            .world()
            .start_session(&crate::world::AccountId::new("222222222222"), "R", "s", 900);
        let key = session.access_key_id.clone();
        assert!(matches!(who(Some(&key)), Principal::Session(s) if s.account_id == "222222222222"));
        assert_eq!(who(Some(&key)).arn("aws"), "arn:aws:sts::222222222222:assumed-role/R/s");
        assert_eq!(
            who(Some("333333333333")).arn("aws-cn"),
            "arn:aws-cn:iam::333333333333:root"
        );
        mock.advance(std::time::Duration::from_secs(900));
        assert!(matches!(who(Some(&key)), Principal::Expired(_)));
        assert_eq!(
            who(Some(&key)).organizations_error().unwrap().code(),
            "ExpiredTokenException"
        );
    }
}
