//! The engine against AWS's own example policies (the Organizations user
//! guide's "Example SCPs" and the RCP data-perimeter examples; the sources
//! are in FIDELITY.md#guardrails-examples).

use super::*;
use serde_json::json;

const FULL_AWS_ACCESS: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

fn policy(id: &str, document: serde_json::Value) -> ChainPolicy<'static> {
    ChainPolicy::new(id.to_string(), format!("{id}-name"), &document.to_string())
}

fn full() -> ChainPolicy<'static> {
    ChainPolicy::new("p-FullAWSAccess", "FullAWSAccess", FULL_AWS_ACCESS)
}

/// root (FullAWSAccess + extra at the root) → ou → account.
fn chain(root_extra: Vec<ChainPolicy<'static>>) -> Vec<Level<'static>> {
    let mut root = vec![full()];
    root.extend(root_extra);
    vec![
        Level {
            target_id: "r-abcd",
            policies: root,
        },
        Level {
            target_id: "ou-abcd-11111111",
            policies: vec![full()],
        },
        Level {
            target_id: "222222222222",
            policies: vec![full()],
        },
    ]
}

struct Ask {
    arn: String,
    kind: PrincipalKind,
    action: String,
    resource: String,
    context: Context,
}

fn ask(action: &str) -> Ask {
    let mut context = Context::new();
    context.set(names::PRINCIPAL_ARN, ["arn:aws:iam::222222222222:root"]);
    context.set(names::REQUESTED_REGION, ["eu-west-1"]);
    Ask {
        arn: "arn:aws:iam::222222222222:root".into(),
        kind: PrincipalKind::RootUser,
        action: action.into(),
        resource: "*".into(),
        context,
    }
}

impl Ask {
    fn role(mut self, arn: &str) -> Self {
        self.arn = arn.into();
        self.kind = PrincipalKind::AssumedRole;
        self.context.set(names::PRINCIPAL_ARN, [arn]);
        self
    }
    fn key(mut self, key: &str, values: &[&str]) -> Self {
        self.context.set(key, values.iter().copied());
        self
    }
    fn resource(mut self, arn: &str) -> Self {
        self.resource = arn.into();
        self
    }
    fn against(&self, levels: &[Level]) -> Decision {
        evaluate(
            levels,
            &Request {
                principal_arn: &self.arn,
                principal_account: "222222222222",
                principal_kind: self.kind,
                action: &self.action,
                resource: &self.resource,
                context: &self.context,
            },
        )
    }
}

fn denied_by(decision: &Decision) -> Option<(&str, &str, Option<&str>)> {
    match decision {
        Decision::ExplicitDeny {
            policy_id,
            target_id,
            sid,
            ..
        } => Some((policy_id, target_id, sid.as_deref())),
        _ => None,
    }
}

#[test]
fn every_level_must_allow_and_the_first_that_does_not_is_named() {
    assert_eq!(ask("s3:PutObject").against(&chain(vec![])), Decision::Allowed);
    // The OU allows only ec2:*: its accounts can't call Organizations.
    let mut levels = chain(vec![]);
    levels[1].policies = vec![policy(
        "p-ec2only",
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}),
    )];
    assert_eq!(
        ask("organizations:DescribeOrganization").against(&levels),
        Decision::ImplicitDeny {
            target_id: "ou-abcd-11111111".into()
        }
    );
    assert_eq!(ask("ec2:RunInstances").against(&levels), Decision::Allowed);
    // A level with no policy at all allows nothing.
    levels[2].policies.clear();
    assert_eq!(
        ask("ec2:RunInstances").against(&levels),
        Decision::ImplicitDeny {
            target_id: "222222222222".into()
        }
    );
    assert_eq!(
        ask("ec2:RunInstances").against(&[]),
        Decision::Allowed,
        "no chain, no restriction"
    );
}

#[test]
fn an_explicit_deny_anywhere_wins_over_every_allow_and_over_an_implicit_deny() {
    let deny_leave = policy(
        "p-denyleave",
        json!({"Version": "2012-10-17", "Statement": [{"Sid": "DenyLeave", "Effect": "Deny", "Action": ["organizations:LeaveOrganization"], "Resource": "*"}]}),
    );
    let mut levels = chain(vec![]);
    levels[2].policies.push(deny_leave);
    levels[1].policies.clear(); // an implicit deny higher up is reported after the explicit one
    let d = ask("organizations:LeaveOrganization").against(&levels);
    assert_eq!(denied_by(&d), Some(("p-denyleave", "222222222222", Some("DenyLeave"))));
    assert!(matches!(d, Decision::ExplicitDeny { ref policy_name, .. } if policy_name == "p-denyleave-name"));
    assert!(matches!(
        ask("organizations:DescribeOrganization").against(&levels),
        Decision::ImplicitDeny { .. }
    ));
}

#[test]
fn service_linked_roles_are_never_restricted() {
    let mut a = ask("organizations:LeaveOrganization").role("arn:aws:iam::222222222222:role/aws-service-role/x");
    a.kind = PrincipalKind::ServiceLinkedRole;
    let deny_all = policy(
        "p-denyall",
        json!({"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}),
    );
    assert_eq!(a.against(&chain(vec![deny_all])), Decision::Allowed);
    let mut nothing = chain(vec![]);
    nothing.iter_mut().for_each(|l| l.policies.clear());
    assert_eq!(a.against(&nothing), Decision::Allowed);
}

/// "Deny access to AWS based on the requested AWS Region" (aws-samples /
/// the user guide's general examples), its NotAction list trimmed.
#[test]
fn region_lock_with_global_service_exemptions_and_privileged_roles() {
    let lock = policy(
        "p-region",
        json!({"Version": "2012-10-17", "Statement": [{
            "Sid": "DenyAllOutsideEU", "Effect": "Deny",
            "NotAction": ["iam:*", "organizations:*", "route53:*", "sts:*", "support:*", "s3:GetAccountPublic*", "s3:ListAllMyBuckets"],
            "Resource": "*",
            "Condition": {
                "StringNotEquals": {"aws:RequestedRegion": ["eu-central-1", "eu-west-1"]},
                "ArnNotLike": {"aws:PrincipalARN": ["arn:aws:iam::*:role/Role1AllowedToBypassThisSCP", "arn:aws:iam::*:role/Role2AllowedToBypassThisSCP"]}
            }
        }]}),
    );
    let levels = chain(vec![lock]);
    assert_eq!(ask("ec2:RunInstances").against(&levels), Decision::Allowed);
    let us = |a: Ask| a.key("aws:RequestedRegion", &["us-east-1"]);
    assert_eq!(
        denied_by(&us(ask("ec2:RunInstances")).against(&levels)),
        Some(("p-region", "r-abcd", Some("DenyAllOutsideEU")))
    );
    assert_eq!(
        us(ask("organizations:ListAccounts")).against(&levels),
        Decision::Allowed,
        "global service exempt"
    );
    assert_eq!(
        us(ask("s3:GetAccountPublicAccessBlock")).against(&levels),
        Decision::Allowed
    );
    assert!(denied_by(&us(ask("s3:GetObject")).against(&levels)).is_some());
    assert_eq!(
        us(ask("ec2:RunInstances").role("arn:aws:iam::222222222222:role/Role1AllowedToBypassThisSCP")).against(&levels),
        Decision::Allowed,
        "privileged role exempt"
    );
    assert!(
        denied_by(&us(ask("ec2:RunInstances").role("arn:aws:iam::222222222222:role/Other")).against(&levels)).is_some()
    );
}

/// "Prevent member accounts from leaving the organization".
#[test]
fn deny_leaving_the_organization() {
    let levels = chain(vec![policy(
        "p-stay",
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["organizations:LeaveOrganization"], "Resource": "*"}]}),
    )]);
    assert_eq!(
        denied_by(&ask("organizations:LeaveOrganization").against(&levels)),
        Some(("p-stay", "r-abcd", None))
    );
    assert_eq!(
        ask("organizations:DescribeOrganization").against(&levels),
        Decision::Allowed
    );
}

/// "Prevent IAM users and roles from making certain changes, with an
/// exception for a specified admin role".
#[test]
fn protect_a_role_except_for_a_break_glass_principal() {
    let levels = chain(vec![policy(
        "p-protect",
        json!({"Version": "2012-10-17", "Statement": [{
            "Sid": "DenyChangesToProtectedRole", "Effect": "Deny",
            "Action": ["iam:AttachRolePolicy", "iam:DeleteRole", "iam:DeleteRolePermissionsBoundary", "iam:DeleteRolePolicy",
                       "iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy",
                       "iam:UpdateRole", "iam:UpdateRoleDescription"],
            "Resource": ["arn:aws:iam::*:role/name-of-role-to-deny"],
            "Condition": {"ArnNotLike": {"aws:PrincipalARN": "arn:aws:iam::*:role/name-of-admin-role-to-allow"}}
        }]}),
    )]);
    let protected = "arn:aws:iam::222222222222:role/name-of-role-to-deny";
    let dev = || ask("iam:DeleteRole").role("arn:aws:iam::222222222222:role/Developer");
    assert!(denied_by(&dev().resource(protected).against(&levels)).is_some());
    assert_eq!(
        dev().resource("arn:aws:iam::222222222222:role/other").against(&levels),
        Decision::Allowed
    );
    assert_eq!(
        ask("iam:DeleteRole")
            .role("arn:aws:iam::222222222222:role/name-of-admin-role-to-allow")
            .resource(protected)
            .against(&levels),
        Decision::Allowed
    );
    assert!(
        denied_by(&ask("iam:DeleteRole").resource(protected).against(&levels)).is_some(),
        "the root user too"
    );
}

/// "Require a tag on specified created resources".
#[test]
fn require_a_tag_on_created_resources() {
    let levels = chain(vec![policy(
        "p-tags",
        json!({"Version": "2012-10-17", "Statement": [
            {"Sid": "DenyCreateSecretWithNoProjectTag", "Effect": "Deny", "Action": "secretsmanager:CreateSecret",
             "Resource": "*", "Condition": {"Null": {"aws:RequestTag/Project": "true"}}},
            {"Sid": "DenyRunInstanceWithNoProjectTag", "Effect": "Deny", "Action": "ec2:RunInstances",
             "Resource": ["arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:*:volume/*"],
             "Condition": {"Null": {"aws:RequestTag/Project": "true"}}}
        ]}),
    )]);
    assert_eq!(
        denied_by(&ask("secretsmanager:CreateSecret").against(&levels)),
        Some(("p-tags", "r-abcd", Some("DenyCreateSecretWithNoProjectTag")))
    );
    assert_eq!(
        ask("secretsmanager:CreateSecret")
            .key("aws:RequestTag/project", &["x"])
            .against(&levels),
        Decision::Allowed
    );
    let instance = "arn:aws:ec2:eu-west-1:222222222222:instance/i-1";
    assert!(denied_by(&ask("ec2:RunInstances").resource(instance).against(&levels)).is_some());
    assert_eq!(
        ask("ec2:RunInstances")
            .resource("arn:aws:ec2:eu-west-1::image/ami-1")
            .against(&levels),
        Decision::Allowed
    );
}

/// "Restrict access for the root user in member accounts".
#[test]
fn deny_the_root_user() {
    let levels = chain(vec![policy(
        "p-noroot",
        json!({"Version": "2012-10-17", "Statement": [{"Sid": "RestrictEC2ForRoot", "Effect": "Deny", "Action": ["ec2:*"],
               "Resource": ["*"], "Condition": {"ArnLike": {"aws:PrincipalArn": ["arn:aws:iam::*:root"]}}}]}),
    )]);
    assert!(denied_by(&ask("ec2:RunInstances").against(&levels)).is_some());
    assert_eq!(
        ask("ec2:RunInstances")
            .role("arn:aws:iam::222222222222:role/Ops")
            .against(&levels),
        Decision::Allowed
    );
}

/// The RCP data perimeter "EnforceOrgIdentities": only the organization's
/// principals (and AWS services) may reach its resources.
#[test]
fn rcp_data_perimeter_on_principal_org_id() {
    let full_rcp = ChainPolicy::new(
        "p-RCPFullAWSAccess",
        "RCPFullAWSAccess",
        &json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}).to_string(),
    );
    let perimeter = policy(
        "p-perimeter",
        json!({"Version": "2012-10-17", "Statement": [{
            "Sid": "EnforceOrgIdentities", "Effect": "Deny", "Principal": "*",
            "Action": ["s3:*", "sqs:*", "kms:*", "secretsmanager:*", "sts:AssumeRole", "sts:DecodeAuthorizationMessage",
                       "sts:GetAccessKeyInfo", "sts:GetFederationToken", "sts:GetServiceBearerToken", "sts:GetSessionToken", "sts:SetContext"],
            "Resource": "*",
            "Condition": {
                "StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-inside1234"},
                "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}
            }
        }]}),
    );
    let levels = vec![
        Level {
            target_id: "r-abcd",
            policies: vec![full_rcp.clone(), perimeter],
        },
        Level {
            target_id: "222222222222",
            policies: vec![full_rcp],
        },
    ];
    let role = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole";
    let assume = || {
        ask("sts:AssumeRole")
            .resource(role)
            .key("aws:PrincipalIsAWSService", &["false"])
    };
    assert_eq!(
        assume().key("aws:PrincipalOrgID", &["o-inside1234"]).against(&levels),
        Decision::Allowed
    );
    assert_eq!(
        denied_by(&assume().key("aws:PrincipalOrgID", &["o-outside999"]).against(&levels)),
        Some(("p-perimeter", "r-abcd", Some("EnforceOrgIdentities")))
    );
    assert!(
        denied_by(&assume().against(&levels)).is_some(),
        "a principal in no organization is outside"
    );
    assert_eq!(
        ask("sts:AssumeRole")
            .resource(role)
            .key("aws:PrincipalIsAWSService", &["true"])
            .against(&levels),
        Decision::Allowed
    );
}

#[test]
fn not_resource_and_statement_forms() {
    let levels = chain(vec![policy(
        "p-nr",
        json!({"Statement": {"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::allowed/*"}}),
    )]);
    assert_eq!(
        ask("s3:GetObject").resource("arn:aws:s3:::allowed/k").against(&levels),
        Decision::Allowed
    );
    assert!(denied_by(&ask("s3:GetObject").resource("arn:aws:s3:::other/k").against(&levels)).is_some());
    // Allow with NotAction and a condition (full IAM language since 2025).
    let mut levels = chain(vec![]);
    levels[2].policies = vec![policy(
        "p-na",
        json!({"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*",
               "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}]}),
    )];
    assert_eq!(ask("ec2:RunInstances").against(&levels), Decision::Allowed);
    assert!(matches!(
        ask("iam:CreateUser").against(&levels),
        Decision::ImplicitDeny { .. }
    ));
    assert!(matches!(
        ask("ec2:RunInstances")
            .key("aws:RequestedRegion", &["us-east-1"])
            .against(&levels),
        Decision::ImplicitDeny { .. }
    ));
    // A document that isn't JSON allows nothing.
    levels[2].policies = vec![ChainPolicy::new("p-bad", "bad", "{")];
    assert!(matches!(
        ask("ec2:RunInstances").against(&levels),
        Decision::ImplicitDeny { .. }
    ));
}
