//! Behaviours the service model does not state, each as FIDELITY.md records
//! it with its evidence, through the real SDK client: policy types on a new
//! root, `AvailablePolicyTypes`, the partition of ARNs, trusted access under
//! consolidated billing, tags on every taggable id, and the optional
//! `PENDING_*` states of policy types.

use aws_organizations_mock::aws_sdk_organizations::config::Region;
use aws_organizations_mock::aws_sdk_organizations::operation::{
    attach_policy::AttachPolicyError, enable_policy_type::EnablePolicyTypeError,
    list_aws_service_access_for_organization::ListAWSServiceAccessForOrganizationError,
};
use aws_organizations_mock::aws_sdk_organizations::primitives::DateTime;
use aws_organizations_mock::aws_sdk_organizations::types::{
    ConstraintViolationExceptionReason, OrganizationFeatureSet, PolicyType, PolicyTypeSummary,
    ResponsibilityTransferType, Root,
};
use aws_organizations_mock::aws_sdk_organizations::Client;
use aws_organizations_mock::{MockOrganizations, PolicyTypeTransition};

use crate::support;
use support::{
    accept, account_party, create_consolidated_billing_organization, create_organization, create_ou, new_account, tag,
};

const SCP: PolicyType = PolicyType::ServiceControlPolicy;
const DENY_S3: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::bucket"}]}"#;

/// The root's policy types as `(type, status)` pairs.
fn types_of(root: &Root) -> Vec<(String, String)> {
    summaries(root.policy_types())
}

fn summaries(types: &[PolicyTypeSummary]) -> Vec<(String, String)> {
    types
        .iter()
        .map(|t| {
            (
                t.r#type().unwrap().as_str().to_string(),
                t.status().unwrap().as_str().to_string(),
            )
        })
        .collect()
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

async fn root_types(c: &Client) -> Vec<(String, String)> {
    let roots = c.list_roots().send().await.unwrap();
    types_of(&roots.roots()[0])
}

/// The ids of the policies of `kind` attached directly to `target`.
async fn attached(c: &Client, target: &str, kind: PolicyType) -> Vec<String> {
    let out = c
        .list_policies_for_target()
        .target_id(target)
        .filter(kind)
        .send()
        .await
        .unwrap();
    out.policies().iter().map(|p| p.id().unwrap().to_string()).collect()
}

async fn scp(c: &Client, name: &str) -> String {
    support::create_policy(c, SCP, name, DENY_S3).await
}

/// `EnablePolicyType` of `kind` on `root`: the root's types after it.
async fn enable(c: &Client, root: &str, kind: PolicyType) -> Vec<(String, String)> {
    let out = c.enable_policy_type().root_id(root).policy_type(kind).send().await;
    types_of(out.unwrap().root().unwrap())
}

/// `DisablePolicyType` of `kind` on `root`: the root's types after it.
async fn disable(c: &Client, root: &str, kind: PolicyType) -> Vec<(String, String)> {
    let out = c.disable_policy_type().root_id(root).policy_type(kind).send().await;
    types_of(out.unwrap().root().unwrap())
}

/// Attaches `policy` to `target`.
async fn attach(c: &Client, policy: &str, target: &str) {
    c.attach_policy()
        .policy_id(policy)
        .target_id(target)
        .send()
        .await
        .unwrap();
}

// ---- FIDELITY.md: "Policy types on a new organization" ----

#[tokio::test]
async fn a_new_root_has_no_policy_type_until_enable_policy_type() {
    let mock = MockOrganizations::new();
    let c = mock.client();
    let root = create_organization(&c).await;
    let management = mock.default_account_id().to_string();
    assert_eq!(
        root_types(&c).await,
        pairs(&[]),
        "Terraform: roots.0.policy_types.# = 0"
    );
    let early_ou = create_ou(&c, &root, "Early").await;
    for target in [&root, &early_ou, &management] {
        assert!(attached(&c, target, SCP).await.is_empty(), "{target}");
    }
    // An SCP can be created, not attached, while the type is disabled.
    let deny = scp(&c, "deny-s3").await;
    let err = c
        .attach_policy()
        .policy_id(&deny)
        .target_id(&early_ou)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, AttachPolicyError::PolicyTypeNotEnabledException(_)),
        "{err:?}"
    );

    // Terraform's enabled_policy_types: EnablePolicyType right after CreateOrganization.
    assert_eq!(
        enable(&c, &root, SCP).await,
        pairs(&[("SERVICE_CONTROL_POLICY", "ENABLED")])
    );
    let late_ou = create_ou(&c, &root, "Late").await;
    let late_account = new_account(&c, "late").await;
    for target in [&root, &early_ou, &management, &late_ou, &late_account] {
        assert_eq!(attached(&c, target, SCP).await, ["p-FullAWSAccess"], "{target}");
    }
    attach(&c, &deny, &early_ou).await;
    let again = c.enable_policy_type().root_id(&root).policy_type(SCP).send().await;
    let err = again.unwrap_err().into_service_error();
    assert!(
        matches!(err, EnablePolicyTypeError::PolicyTypeAlreadyEnabledException(_)),
        "{err:?}"
    );

    // RCPs the same way, with p-RCPFullAWSAccess.
    enable(&c, &root, PolicyType::ResourceControlPolicy).await;
    for target in [&root, &early_ou, &management, &late_ou, &late_account] {
        let rcps = attached(&c, target, PolicyType::ResourceControlPolicy).await;
        assert_eq!(rcps, ["p-RCPFullAWSAccess"], "{target}");
    }

    // Disabling detaches every policy of the type everywhere, the managed one too.
    assert_eq!(
        disable(&c, &root, SCP).await,
        pairs(&[("RESOURCE_CONTROL_POLICY", "ENABLED")])
    );
    for target in [&root, &early_ou, &management, &late_ou, &late_account] {
        assert!(attached(&c, target, SCP).await.is_empty(), "{target}");
    }
    for policy in ["p-FullAWSAccess", deny.as_str()] {
        let targets = c.list_targets_for_policy().policy_id(policy).send().await.unwrap();
        assert!(targets.targets().is_empty(), "{policy}: {:?}", targets.targets());
    }
    // Enabled again: FullAWSAccess only, the earlier attachment is gone (AWS's guide).
    enable(&c, &root, SCP).await;
    assert_eq!(attached(&c, &early_ou, SCP).await, ["p-FullAWSAccess"]);
    mock.check_invariants().unwrap();
}

#[tokio::test]
async fn the_builder_can_start_organizations_with_scps_enabled() {
    let mock = MockOrganizations::builder().scps_enabled_at_creation().build();
    let c = mock.client();
    let root = create_organization(&c).await;
    assert_eq!(root_types(&c).await, pairs(&[("SERVICE_CONTROL_POLICY", "ENABLED")]));
    let ou = create_ou(&c, &root, "Workloads").await;
    let deny = scp(&c, "deny-s3").await;
    attach(&c, &deny, &ou).await;
    assert_eq!(attached(&c, &ou, SCP).await, ["p-FullAWSAccess".to_string(), deny]);

    // Consolidated billing can have no policy type, whatever the builder says.
    let billing = MockOrganizations::builder().scps_enabled_at_creation().build();
    create_consolidated_billing_organization(&billing.client()).await;
    assert_eq!(root_types(&billing.client()).await, pairs(&[]));
}

// ---- FIDELITY.md: "AvailablePolicyTypes" ----

#[tokio::test]
async fn available_policy_types_are_as_the_examples_show_and_do_not_follow_the_root() {
    let mock = MockOrganizations::new();
    let c = mock.client();
    let created = c.create_organization().send().await.unwrap();
    let scp_enabled = pairs(&[("SERVICE_CONTROL_POLICY", "ENABLED")]);
    let available =
        |o: &aws_organizations_mock::aws_sdk_organizations::types::Organization| summaries(o.available_policy_types());
    assert_eq!(available(created.organization().unwrap()), scp_enabled);
    let root = support::root_id(&c).await;
    for kind in [PolicyType::TagPolicy, SCP] {
        enable(&c, &root, kind).await;
    }
    disable(&c, &root, SCP).await;
    let described = c.describe_organization().send().await.unwrap();
    assert_eq!(available(described.organization().unwrap()), scp_enabled);

    let billing = MockOrganizations::new();
    let created = billing
        .client()
        .create_organization()
        .feature_set(OrganizationFeatureSet::ConsolidatedBilling)
        .send()
        .await
        .unwrap();
    assert_eq!(available(created.organization().unwrap()), pairs(&[]));
}

// ---- FIDELITY.md: "Partition of ARNs" ----

/// The mock's client for the default account, signing for `region`.
fn client_in(mock: &MockOrganizations, region: &'static str) -> Client {
    let config = mock
        .client()
        .config()
        .to_builder()
        .region(Region::from_static(region))
        .build();
    Client::from_conf(config)
}

#[tokio::test]
async fn arns_take_the_partition_of_the_callers_region() {
    let cases = [
        ("us-east-1", "aws"),
        ("eu-west-1", "aws"),
        ("cn-north-1", "aws-cn"),
        ("cn-northwest-1", "aws-cn"),
        ("us-gov-west-1", "aws-us-gov"),
        ("us-iso-east-1", "aws-iso"),
        ("us-isob-east-1", "aws-iso-b"),
    ];
    for (region, partition) in cases {
        let mock = MockOrganizations::new();
        let c = client_in(&mock, region);
        let prefix = format!("arn:{partition}:organizations::");
        let created = c.create_organization().send().await.unwrap();
        let org = created.organization().unwrap();
        assert!(org.arn().unwrap().starts_with(&prefix), "{region}: {org:?}");
        assert!(org.master_account_arn().unwrap().starts_with(&prefix), "{region}");
        let roots = c.list_roots().send().await.unwrap();
        let root = &roots.roots()[0];
        assert!(root.arn().unwrap().starts_with(&prefix), "{region}");
        let root = root.id().unwrap().to_string();
        let ou = c
            .create_organizational_unit()
            .parent_id(&root)
            .name("A")
            .send()
            .await
            .unwrap();
        assert!(
            ou.organizational_unit().unwrap().arn().unwrap().starts_with(&prefix),
            "{region}"
        );
        let accounts = c.list_accounts().send().await.unwrap();
        assert!(accounts.accounts()[0].arn().unwrap().starts_with(&prefix), "{region}");
        enable(&c, &root, SCP).await;
        let full = c.describe_policy().policy_id("p-FullAWSAccess").send().await.unwrap();
        let summary = full.policy().unwrap().policy_summary().unwrap();
        assert_eq!(
            summary.arn(),
            Some(format!("arn:{partition}:organizations::aws:policy/service_control_policy/p-FullAWSAccess").as_str())
        );
        // Documents are not ARNs of the response: they stay exactly as given.
        let created = c
            .create_policy()
            .r#type(SCP)
            .name("deny")
            .description("")
            .content(DENY_S3)
            .send()
            .await
            .unwrap();
        let policy = created.policy().unwrap();
        assert_eq!(policy.content(), Some(DENY_S3));
        assert!(policy.policy_summary().unwrap().arn().unwrap().starts_with(&prefix));
        let targets = c
            .list_targets_for_policy()
            .policy_id("p-FullAWSAccess")
            .send()
            .await
            .unwrap();
        assert!(
            targets.targets().iter().all(|t| t.arn().unwrap().starts_with(&prefix)),
            "{region}"
        );
    }
}

#[tokio::test]
async fn the_partition_also_follows_the_sdks_own_signer() {
    // A client built from sdk_config() signs with the SDK's real SigV4 signer;
    // its credential scope names the region the endpoint rules choose.
    let mock = MockOrganizations::new();
    let config = mock
        .sdk_config()
        .to_builder()
        .region(Region::from_static("cn-north-1"))
        .build();
    let c = Client::new(&config);
    let created = c.create_organization().send().await.unwrap();
    let arn = created.organization().unwrap().arn().unwrap();
    assert!(
        arn.starts_with("arn:aws-cn:organizations::111111111111:organization/o-"),
        "{arn}"
    );
    // The world is one: a client of another partition sees the same organization in its own.
    let described = mock.client().describe_organization().send().await.unwrap();
    let same = described.organization().unwrap().arn().unwrap();
    assert_eq!(same, arn.replacen("arn:aws-cn:", "arn:aws:", 1));
}

// ---- FIDELITY.md: "Trusted access in a consolidated-billing organization" ----

#[tokio::test]
async fn listing_trusted_access_needs_all_features() {
    let mock = MockOrganizations::new();
    let c = mock.client();
    create_consolidated_billing_organization(&c).await;
    let before = mock.snapshot();
    let err = c
        .list_aws_service_access_for_organization()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let ListAWSServiceAccessForOrganizationError::ConstraintViolationException(e) = err else {
        panic!("{err:?}")
    };
    assert_eq!(
        e.reason(),
        Some(&ConstraintViolationExceptionReason::OrganizationNotInAllFeaturesMode)
    );
    assert_eq!(
        e.message(),
        Some("The request failed because the organization does not have all features enabled. Please enable all features in your organization and then retry.")
    );
    assert_eq!(mock.snapshot(), before);

    let all = MockOrganizations::new();
    create_organization(&all.client()).await;
    let listed = all
        .client()
        .list_aws_service_access_for_organization()
        .send()
        .await
        .unwrap();
    assert!(listed.enabled_service_principals().is_empty());
}

// ---- FIDELITY.md: "Taggable resources" ----

async fn tags_of(c: &Client, id: &str) -> Vec<(String, String)> {
    let out = c.list_tags_for_resource().resource_id(id).send().await.unwrap();
    out.tags()
        .iter()
        .map(|t| (t.key().to_string(), t.value().to_string()))
        .collect()
}

/// Tags `id`, untags one key, and checks what is left.
async fn tag_round_trip(c: &Client, id: &str, already: &[(&str, &str)]) {
    c.tag_resource()
        .resource_id(id)
        .tags(tag("team", "platform"))
        .tags(tag("tmp", "x"))
        .send()
        .await
        .unwrap();
    c.untag_resource().resource_id(id).tag_keys("tmp").send().await.unwrap();
    let mut expected = pairs(already);
    expected.push(("team".into(), "platform".into()));
    expected.sort();
    assert_eq!(tags_of(c, id).await, expected, "{id}");
}

#[tokio::test]
async fn every_taggable_resource_id_of_the_model_is_taggable() {
    let mock = MockOrganizations::new();
    let c = mock.client();
    let root = support::create_organization_with_scps(&c).await;
    let ou = create_ou(&c, &root, "A").await;
    let account = new_account(&c, "member").await;
    let policy = scp(&c, "deny-s3").await;
    let resource_policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"organizations:List*","Resource":"*"}]}"#;
    let put = c
        .put_resource_policy()
        .content(resource_policy)
        .tags(tag("owner", "security"))
        .send()
        .await
        .unwrap();
    let rp = put
        .resource_policy()
        .unwrap()
        .resource_policy_summary()
        .unwrap()
        .id()
        .unwrap()
        .to_string();
    assert!(rp.starts_with("rp-"));
    assert_eq!(
        tags_of(&c, &rp).await,
        pairs(&[("owner", "security")]),
        "PutResourcePolicy's tags"
    );

    // A responsibility transfer, seen by both of its organizations.
    let source = mock.client_as("333333333333");
    source.create_organization().send().await.unwrap();
    let invited = c
        .invite_organization_to_transfer_responsibility()
        .r#type(ResponsibilityTransferType::Billing)
        .target(account_party("333333333333"))
        .start_timestamp(DateTime::from_secs(1_738_368_000))
        .source_name("bills")
        .tags(tag("cost", "shared"))
        .send()
        .await
        .unwrap();
    accept(&source, invited.handshake().unwrap().id().unwrap()).await;
    let inbound = c
        .list_inbound_responsibility_transfers()
        .r#type(ResponsibilityTransferType::Billing)
        .send()
        .await
        .unwrap();
    let rt = inbound.responsibility_transfers()[0].id().unwrap().to_string();
    assert!(rt.starts_with("rt-"));
    assert_eq!(tags_of(&c, &rt).await, pairs(&[("cost", "shared")]));

    for (id, already) in [
        (root.as_str(), &[][..]),
        (ou.as_str(), &[][..]),
        (account.as_str(), &[][..]),
        (policy.as_str(), &[][..]),
        (rp.as_str(), &[("owner", "security")][..]),
        (rt.as_str(), &[("cost", "shared")][..]),
    ] {
        tag_round_trip(&c, id, already).await;
    }
    // The other side of the transfer sees the same tags.
    assert_eq!(
        tags_of(&source, &rt).await,
        pairs(&[("cost", "shared"), ("team", "platform")])
    );
    // An rp- or rt- id that is not this organization's is TargetNotFoundException.
    for unknown in ["rp-0000aaaa", "rt-0000aaaa00"] {
        let r = c.list_tags_for_resource().resource_id(unknown).send().await;
        let err = r.unwrap_err().into_service_error();
        assert!(err.is_target_not_found_exception(), "{unknown}: {err:?}");
    }
    mock.check_invariants().unwrap();
}

// ---- FIDELITY.md: "Policy type status while it changes" ----

#[tokio::test]
async fn policy_types_can_pass_through_pending_states_on_listroots_polls() {
    let mock = MockOrganizations::builder()
        .policy_type_transition(PolicyTypeTransition::AfterPolls(3))
        .build();
    let c = mock.client();
    let root = create_organization(&c).await;
    let deny = scp(&c, "deny-s3").await;
    let pending = pairs(&[("SERVICE_CONTROL_POLICY", "PENDING_ENABLE")]);
    assert_eq!(enable(&c, &root, SCP).await, pending);
    mock.check_invariants().unwrap();
    let early = c.attach_policy().policy_id(&deny).target_id(&root).send().await;
    let err = early.unwrap_err().into_service_error();
    assert!(
        matches!(err, AttachPolicyError::PolicyTypeNotEnabledException(_)),
        "{err:?}"
    );
    // Polls 1 and 2 see PENDING_ENABLE, the third ENABLED (as CreateAccountCompletion::AfterPolls counts).
    assert_eq!(root_types(&c).await, pending);
    assert_eq!(root_types(&c).await, pending);
    assert_eq!(root_types(&c).await, pairs(&[("SERVICE_CONTROL_POLICY", "ENABLED")]));
    attach(&c, &deny, &root).await;

    let pending = pairs(&[("SERVICE_CONTROL_POLICY", "PENDING_DISABLE")]);
    assert_eq!(disable(&c, &root, SCP).await, pending);
    assert!(attached(&c, &root, SCP).await.is_empty(), "detached at once");
    assert_eq!(root_types(&c).await, pending);
    assert_eq!(root_types(&c).await, pending);
    assert_eq!(root_types(&c).await, pairs(&[]));

    // The default completes at once.
    let plain = MockOrganizations::new();
    let c = plain.client();
    let root = create_organization(&c).await;
    assert_eq!(
        enable(&c, &root, SCP).await,
        pairs(&[("SERVICE_CONTROL_POLICY", "ENABLED")])
    );
    // AfterPolls(1): only the response shows the pending status. AfterPolls(0) is Immediate.
    for (n, response) in [(1, "PENDING_ENABLE"), (0, "ENABLED")] {
        let mock = MockOrganizations::builder()
            .policy_type_transition(PolicyTypeTransition::AfterPolls(n))
            .build();
        let c = mock.client();
        let root = create_organization(&c).await;
        let enabled = pairs(&[("SERVICE_CONTROL_POLICY", "ENABLED")]);
        assert_eq!(
            enable(&c, &root, SCP).await,
            pairs(&[("SERVICE_CONTROL_POLICY", response)]),
            "AfterPolls({n})"
        );
        assert_eq!(root_types(&c).await, enabled, "AfterPolls({n})");
    }
}

// The entries re-checked in the ledger's last pass.
mod rechecked;
