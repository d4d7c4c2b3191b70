//! The AWS partition of a call, from the region in its SigV4 credential scope,
//! and the ARNs of a response put into that partition.
//!
//! AWS Organizations is a global service, and the world holds no partition:
//! its ARNs are built as `arn:aws:...`. A caller signing for a region of
//! another partition (`cn-north-1`, `us-gov-west-1`, ...) sees every ARN of
//! the response in its partition (`arn:aws-cn:...`, `arn:aws-us-gov:...`).
//! Only the members that hold ARNs are rewritten (`Arn`, `MasterAccountArn`:
//! the members whose shape in the service model is an ARN); documents and
//! other text are left as they are.
//!
//! The region-to-partition rules are the SDK's own (`partitions.json` as
//! compiled into `aws-sdk-organizations`'s endpoint resolver): a region named
//! in a partition's region list, else the first partition whose `regionRegex`
//! matches, else `aws`.

use crate::world::partitions::{DEFAULT, PREFIXES};

/// The partitions' global pseudo-regions, which no `regionRegex` matches.
const GLOBAL_REGIONS: &[(&str, &str)] = &[
    ("aws-global", "aws"),
    ("aws-cn-global", "aws-cn"),
    ("aws-iso-global", "aws-iso"),
    ("aws-iso-b-global", "aws-iso-b"),
    ("aws-iso-e-global", "aws-iso-e"),
    ("aws-iso-f-global", "aws-iso-f"),
    ("aws-us-gov-global", "aws-us-gov"),
];

/// True when `rest` is `\w+-\d+` (the tail of every `regionRegex`).
fn word_dash_digits(rest: &str) -> bool {
    let Some((word, digits)) = rest.rsplit_once('-') else {
        return false;
    };
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    !word.is_empty() && word.chars().all(is_word) && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// The partition of `region`; `aws` for any region no other partition claims.
pub(crate) fn of_region(region: &str) -> &'static str {
    if let Some((_, partition)) = GLOBAL_REGIONS.iter().find(|(r, _)| *r == region) {
        return partition;
    }
    PREFIXES
        .iter()
        .find(|(_, prefix)| region.strip_prefix(prefix).is_some_and(word_dash_digits))
        .map_or(DEFAULT, |(partition, _)| partition)
}

/// The region of a SigV4 `Authorization` header's credential scope
/// (`Credential=<key>/<date>/<region>/<service>/aws4_request`).
pub(crate) fn region_of(authorization: &str) -> Option<&str> {
    let rest = &authorization[authorization.find("Credential=")? + "Credential=".len()..];
    rest.split([',', ' ']).next()?.split('/').nth(2)
}

/// The partition of a request signed with `authorization` (`aws` when it
/// names no region).
pub(crate) fn of_request(authorization: Option<&str>) -> &'static str {
    authorization.and_then(region_of).map_or(DEFAULT, of_region)
}

/// True for a member name that holds an ARN in the model's output shapes.
fn is_arn_member(name: &str) -> bool {
    name == "Arn" || name.ends_with("Arn")
}

/// Puts the ARNs of an encoded response into `partition`. A no-op (no parse)
/// for the `aws` partition.
pub(crate) fn rewrite(body: Vec<u8>, partition: &str) -> Vec<u8> {
    if partition == DEFAULT {
        return body;
    }
    let Ok(mut json) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return body;
    };
    let prefix = format!("arn:{partition}:");
    rewrite_value(&mut json, &prefix);
    serde_json::to_vec(&json).unwrap_or(body)
}

fn rewrite_value(value: &mut serde_json::Value, prefix: &str) {
    match value {
        serde_json::Value::Object(map) => {
            for (name, member) in map.iter_mut() {
                match member {
                    serde_json::Value::String(s) if is_arn_member(name) => {
                        if let Some(rest) = s.strip_prefix("arn:aws:") {
                            *s = format!("{prefix}{rest}");
                        }
                    }
                    other => rewrite_value(other, prefix),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| rewrite_value(v, prefix)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_map_to_the_sdks_partitions() {
        let cases = [
            ("us-east-1", "aws"),
            ("eu-west-3", "aws"),
            ("aws-global", "aws"),
            ("cn-north-1", "aws-cn"),
            ("cn-northwest-1", "aws-cn"),
            ("aws-cn-global", "aws-cn"),
            ("us-gov-west-1", "aws-us-gov"),
            ("us-gov-east-1", "aws-us-gov"),
            ("us-iso-east-1", "aws-iso"),
            ("us-isob-east-1", "aws-iso-b"),
            ("eu-isoe-west-1", "aws-iso-e"),
            ("us-isof-south-1", "aws-iso-f"),
            ("eusc-de-east-1", "aws-eusc"),
            ("cn-", "aws"),
            // `^cn\-\w+\-\d+$`: `\w` holds `_` and no other punctuation,
            // and both parts around the last dash must be there.
            ("cn-north_1-1", "aws-cn"),
            ("cn-nor.th-1", "aws"),
            ("cn--1", "aws"),
            ("cn-north-", "aws"),
            ("cn-north-x", "aws"),
            ("mars-1", "aws"),
            ("", "aws"),
        ];
        for (region, partition) in cases {
            assert_eq!(of_region(region), partition, "{region}");
        }
    }

    #[test]
    fn every_partition_is_known() {
        for p in [
            "aws",
            "aws-cn",
            "aws-us-gov",
            "aws-iso",
            "aws-iso-b",
            "aws-iso-e",
            "aws-iso-f",
            "aws-eusc",
        ] {
            assert!(crate::world::partitions::is_partition(p), "{p}");
        }
        assert!(!crate::world::partitions::is_partition("aws-mars"));
    }

    #[test]
    fn the_region_comes_from_the_credential_scope() {
        let auth = "AWS4-HMAC-SHA256 Credential=AKIA/20250101/cn-north-1/organizations/aws4_request, SignedHeaders=host, Signature=0";
        assert_eq!(region_of(auth), Some("cn-north-1"));
        assert_eq!(of_request(Some(auth)), "aws-cn");
        assert_eq!(of_request(Some("garbage")), "aws");
        assert_eq!(of_request(None), "aws");
    }

    #[test]
    fn only_arn_members_are_rewritten() {
        let body = br#"{"Policy":{"PolicySummary":{"Arn":"arn:aws:organizations::1:policy/o-1/x/p-1"},"Content":"arn:aws:s3:::b"},"Organization":{"MasterAccountArn":"arn:aws:organizations::1:account/o-1/1"}}"#;
        let out: serde_json::Value = serde_json::from_slice(&rewrite(body.to_vec(), "aws-cn")).unwrap();
        assert_eq!(
            out["Policy"]["PolicySummary"]["Arn"],
            "arn:aws-cn:organizations::1:policy/o-1/x/p-1"
        );
        assert_eq!(out["Policy"]["Content"], "arn:aws:s3:::b");
        assert_eq!(
            out["Organization"]["MasterAccountArn"],
            "arn:aws-cn:organizations::1:account/o-1/1"
        );
        assert_eq!(rewrite(body.to_vec(), "aws"), body.to_vec());
    }
}
