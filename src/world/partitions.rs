//! AWS's partitions by name: the world builds its ARNs in the standard one
//! and checks the partition of the ARNs users give it (resource policies).

/// AWS's standard partition, the one the world's ARNs are built in.
pub(crate) const DEFAULT: &str = "aws";

/// `(partition, region prefix)`: each partition's `regionRegex` is
/// `^<prefix>\w+-\d+$` (aws-eusc's is `^eusc\-(de)\-\w+\-\d+$`).
pub(crate) const PREFIXES: &[(&str, &str)] = &[
    ("aws-cn", "cn-"),
    ("aws-eusc", "eusc-de-"),
    ("aws-iso", "us-iso-"),
    ("aws-iso-b", "us-isob-"),
    ("aws-iso-e", "eu-isoe-"),
    ("aws-iso-f", "us-isof-"),
    ("aws-us-gov", "us-gov-"),
];

/// True when `name` is an AWS partition (`aws`, `aws-cn`, `aws-us-gov`, ...).
pub(crate) fn is_partition(name: &str) -> bool {
    name == DEFAULT || PREFIXES.iter().any(|(p, _)| *p == name)
}

/// The partition and account of an account's root ARN,
/// `arn:<partition>:iam::<account>:root` in a partition AWS has; `None` for
/// anything else.
pub(crate) fn root_arn(arn: &str) -> Option<(&str, &str)> {
    let (partition, rest) = arn.strip_prefix("arn:")?.split_once(":iam::")?;
    let account = rest.strip_suffix(":root")?;
    is_partition(partition).then_some((partition, account))
}
