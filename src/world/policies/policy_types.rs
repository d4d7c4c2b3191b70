//! The policy-type table, a leaf: every `PolicyType` of the model with its
//! kind, quotas, top-level keys, AWS-managed policy and the service it needs.
//! A new type in the model is one more line in [`POLICY_TYPES`] and its
//! [`PolicyType`] variant.

use super::super::domain_error::{DomainError, DomainResult};
use aws_sdk_organizations::types::InvalidInputExceptionReason;

/// Whether a policy type restricts permissions or configures services.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PolicyKind {
    /// SCPs and RCPs: IAM policy grammar, no effective policy.
    Authorization,
    /// Tag, backup, AI opt-out, chatbot, declarative, ...: inheritance
    /// operators and effective policies.
    Management,
}

/// An AWS-managed policy of a type.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ManagedPolicy {
    /// Its id, the same in every organization.
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub content: &'static str,
    /// True when AWS attaches it to every root, OU and account while the
    /// type is enabled.
    pub attached_everywhere: bool,
    /// True when it cannot be detached (`NON_DETACHABLE_POLICY`).
    pub detachable: bool,
}

/// Everything the mock knows about one policy type.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PolicyTypeSpec {
    /// The type.
    pub policy_type: PolicyType,
    /// AWS's name, as in `PolicyType`.
    pub name: &'static str,
    /// Authorization or management policy.
    pub kind: PolicyKind,
    /// The documented maximum size of a document, in characters.
    pub max_content_chars: usize,
    /// The documented maximum number of policies of the type on one target.
    pub max_per_target: usize,
    /// The documented maximum number of customer-managed policies of the
    /// type in one organization.
    pub max_per_organization: usize,
    /// The top-level keys a management policy may use (empty: any).
    pub top_level_keys: &'static [&'static str],
    /// The AWS-managed policy of the type, if there is one.
    pub managed: Option<ManagedPolicy>,
    /// The service principal whose trusted access (`EnableAWSServiceAccess`)
    /// the type needs before it can be enabled (`SERVICE_ACCESS_NOT_ENABLED`),
    /// and which can't be disabled while the type is enabled
    /// (`POLICY_TYPE_ENABLED_FOR_THIS_SERVICE`).
    pub service: Option<&'static str>,
}

const FULL_AWS_ACCESS: ManagedPolicy = ManagedPolicy {
    id: "p-FullAWSAccess",
    name: "FullAWSAccess",
    description: "Allows access to every operation",
    content: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}",
    attached_everywhere: true,
    detachable: true,
};

const RCP_FULL_AWS_ACCESS: ManagedPolicy = ManagedPolicy {
    id: "p-RCPFullAWSAccess",
    name: "RCPFullAWSAccess",
    description: "Allows access to every resource",
    content: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": \"*\",\n      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}",
    attached_everywhere: true,
    detachable: false,
};

const fn authorization(name: &'static str, managed: ManagedPolicy) -> PolicyTypeSpec {
    PolicyTypeSpec {
        policy_type: PolicyType::named(name),
        name,
        kind: PolicyKind::Authorization,
        max_content_chars: 5_120,
        max_per_target: 5,
        max_per_organization: 1_000,
        top_level_keys: &[],
        managed: Some(managed),
        service: None,
    }
}

const fn management(
    name: &'static str,
    max_content_chars: usize,
    max_per_target: usize,
    top_level_keys: &'static [&'static str],
    service: Option<&'static str>,
) -> PolicyTypeSpec {
    PolicyTypeSpec {
        policy_type: PolicyType::named(name),
        name,
        kind: PolicyKind::Management,
        max_content_chars,
        max_per_target,
        max_per_organization: 1_000,
        top_level_keys,
        managed: None,
        service,
    }
}

macro_rules! policy_type_enum {
    ($($variant:ident = $name:literal,)*) => {
        /// A policy type, one variant per row of [`POLICY_TYPES`] (each row
        /// names its variant; a unit test checks they agree one for one). It
        /// is stored and serialized as AWS's name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub(crate) enum PolicyType {
            $(
                #[doc = concat!("`", $name, "`.")]
                #[serde(rename = $name)]
                $variant,
            )*
        }

        impl PolicyType {
            /// Every type, in the table's order.
            const ALL: &[PolicyType] = &[$(PolicyType::$variant),*];

            /// AWS's name of the type.
            pub(crate) const fn as_str(self) -> &'static str {
                match self {
                    $(PolicyType::$variant => $name,)*
                }
            }

            /// The type AWS names `name`, if the model has it.
            pub(crate) fn from_name(name: &str) -> Option<PolicyType> {
                match name {
                    $($name => Some(PolicyType::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

policy_type_enum! {
    ServiceControlPolicy = "SERVICE_CONTROL_POLICY",
    ResourceControlPolicy = "RESOURCE_CONTROL_POLICY",
    TagPolicy = "TAG_POLICY",
    BackupPolicy = "BACKUP_POLICY",
    AiservicesOptOutPolicy = "AISERVICES_OPT_OUT_POLICY",
    ChatbotPolicy = "CHATBOT_POLICY",
    DeclarativePolicyEc2 = "DECLARATIVE_POLICY_EC2",
    SecurityhubPolicy = "SECURITYHUB_POLICY",
    SecurityhubCspmPolicy = "SECURITYHUB_CSPM_POLICY",
    InspectorPolicy = "INSPECTOR_POLICY",
    UpgradeRolloutPolicy = "UPGRADE_ROLLOUT_POLICY",
    BedrockPolicy = "BEDROCK_POLICY",
    S3Policy = "S3_POLICY",
    NetworkSecurityDirectorPolicy = "NETWORK_SECURITY_DIRECTOR_POLICY",
    GuarddutyPolicy = "GUARDDUTY_POLICY",
}

impl PolicyType {
    /// The variant AWS names `name`, for the rows of [`POLICY_TYPES`]: it is
    /// evaluated when the crate compiles (the row constructors are `const`
    /// and called only in that `static`), so a row naming a type the enum
    /// lacks fails the build and never runs.
    const fn named(name: &str) -> PolicyType {
        let mut i = 0;
        while i < Self::ALL.len() {
            let candidate = Self::ALL[i].as_str().as_bytes();
            let wanted = name.as_bytes();
            if candidate.len() == wanted.len() {
                let mut j = 0;
                while j < wanted.len() && candidate[j] == wanted[j] {
                    j += 1;
                }
                if j == wanted.len() {
                    return Self::ALL[i];
                }
            }
            i += 1;
        }
        panic!("a row of POLICY_TYPES names a type the PolicyType enum lacks")
    }

    /// The type's row of [`POLICY_TYPES`] (the rows are in the enum's order,
    /// one per variant: a unit test checks it).
    pub(crate) fn spec(self) -> &'static PolicyTypeSpec {
        &POLICY_TYPES[self as usize]
    }
}

impl std::fmt::Display for PolicyType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every `PolicyType` of the model, in the model's order. Sizes, per-target
/// and per-organization counts are AWS's documented quotas ("Quotas and service limits
/// for AWS Organizations"; SCPs: 10 per target and 10,240 characters since
/// May 2026; 10,000 SCPs and 2,000 RCPs per organization, 1,000 of the
/// others); types the quota page does not list take 10,000 characters, 10
/// per target and 1,000 per organization, as tag and backup policies do
/// (FIDELITY.md#policy-quotas).
/// The last column is the service whose trusted access the type needs first:
/// Security Hub (the model's `SERVICE_ACCESS_NOT_ENABLED`), Inspector and
/// GuardDuty (their "Getting started" pages in AWS's guide;
/// FIDELITY.md#policy-types-that-need-trusted-access).
pub(crate) static POLICY_TYPES: &[PolicyTypeSpec] = &[
    PolicyTypeSpec {
        max_content_chars: 10_240,
        max_per_target: 10,
        max_per_organization: 10_000,
        ..authorization("SERVICE_CONTROL_POLICY", FULL_AWS_ACCESS)
    },
    PolicyTypeSpec {
        max_per_organization: 2_000,
        ..authorization("RESOURCE_CONTROL_POLICY", RCP_FULL_AWS_ACCESS)
    },
    management("TAG_POLICY", 10_000, 10, &["tags"], None),
    management("BACKUP_POLICY", 10_000, 10, &["plans"], None),
    management("AISERVICES_OPT_OUT_POLICY", 2_500, 5, &["services"], None),
    management("CHATBOT_POLICY", 10_000, 5, &["chatbot"], None),
    management("DECLARATIVE_POLICY_EC2", 10_000, 10, &["ec2_attributes"], None),
    management("SECURITYHUB_POLICY", 10_000, 10, &[], Some("securityhub.amazonaws.com")),
    management("SECURITYHUB_CSPM_POLICY", 10_000, 10, &[], None),
    management("INSPECTOR_POLICY", 10_000, 10, &[], Some("inspector2.amazonaws.com")),
    management("UPGRADE_ROLLOUT_POLICY", 10_000, 10, &[], None),
    management("BEDROCK_POLICY", 10_000, 10, &[], None),
    management("S3_POLICY", 10_000, 10, &[], None),
    management("NETWORK_SECURITY_DIRECTOR_POLICY", 10_000, 10, &[], None),
    management("GUARDDUTY_POLICY", 10_000, 10, &[], Some("guardduty.amazonaws.com")),
];

/// The table row of a policy type, by AWS's name.
pub(crate) fn policy_type(name: &str) -> Option<&'static PolicyTypeSpec> {
    PolicyType::from_name(name).map(PolicyType::spec)
}

/// The table row of a policy type, or `InvalidInputException` (`INVALID_ENUM_POLICY_TYPE`).
pub(crate) fn policy_type_or_invalid(name: &str) -> DomainResult<&'static PolicyTypeSpec> {
    policy_type(name).ok_or_else(|| {
        DomainError::invalid_input(
            InvalidInputExceptionReason::InvalidEnumPolicyType,
            format!(
                "'{name}' is not a policy type. Use one of: {}.",
                POLICY_TYPES.iter().map(|t| t.name).collect::<Vec<_>>().join(", ")
            ),
        )
    })
}

/// The managed policy with `id`, with its type.
pub(crate) fn managed_by_id(id: &str) -> Option<(&'static PolicyTypeSpec, ManagedPolicy)> {
    POLICY_TYPES
        .iter()
        .find_map(|t| t.managed.filter(|m| m.id == id).map(|m| (t, m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new policy's id is `p-` and 8 of `[a-z0-9]` (`World::create_policy`),
    /// so it can never be an AWS-managed policy's.
    #[test]
    fn managed_ids_are_never_drawn() {
        let managed: Vec<_> = POLICY_TYPES.iter().filter_map(|t| t.managed).map(|m| m.id).collect();
        assert_eq!(managed, ["p-FullAWSAccess", "p-RCPFullAWSAccess"]);
        for id in managed {
            let rest = id.strip_prefix("p-").unwrap();
            assert!(
                rest.len() != 8 || rest.bytes().any(|b| !b.is_ascii_lowercase() && !b.is_ascii_digit()),
                "{id}"
            );
        }
    }

    #[test]
    fn each_type_is_its_own_row_and_its_name() {
        assert_eq!(POLICY_TYPES.len(), PolicyType::ALL.len());
        for (i, spec) in POLICY_TYPES.iter().enumerate() {
            assert_eq!(spec.policy_type as usize, i);
            assert_eq!(spec.policy_type.spec().name, spec.name);
            // As messages write it: the model's name.
            assert_eq!(spec.policy_type.to_string(), spec.name);
            assert_eq!(PolicyType::from_name(spec.name), Some(spec.policy_type));
            assert_eq!(
                serde_json::to_string(&spec.policy_type).unwrap(),
                format!("\"{}\"", spec.name)
            );
        }
        assert_eq!(PolicyType::from_name("NOT_A_POLICY"), None);
        assert_eq!(
            policy_type_or_invalid("NOT_A_POLICY").unwrap_err().reason(),
            Some("INVALID_ENUM_POLICY_TYPE")
        );
    }
}
