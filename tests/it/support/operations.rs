//! Random operations for the model-based property tests
//! (`random_sequences`): the callers, the operations, their strategies and
//! the requests they make in a world.

use crate::support;

use std::collections::BTreeMap;

use aws_organizations_mock::MockOrganizations;
use proptest::prelude::*;
use serde_json::{json, Value};
use support::raw::Raw;

pub(crate) use support::MANAGEMENT;
pub(crate) const MEMBER: &str = "222222222222";
pub(crate) const OTHER_ORG: &str = "333333333333";
pub(crate) const INVITEE: &str = "444444444444";
pub(crate) const OUTSIDER: &str = "999999999999";
pub(crate) const CALLERS: [&str; 6] = [MANAGEMENT, MANAGEMENT, MEMBER, OTHER_ORG, OUTSIDER, INVITEE];

pub(crate) const SCP: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#;
pub(crate) use support::scenario::TAG_DOC as TAG;

// ---------------------------------------------------------------------------
// Steps: which operation, by whom, on which entities (indices into the
// world's entities at the time the step runs, taken modulo their number).

#[derive(Clone, Debug)]
pub(crate) enum Step {
    Call { caller: usize, op: Op },
    Advance { hours: u32 },
}

#[derive(Clone, Debug)]
pub(crate) enum Op {
    CreateOu {
        parent: usize,
        name: usize,
    },
    RenameOu {
        ou: usize,
        name: usize,
    },
    DeleteOu {
        ou: usize,
    },
    CreateAccount {
        email: usize,
    },
    MoveAccount {
        account: usize,
        source: usize,
        destination: usize,
    },
    RemoveAccount {
        account: usize,
    },
    CloseAccount {
        account: usize,
    },
    CreatePolicy {
        tag_policy: bool,
        name: usize,
        valid: bool,
    },
    UpdatePolicy {
        policy: usize,
        name: usize,
    },
    DeletePolicy {
        policy: usize,
    },
    Attach {
        policy: usize,
        target: usize,
    },
    Detach {
        policy: usize,
        target: usize,
    },
    EnableType {
        tag_policy: bool,
    },
    DisableType {
        tag_policy: bool,
    },
    Tag {
        target: usize,
        key: usize,
    },
    Invite {
        account: usize,
        by_email: bool,
    },
    Accept {
        handshake: usize,
    },
    Decline {
        handshake: usize,
    },
    Cancel {
        handshake: usize,
    },
    Leave,
    EnableAllFeatures,
    CreateOrganization {
        all: bool,
    },
    DeleteOrganization,
    EnableServiceAccess,
    RegisterDelegated {
        account: usize,
    },
    DeregisterDelegated {
        account: usize,
    },
    ListAccounts,
    ListChildren {
        parent: usize,
        ous: bool,
    },
}

pub(crate) fn arb_op() -> impl Strategy<Value = Op> {
    let i = || 0..64usize;
    prop_oneof![
        4 => (i(), i()).prop_map(|(parent, name)| Op::CreateOu { parent, name }),
        1 => (i(), i()).prop_map(|(ou, name)| Op::RenameOu { ou, name }),
        2 => i().prop_map(|ou| Op::DeleteOu { ou }),
        4 => i().prop_map(|email| Op::CreateAccount { email }),
        4 => (i(), i(), i()).prop_map(|(account, source, destination)| Op::MoveAccount { account, source, destination }),
        1 => i().prop_map(|account| Op::RemoveAccount { account }),
        1 => i().prop_map(|account| Op::CloseAccount { account }),
        2 => (any::<bool>(), i(), any::<bool>()).prop_map(|(tag_policy, name, valid)| Op::CreatePolicy { tag_policy, name, valid }),
        1 => (i(), i()).prop_map(|(policy, name)| Op::UpdatePolicy { policy, name }),
        1 => i().prop_map(|policy| Op::DeletePolicy { policy }),
        4 => (i(), i()).prop_map(|(policy, target)| Op::Attach { policy, target }),
        3 => (i(), i()).prop_map(|(policy, target)| Op::Detach { policy, target }),
        1 => any::<bool>().prop_map(|tag_policy| Op::EnableType { tag_policy }),
        1 => any::<bool>().prop_map(|tag_policy| Op::DisableType { tag_policy }),
        1 => (i(), i()).prop_map(|(target, key)| Op::Tag { target, key }),
        3 => (i(), any::<bool>()).prop_map(|(account, by_email)| Op::Invite { account, by_email }),
        3 => i().prop_map(|handshake| Op::Accept { handshake }),
        1 => i().prop_map(|handshake| Op::Decline { handshake }),
        1 => i().prop_map(|handshake| Op::Cancel { handshake }),
        1 => Just(Op::Leave),
        1 => Just(Op::EnableAllFeatures),
        1 => any::<bool>().prop_map(|all| Op::CreateOrganization { all }),
        1 => Just(Op::DeleteOrganization),
        1 => Just(Op::EnableServiceAccess),
        1 => i().prop_map(|account| Op::RegisterDelegated { account }),
        1 => i().prop_map(|account| Op::DeregisterDelegated { account }),
        1 => Just(Op::ListAccounts),
        1 => (i(), any::<bool>()).prop_map(|(parent, ous)| Op::ListChildren { parent, ous }),
    ]
}

pub(crate) fn arb_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        20 => (0..CALLERS.len(), arb_op()).prop_map(|(caller, op)| Step::Call { caller, op }),
        1 => prop_oneof![Just(1u32), Just(24), Just(5 * 24), Just(16 * 24), Just(31 * 24)]
            .prop_map(|hours| Step::Advance { hours }),
    ]
}

// ---------------------------------------------------------------------------
// The world's entities, read from its snapshot.

pub(crate) struct Entities {
    pub(crate) parents: Vec<String>,
    pub(crate) ous: Vec<String>,
    pub(crate) accounts: Vec<String>,
    pub(crate) policies: Vec<String>,
    pub(crate) handshakes: Vec<String>,
}

pub(crate) fn entities(snapshot: &Value) -> Entities {
    let mut e = Entities {
        parents: vec!["r-zzzz".into()],
        ous: vec!["ou-zzzz-zzzzzzzz".into()],
        accounts: vec![INVITEE.into(), OUTSIDER.into()],
        policies: vec!["p-FullAWSAccess".into(), "p-zzzzzzzz".into()],
        handshakes: vec!["h-zzzzzzzzzz".into()],
    };
    for org in snapshot["orgs"].as_object().into_iter().flat_map(|m| m.values()) {
        e.parents.extend(org["root"]["id"].as_str().map(str::to_string));
        for ou in org["ous"].as_object().into_iter().flat_map(|m| m.keys()) {
            e.parents.push(ou.clone());
            e.ous.push(ou.clone());
        }
        e.policies
            .extend(org["policies"].as_object().into_iter().flat_map(|m| m.keys().cloned()));
    }
    e.accounts.extend(
        snapshot["accounts"]
            .as_object()
            .into_iter()
            .flat_map(|m| m.keys().cloned()),
    );
    e.handshakes.extend(
        snapshot["handshakes"]
            .as_object()
            .into_iter()
            .flat_map(|m| m.values())
            .filter_map(|h| h["id"].as_str().map(str::to_string)),
    );
    for list in [
        &mut e.parents,
        &mut e.ous,
        &mut e.accounts,
        &mut e.policies,
        &mut e.handshakes,
    ] {
        list.sort();
        list.dedup();
    }
    e
}

pub(crate) fn pick(list: &[String], i: usize) -> &str {
    &list[i % list.len()]
}

pub(crate) const NAMES: [&str; 4] = ["alpha", "beta", "ALPHA", "gamma"];

pub(crate) fn request(op: &Op, e: &Entities, snapshot: &Value) -> (&'static str, Value) {
    let name = |i: usize| NAMES[i % NAMES.len()];
    let policy_type = |tag: bool| {
        let kind = if tag { "TAG_POLICY" } else { "SERVICE_CONTROL_POLICY" };
        support::model::assert_enum_value("PolicyType", kind);
        kind
    };
    let root = |caller_org: Option<&Value>| {
        caller_org
            .and_then(|o| o["root"]["id"].as_str())
            .unwrap_or("r-zzzz")
            .to_string()
    };
    // The root of the first organization, for the type operations (wrong for the second: fine).
    let first_org = snapshot["orgs"].as_object().and_then(|m| m.values().next());
    match op {
        Op::CreateOu { parent, name: n } => (
            "CreateOrganizationalUnit",
            json!({"ParentId": pick(&e.parents, *parent), "Name": name(*n)}),
        ),
        Op::RenameOu { ou, name: n } => (
            "UpdateOrganizationalUnit",
            json!({"OrganizationalUnitId": pick(&e.ous, *ou), "Name": name(*n)}),
        ),
        Op::DeleteOu { ou } => (
            "DeleteOrganizationalUnit",
            json!({"OrganizationalUnitId": pick(&e.ous, *ou)}),
        ),
        Op::CreateAccount { email } => (
            "CreateAccount",
            json!({"Email": format!("acct{}@example.com", email % 12), "AccountName": format!("acct{email}")}),
        ),
        Op::MoveAccount {
            account,
            source,
            destination,
        } => (
            "MoveAccount",
            json!({"AccountId": pick(&e.accounts, *account), "SourceParentId": pick(&e.parents, *source),
                   "DestinationParentId": pick(&e.parents, *destination)}),
        ),
        Op::RemoveAccount { account } => (
            "RemoveAccountFromOrganization",
            json!({"AccountId": pick(&e.accounts, *account)}),
        ),
        Op::CloseAccount { account } => ("CloseAccount", json!({"AccountId": pick(&e.accounts, *account)})),
        Op::CreatePolicy {
            tag_policy,
            name: n,
            valid,
        } => (
            "CreatePolicy",
            json!({"Type": policy_type(*tag_policy), "Name": name(*n), "Description": "d",
                   "Content": match (valid, tag_policy) { (false, _) => "{\"nope\":1}", (_, true) => TAG, _ => SCP }}),
        ),
        Op::UpdatePolicy { policy, name: n } => (
            "UpdatePolicy",
            json!({"PolicyId": pick(&e.policies, *policy), "Name": name(*n)}),
        ),
        Op::DeletePolicy { policy } => ("DeletePolicy", json!({"PolicyId": pick(&e.policies, *policy)})),
        Op::Attach { policy, target } | Op::Detach { policy, target } => {
            let targets: Vec<String> = e.parents.iter().chain(&e.accounts).cloned().collect();
            let body = json!({"PolicyId": pick(&e.policies, *policy), "TargetId": pick(&targets, *target)});
            let name = if matches!(op, Op::Attach { .. }) {
                "AttachPolicy"
            } else {
                "DetachPolicy"
            };
            (name, body)
        }
        Op::EnableType { tag_policy } => (
            "EnablePolicyType",
            json!({"RootId": root(first_org), "PolicyType": policy_type(*tag_policy)}),
        ),
        Op::DisableType { tag_policy } => (
            "DisablePolicyType",
            json!({"RootId": root(first_org), "PolicyType": policy_type(*tag_policy)}),
        ),
        Op::Tag { target, key } => {
            let targets: Vec<String> = e
                .parents
                .iter()
                .chain(&e.accounts)
                .chain(&e.policies)
                .cloned()
                .collect();
            (
                "TagResource",
                json!({"ResourceId": pick(&targets, *target), "Tags": [{"Key": name(*key), "Value": "v"}]}),
            )
        }
        Op::Invite { account, by_email } => {
            let id = pick(&e.accounts, *account);
            let target = if *by_email {
                let email = snapshot["accounts"][id]["email"]
                    .as_str()
                    .map_or_else(|| format!("{id}@example.com"), str::to_string);
                json!({"Id": email, "Type": "EMAIL"})
            } else {
                json!({"Id": id, "Type": "ACCOUNT"})
            };
            ("InviteAccountToOrganization", json!({ "Target": target }))
        }
        Op::Accept { handshake } => (
            "AcceptHandshake",
            json!({"HandshakeId": pick(&e.handshakes, *handshake)}),
        ),
        Op::Decline { handshake } => (
            "DeclineHandshake",
            json!({"HandshakeId": pick(&e.handshakes, *handshake)}),
        ),
        Op::Cancel { handshake } => (
            "CancelHandshake",
            json!({"HandshakeId": pick(&e.handshakes, *handshake)}),
        ),
        Op::Leave => ("LeaveOrganization", json!({})),
        Op::EnableAllFeatures => ("EnableAllFeatures", json!({})),
        Op::CreateOrganization { all } => (
            "CreateOrganization",
            json!({"FeatureSet": if *all { "ALL" } else { "CONSOLIDATED_BILLING" }}),
        ),
        Op::DeleteOrganization => ("DeleteOrganization", json!({})),
        Op::EnableServiceAccess => (
            "EnableAWSServiceAccess",
            json!({"ServicePrincipal": "config.amazonaws.com"}),
        ),
        Op::RegisterDelegated { account } => (
            "RegisterDelegatedAdministrator",
            json!({"AccountId": pick(&e.accounts, *account), "ServicePrincipal": "config.amazonaws.com"}),
        ),
        Op::DeregisterDelegated { account } => (
            "DeregisterDelegatedAdministrator",
            json!({"AccountId": pick(&e.accounts, *account), "ServicePrincipal": "config.amazonaws.com"}),
        ),
        Op::ListAccounts => ("ListAccounts", json!({})),
        Op::ListChildren { parent, ous } => (
            "ListChildren",
            json!({"ParentId": pick(&e.parents, *parent), "ChildType": if *ous { "ORGANIZATIONAL_UNIT" } else { "ACCOUNT" }}),
        ),
    }
}

/// Each handshake's state on the snapshot's clock (EXPIRED derived as the world derives it).
pub(crate) fn handshake_states(snapshot: &Value) -> BTreeMap<String, String> {
    let now = snapshot["now"].as_i64().unwrap_or(0);
    snapshot["handshakes"]
        .as_object()
        .into_iter()
        .flat_map(|m| m.values())
        .map(|h| {
            let stored = h["state"].as_str().unwrap_or("?").to_ascii_uppercase();
            let active = stored == "REQUESTED" || stored == "OPEN";
            let state = if active && now >= h["expires_at"].as_i64().unwrap_or(i64::MAX) {
                "EXPIRED".to_string()
            } else {
                stored
            };
            (h["id"].as_str().unwrap_or("?").to_string(), state)
        })
        .collect()
}

/// The world every sequence starts from: an organization with a member, and a
/// second organization.
pub(crate) async fn start() -> (MockOrganizations, Raw) {
    let mock = MockOrganizations::builder().seed(9).build();
    let raw_for = Raw::new(&mock);
    // Every setup call must succeed: a sequence that starts from a broken
    // world proves nothing.
    let ok = |operation: &str, r: &support::raw::RawResponse| {
        assert_eq!(r.status, 200, "setup {operation}: {}", String::from_utf8_lossy(&r.body));
    };
    ok(
        "CreateOrganization",
        &raw_for.call(MANAGEMENT, "CreateOrganization", &json!({})).await,
    );
    ok(
        "CreateOrganization",
        &raw_for.call(OTHER_ORG, "CreateOrganization", &json!({})).await,
    );
    let invited = raw_for
        .call(
            MANAGEMENT,
            "InviteAccountToOrganization",
            &json!({"Target": {"Id": MEMBER, "Type": "ACCOUNT"}}),
        )
        .await;
    ok("InviteAccountToOrganization", &invited);
    let hs = raw_for.call(MEMBER, "ListHandshakesForAccount", &json!({})).await;
    ok("ListHandshakesForAccount", &hs);
    let hs: Value = hs.json();
    let id = hs["Handshakes"][0]["Id"].as_str().unwrap().to_string();
    let accepted = raw_for
        .call(MEMBER, "AcceptHandshake", &json!({"HandshakeId": id}))
        .await;
    ok("AcceptHandshake", &accepted);
    let accounts: Value = raw_for.call(MANAGEMENT, "ListAccounts", &json!({})).await.json();
    assert_eq!(
        accounts["Accounts"].as_array().map(Vec::len),
        Some(2),
        "setup: {accounts}"
    );
    (mock, raw_for)
}
