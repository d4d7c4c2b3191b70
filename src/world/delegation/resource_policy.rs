//! The organization's resource-based delegation policy: parsing its
//! statements and deciding what it grants.
//!
//! Everything a member may do beyond the read operations open to delegated
//! administrators is granted by the resource policy ("delegated administrator
//! for AWS Organizations"): an `Allow` statement naming the account as
//! principal and the operation as `organizations:<Operation>` (wildcards
//! allowed), not overridden by a `Deny`.

use super::super::domain_error::{DomainError, DomainResult, Exception};
use super::super::Tags;
use aws_sdk_organizations::types::InvalidInputExceptionReason;

/// The organization's resource-based delegation policy.
#[derive(Clone, Debug)]
pub(crate) struct ResourcePolicy {
    /// `rp-` and eight characters.
    pub id: String,
    /// The policy document, as given.
    pub content: String,
    pub tags: Tags,
    /// The statements, parsed from the content.
    pub statements: Vec<Statement>,
}

/// One statement of the resource policy, as far as the mock evaluates it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Statement {
    /// `Allow` (true) or `Deny` (false).
    pub allow: bool,
    /// Account ids, or `*` for every account.
    pub principals: Vec<String>,
    /// Action patterns, such as `organizations:List*`.
    pub actions: Vec<String>,
}

/// The actions a resource-based delegation policy may grant, as AWS lists
/// them ("Create or update a resource-based delegation policy with AWS
/// Organizations", supported delegation policy actions), and the two
/// effective-policy validation reads added to the API after that list.
pub(super) const DELEGABLE_ACTIONS: &[&str] = &[
    "AttachPolicy",
    "CreatePolicy",
    "DeletePolicy",
    "DescribeAccount",
    "DescribeCreateAccountStatus",
    "DescribeEffectivePolicy",
    "DescribeHandshake",
    "DescribeOrganization",
    "DescribeOrganizationalUnit",
    "DescribePolicy",
    "DescribeResourcePolicy",
    "DetachPolicy",
    "DisablePolicyType",
    "EnablePolicyType",
    "ListAccounts",
    "ListAccountsForParent",
    "ListAccountsWithInvalidEffectivePolicy",
    "ListAWSServiceAccessForOrganization",
    "ListChildren",
    "ListCreateAccountStatus",
    "ListDelegatedAdministrators",
    "ListDelegatedServicesForAccount",
    "ListEffectivePolicyValidationErrors",
    "ListHandshakesForAccount",
    "ListHandshakesForOrganization",
    "ListOrganizationalUnitsForParent",
    "ListParents",
    "ListPolicies",
    "ListPoliciesForTarget",
    "ListRoots",
    "ListTagsForResource",
    "ListTargetsForPolicy",
    "TagResource",
    "UntagResource",
    "UpdatePolicy",
];

fn malformed(message: impl Into<String>) -> DomainError {
    DomainError::invalid_input(InvalidInputExceptionReason::InvalidResourcePolicyJson, message)
}

fn strings(v: &serde_json::Value, what: &str) -> DomainResult<Vec<String>> {
    match v {
        serde_json::Value::String(s) => Ok(vec![s.clone()]),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| malformed(format!("Every {what} must be a string.")))
            })
            .collect(),
        _ => Err(malformed(format!("{what} must be a string or a list of strings."))),
    }
}

/// The account id a principal names: `123456789012`,
/// `arn:<partition>:iam::123456789012:root` (any AWS partition), or `*`.
fn principal_account(p: &str) -> DomainResult<String> {
    let id = crate::world::partitions::root_arn(p).map_or(p, |(_, account)| account);
    if id == "*" || super::super::ids::is_account_id(id) {
        Ok(id.to_string())
    } else {
        Err(DomainError::invalid_input(
            InvalidInputExceptionReason::InvalidPrincipal,
            format!("Principal '{p}' is not an account: use '123456789012' or 'arn:aws:iam::123456789012:root'."),
        ))
    }
}

/// Parses and checks a resource policy document: JSON, `Version`
/// 2012-10-17, statements with `Effect`, an `AWS` principal and
/// `organizations:` actions.
pub(super) fn parse_resource_policy(content: &str) -> DomainResult<Vec<Statement>> {
    let doc: serde_json::Value =
        serde_json::from_str(content).map_err(|e| malformed(format!("The resource policy is not valid JSON: {e}.")))?;
    let doc = doc
        .as_object()
        .ok_or_else(|| malformed("The resource policy must be a JSON object."))?;
    if doc.get("Version").and_then(|v| v.as_str()) != Some("2012-10-17") {
        return Err(malformed("The resource policy's Version must be \"2012-10-17\"."));
    }
    let statements = match doc.get("Statement") {
        Some(serde_json::Value::Array(items)) if !items.is_empty() => items.clone(),
        Some(s @ serde_json::Value::Object(_)) => vec![s.clone()],
        _ => {
            return Err(malformed(
                "The resource policy needs a Statement (an object or a non-empty list).",
            ))
        }
    };
    statements
        .iter()
        .map(|s| {
            let s = s
                .as_object()
                .ok_or_else(|| malformed("Every Statement must be an object."))?;
            let allow = match s.get("Effect").and_then(|e| e.as_str()) {
                Some("Allow") => true,
                Some("Deny") => false,
                _ => return Err(malformed("Every Statement's Effect must be \"Allow\" or \"Deny\".")),
            };
            let principal = s
                .get("Principal")
                .ok_or_else(|| malformed("Every Statement needs a Principal."))?;
            let principals = match principal {
                serde_json::Value::String(star) if star == "*" => vec!["*".to_string()],
                serde_json::Value::Object(p) => {
                    let aws = p.get("AWS").ok_or_else(|| {
                        DomainError::invalid_input(InvalidInputExceptionReason::InvalidPrincipal, "A Principal must name accounts under \"AWS\".")
                    })?;
                    strings(aws, "Principal")?
                        .iter()
                        .map(|p| principal_account(p))
                        .collect::<DomainResult<_>>()?
                }
                _ => {
                    return Err(DomainError::invalid_input(
                        InvalidInputExceptionReason::InvalidPrincipal,
                        "A Principal must be \"*\" or {\"AWS\": ...}.",
                    ))
                }
            };
            let actions = strings(
                s.get("Action")
                    .ok_or_else(|| malformed("Every Statement needs an Action."))?,
                "Action",
            )?;
            if let Some(bad) = actions
                .iter()
                .find(|a| !a.to_ascii_lowercase().starts_with("organizations:"))
            {
                return Err(DomainError::invalid_input(
                    InvalidInputExceptionReason::UnsupportedActionInResourcePolicy,
                    format!("Action '{bad}' is not an AWS Organizations action ('organizations:...')."),
                ));
            }
            let delegable = |a: &String| {
                DELEGABLE_ACTIONS
                    .iter()
                    .any(|op| glob(a, &format!("organizations:{op}")))
            };
            if let Some(bad) = actions.iter().find(|a| !delegable(a)) {
                return Err(DomainError::invalid_input(
                    InvalidInputExceptionReason::UnsupportedActionInResourcePolicy,
                    format!("Action '{bad}' can't be delegated: a delegation policy may grant only policy management and read actions (AttachPolicy, CreatePolicy, Describe*, List*, TagResource, ...)."),
                ));
            }
            Ok(Statement {
                allow,
                principals,
                actions,
            })
        })
        .collect()
}

/// True when `pattern` (with `*` and `?` wildcards, case-insensitive)
/// matches the action `text`: IAM's action matching, the guardrails' own.
fn glob(pattern: &str, text: &str) -> bool {
    crate::world::guardrails::matching::wildcard(pattern, text, true)
}

impl ResourcePolicy {
    /// True when the policy lets `account_id` call `operation`: some `Allow`
    /// matches and no `Deny` does.
    pub(crate) fn grants(&self, account_id: &str, operation: &str) -> bool {
        let action = format!("organizations:{operation}");
        let matching = |s: &&Statement| {
            s.principals.iter().any(|p| p == "*" || p == account_id) && s.actions.iter().any(|a| glob(a, &action))
        };
        let mut hits = self.statements.iter().filter(matching).peekable();
        hits.peek().is_some() && hits.all(|s| s.allow)
    }
}

pub(super) fn policy_not_found() -> DomainError {
    DomainError::new(
        Exception::ResourcePolicyNotFound,
        "The organization has no resource policy. Create one with PutResourcePolicy.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":["organizations:*Policy","organizations:TagResource"],"Resource":"*"},
        {"Effect":"Deny","Principal":{"AWS":"222222222222"},"Action":"organizations:DeletePolicy","Resource":"*"}]}"#;

    #[test]
    fn every_delegable_action_is_an_operation_of_the_model() {
        // A misspelt entry would silently make an action undelegable.
        let model: serde_json::Value = serde_json::from_str(include_str!("../../../model/service-2.json")).unwrap();
        let operations = model["operations"].as_object().unwrap();
        for action in super::DELEGABLE_ACTIONS {
            assert!(
                operations.contains_key(*action),
                "{action} is not an operation of the model"
            );
        }
    }

    #[test]
    fn statements_grant_matching_actions_unless_denied() {
        let policy = ResourcePolicy {
            id: "rp-x".into(),
            content: POLICY.into(),
            tags: Tags::default(),
            statements: parse_resource_policy(POLICY).unwrap(),
        };
        assert!(policy.grants("222222222222", "CreatePolicy"));
        assert!(policy.grants("222222222222", "TagResource"));
        assert!(!policy.grants("222222222222", "DeletePolicy"));
        assert!(!policy.grants("222222222222", "CreateAccount"));
        assert!(!policy.grants("333333333333", "CreatePolicy"));
    }

    #[test]
    fn principals_may_name_any_partition() {
        assert_eq!(
            principal_account("arn:aws-cn:iam::222222222222:root").unwrap(),
            "222222222222"
        );
        assert_eq!(
            principal_account("arn:aws-us-gov:iam::222222222222:root").unwrap(),
            "222222222222"
        );
        let err = principal_account("arn:aws-mars:iam::222222222222:root").unwrap_err();
        assert_eq!(err.reason(), Some("INVALID_PRINCIPAL"));
    }

    #[test]
    fn malformed_documents_are_refused() {
        for bad in [
            "not json",
            "[]",
            r#"{"Statement":[]}"#,
            r#"{"Version":"2012-10-17","Statement":[]}"#,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Principal":"*","Action":"organizations:*"}]}"#,
        ] {
            assert_eq!(
                parse_resource_policy(bad).unwrap_err().code(),
                "InvalidInputException",
                "{bad}"
            );
        }
        for undelegable in ["organizations:CreateAccount", "organizations:Invite*"] {
            let doc = format!(
                r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Principal":"*","Action":"{undelegable}"}}}}"#
            );
            assert_eq!(
                parse_resource_policy(&doc).unwrap_err().reason(),
                Some("UNSUPPORTED_ACTION_IN_RESOURCE_POLICY"),
                "{undelegable}"
            );
        }
        let s3 = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}}"#;
        assert_eq!(
            parse_resource_policy(s3).unwrap_err().reason(),
            Some("UNSUPPORTED_ACTION_IN_RESOURCE_POLICY")
        );
        for principal in [r#"{"AWS":"bob"}"#, r#""222222222222""#, r#""**""#] {
            let doc = format!(
                r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Principal":{principal},"Action":"organizations:*"}}}}"#
            );
            assert_eq!(
                parse_resource_policy(&doc).unwrap_err().reason(),
                Some("INVALID_PRINCIPAL"),
                "{principal}"
            );
        }
    }

    #[test]
    fn globs_match_like_iam() {
        assert!(glob("organizations:List*", "organizations:ListAccounts"));
        assert!(glob("organizations:*", "organizations:CreatePolicy"));
        assert!(glob("Organizations:describe?ccount", "organizations:DescribeAccount"));
        assert!(!glob("organizations:List*", "organizations:DescribeAccount"));
    }
}
