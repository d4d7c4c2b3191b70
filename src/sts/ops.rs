//! STS's `AssumeRole` and `GetCallerIdentity` against the world's roles and
//! sessions.
//!
//! Constraints are the STS model's (botocore `sts/2011-06-15/service-2.json`):
//! `RoleArn` is an `arnType` (20 to 2,048 characters), `RoleSessionName` a
//! `roleSessionNameType` (2 to 64 characters of `[\w+=,.@-]`),
//! `DurationSeconds` a `roleDurationSecondsType` (900 to 43,200; 3,600 when
//! absent, as the operation's documentation says). Messages follow STS's
//! answers quoted in public reports (see FIDELITY.md#sts-assumerole-and-getcalleridentity).

use aws_smithy_types::date_time::{DateTime, Format};

use super::Principal;
use crate::wire::query::{Call, Node, StsError};
use crate::world::guardrails::{self, names, Context};
use crate::world::iam::RoleSession;
use crate::world::ids::is_account_id;
use crate::world::policies::PolicyType;
use crate::world::{AccountId, World};

/// `DurationSeconds` when the request has none.
const DEFAULT_DURATION_SECONDS: i64 = 3600;

/// The longest session a role assumed with a role session's credentials
/// (role chaining) may have: one hour (AssumeRole's documentation).
const ROLE_CHAINING_MAX_SECONDS: i64 = 3600;

fn validation(problems: Vec<String>) -> StsError {
    let n = problems.len();
    let noun = if n == 1 { "error" } else { "errors" };
    StsError::new(
        "ValidationError",
        400,
        format!("{n} validation {noun} detected: {}", problems.join("; ")),
    )
}

/// The model's constraints on a string member, as STS words their failures.
fn check_string(problems: &mut Vec<String>, member: &str, value: Option<&str>, min: usize, max: usize) {
    let Some(value) = value else {
        problems.push(format!(
            "Value null at '{member}' failed to satisfy constraint: Member must not be null"
        ));
        return;
    };
    let len = value.chars().count();
    if len < min {
        problems.push(format!(
            "Value '{value}' at '{member}' failed to satisfy constraint: Member must have length greater than or equal to {min}"
        ));
    }
    if len > max {
        problems.push(format!(
            "Value '{value}' at '{member}' failed to satisfy constraint: Member must have length less than or equal to {max}"
        ));
    }
}

/// `roleSessionNameType`'s pattern, `[\w+=,.@-]*`.
fn session_name_ok(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || "+=,.@-".contains(c))
}

/// The account and role name of `arn:<partition>:iam::<account>:role/<path/><name>`.
fn parse_role_arn(arn: &str) -> Option<(&str, &str)> {
    let mut parts = arn.splitn(6, ':');
    let (prefix, partition, service, region, account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    let path = resource.strip_prefix("role/")?;
    let name = path.rsplit('/').next()?;
    let ok = prefix == "arn"
        && !partition.is_empty()
        && service == "iam"
        && region.is_empty()
        && is_account_id(account)
        && !name.is_empty();
    ok.then_some((account, name))
}

/// The guardrails' word on `caller` assuming `role_arn` (a role of
/// `account`): the SCPs on the caller's path (when it is a member account),
/// then the RCPs on the role's account's path (when that is a member
/// account); AWS's access-denied message for the first denial
/// (FIDELITY.md#guardrails-enforcement).
fn guardrails_denial(
    world: &World,
    caller: &Principal,
    role_arn: &str,
    account: &AccountId,
    region: Option<&str>,
    partition: &str,
) -> Option<String> {
    if !world.settings().enforce_guardrails {
        return None;
    }
    let (scp, rcp) = (PolicyType::ServiceControlPolicy, PolicyType::ResourceControlPolicy);
    let caller_account = caller.account();
    let scp_applies = world.guardrails_apply(caller_account, scp).is_some();
    if !scp_applies && world.guardrails_apply(account, rcp).is_none() {
        return None;
    }
    let signer = guardrails::Signer {
        session: match caller {
            Principal::Session(s) | Principal::Expired(s) => Some(s),
            _ => None,
        },
        region,
        partition,
    };
    let (principal_arn, kind) = signer.principal(caller_account);
    let mut context = Context::new();
    context.set(names::PRINCIPAL_ARN, [principal_arn.as_str()]);
    context.set(names::PRINCIPAL_TYPE, [kind.principal_type()]);
    if let Some(region) = region {
        context.set(names::REQUESTED_REGION, [region]);
    }
    world.principal_keys(caller_account, &mut context);
    world.resource_keys(account, &mut context);
    let principal = guardrails::Principal {
        arn: &principal_arn,
        account: caller_account,
        kind,
    };
    let resource = [guardrails::Resource {
        arn: role_arn.to_string(),
        tags: Default::default(),
    }];
    let action = "sts:AssumeRole";
    let caller_arn = signer.caller_arn(caller_account);
    // AWS names the denying policy only to a caller of the same
    // organization (always, for an SCP: it is the caller's own).
    let same_org = |chain: &str| {
        let org = |a: &str| world.org_of(a).map(|o| o.id().clone());
        org(chain).is_some() && org(chain) == org(caller_account)
    };
    [(scp, caller_account), (rcp, account.as_str())]
        .into_iter()
        .find_map(|(policy_type, chain)| {
            let (resource, decision) =
                world.guardrails_deny(policy_type, chain, principal, action, &resource, &context)?;
            let policy_arn = match &decision {
                guardrails::Decision::ExplicitDeny { policy_id, .. } if same_org(chain) => {
                    world.guardrail_policy_arn(chain, policy_id, partition)
                }
                _ => None,
            };
            guardrails::denial_message(
                &caller_arn,
                action,
                &resource,
                &decision,
                policy_type,
                policy_arn.as_deref(),
            )
        })
}

/// `AssumeRole`.
pub(crate) fn assume_role(
    world: &mut World,
    caller: &Principal,
    call: &Call,
    region: Option<&str>,
    partition: &str,
) -> Result<Vec<Node>, StsError> {
    let role_arn = call.param("RoleArn");
    let session_name = call.param("RoleSessionName");
    let mut problems = Vec::new();
    check_string(&mut problems, "roleArn", role_arn, 20, 2048);
    check_string(&mut problems, "roleSessionName", session_name, 2, 64);
    if let Some(name) = session_name.filter(|n| !session_name_ok(n)) {
        problems.push(format!(
            "Value '{name}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
        ));
    }
    let duration = match call.param("DurationSeconds") {
        None => DEFAULT_DURATION_SECONDS,
        Some(raw) => match raw.trim().parse::<i64>() {
            Ok(d) => d,
            Err(_) => {
                return Err(StsError::new(
                    "ValidationError",
                    400,
                    format!("Value '{raw}' for parameter DurationSeconds is not an integer."),
                ))
            }
        },
    };
    if duration < 900 {
        problems.push(format!(
            "Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"
        ));
    }
    if duration > 43200 {
        problems.push(format!(
            "Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200"
        ));
    }
    if !problems.is_empty() {
        return Err(validation(problems));
    }
    let (role_arn, session_name) = (role_arn.unwrap_or_default(), session_name.unwrap_or_default());
    let (account, role_name) = parse_role_arn(role_arn).ok_or_else(|| {
        StsError::new(
            "ValidationError",
            400,
            format!("{role_arn} is not a valid role ARN; a role ARN is arn:aws:iam::<12-digit account id>:role/<role name>."),
        )
    })?;
    let denied = || {
        StsError::new(
            "AccessDenied",
            403,
            format!(
                "User: {} is not authorized to perform: sts:AssumeRole on resource: {role_arn}",
                caller.arn(partition)
            ),
        )
    };
    // The role ARN's account, as the world's id (parse_role_arn checked its form).
    let account = AccountId::new(account);
    if let Some(message) = guardrails_denial(world, caller, role_arn, &account, region, partition) {
        return Err(StsError::new("AccessDenied", 403, message));
    }
    let role = world.role(&account, role_name).ok_or_else(denied)?;
    if !role.trusted_accounts.contains(caller.account()) {
        return Err(denied());
    }
    if duration > i64::from(role.max_session_seconds) {
        return Err(StsError::new(
            "ValidationError",
            400,
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
        ));
    }
    if matches!(caller, Principal::Session(_)) && duration > ROLE_CHAINING_MAX_SECONDS {
        return Err(StsError::new(
            "ValidationError",
            400,
            "The requested DurationSeconds exceeds the one-hour limit of a session assumed with role credentials (role chaining).",
        ));
    }
    let session = world.start_session(&account, role_name, session_name, duration as u32);
    Ok(vec![
        Node::Group(
            "AssumedRoleUser",
            vec![
                Node::Text("AssumedRoleId", session.assumed_role_id()),
                Node::Text("Arn", session.arn(partition)),
            ],
        ),
        credentials(&session),
    ])
}

fn credentials(session: &RoleSession) -> Node {
    let expiration = DateTime::from_millis(session.expires_at)
        .fmt(Format::DateTime)
        .unwrap_or_default();
    Node::Group(
        "Credentials",
        vec![
            Node::Text("AccessKeyId", session.access_key_id.clone()),
            Node::Text("SecretAccessKey", session.secret_access_key.clone()),
            Node::Text("SessionToken", session.session_token.clone()),
            Node::Text("Expiration", expiration),
        ],
    )
}

/// `GetCallerIdentity`.
pub(crate) fn get_caller_identity(caller: &Principal, partition: &str) -> Vec<Node> {
    let user_id = match caller {
        Principal::Session(session) => session.assumed_role_id(),
        _ => caller.account().to_string(),
    };
    vec![
        Node::Text("UserId", user_id),
        Node::Text("Account", caller.account().to_string()),
        Node::Text("Arn", caller.arn(partition)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_arns_parse_and_session_names_follow_the_pattern() {
        assert_eq!(
            parse_role_arn("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"),
            Some(("222222222222", "OrganizationAccountAccessRole"))
        );
        assert_eq!(
            parse_role_arn("arn:aws:iam::222222222222:role/team/a/Deploy"),
            Some(("222222222222", "Deploy"))
        );
        for bad in [
            "arn:aws:iam::2222:role/R",
            "arn:aws:s3:::bucket/role/x",
            "arn:aws:iam::222222222222:user/R",
            "arn:aws:iam::222222222222:role/",
            "not an arn at all, long enough",
        ] {
            assert_eq!(parse_role_arn(bad), None, "{bad}");
        }
        assert!(session_name_ok("ci_run-1+x=y,z.w@q"));
        assert!(!session_name_ok("a/b") && !session_name_ok("a b"));
    }
}
