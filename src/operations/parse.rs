//! The SDK's input strings made into the world's typed ids, one helper per
//! kind: the only place an operation turns a string into an id.
//!
//! Each helper takes the SDK's `Option<&str>` as the input's getter gives
//! it (no `required` first), or a `&str`. The validation layer has already
//! checked each member against the model's pattern and refused a missing
//! required one, so an id is not checked again here: the world's look-up of a malformed or
//! unknown id answers with the error AWS gives for it
//! (`AccountNotFoundException`, `ParentNotFoundException`, ...), exactly as
//! before ids were typed. A missing optional member is the empty id, which
//! names nothing.

use super::Ctx;
use crate::wire::error::{ApiError, ApiResult};
use crate::world::handshakes::Party;
use crate::world::policies::{policy_type_or_invalid, PolicyType};
use crate::world::{
    AccountId, Caller, ChildId, CreateAccountRequestId, HandshakeId, Member, OrgId, OuId, ParentId, PolicyId, RootId,
    TaggableId, TargetId, TransferId,
};

/// A policy-type member (the SDK's `PolicyType` or `EffectivePolicyType`,
/// as `Type`, `Filter` or `PolicyType`) as the world's enum: the one place an
/// operation turns one into the other. The validation layer has refused any
/// value the model does not list; a name the policy-type table lacked (or a
/// missing member) would get `InvalidInputException`
/// (`INVALID_ENUM_POLICY_TYPE`).
pub(super) fn policy_type<T: AsRef<str>>(member: Option<&T>) -> ApiResult<PolicyType> {
    Ok(policy_type_or_invalid(member.map_or("", AsRef::as_ref))?.policy_type)
}

/// The caller's organization as `authorize` resolved it, which the world's
/// functions take instead of looking the caller's organization up again.
/// Every operation but the six anyone may call is refused before its
/// handler to a caller outside any organization, so this is found.
pub(super) fn org(ctx: &Ctx) -> ApiResult<&OrgId> {
    ctx.org_id.as_ref().ok_or_else(ApiError::not_in_use)
}

/// The caller and its organization (see [`org`]), for the world's functions
/// that need both.
pub(super) fn member(ctx: &Ctx) -> ApiResult<Member<'_>> {
    Ok(Member {
        account: &ctx.caller,
        org: org(ctx)?,
    })
}

/// The caller, its organization and its standing as `authorize` resolved
/// them, for the world's functions that decide what the caller may do.
pub(super) fn caller(ctx: &Ctx) -> Caller<'_> {
    Caller {
        account: &ctx.caller,
        org: ctx.org_id.as_ref(),
        standing: ctx.standing,
    }
}

/// A handshake's `Target` as the world's party: an account id or an email
/// address (the validation layer has refused any other form).
pub(super) fn party(target: &aws_sdk_organizations::types::HandshakeParty) -> ApiResult<Party> {
    Ok(Party::parse(target.r#type(), target.id())?)
}

macro_rules! parsers {
    ($($(#[$meta:meta])* $fn:ident => $id:ident;)*) => {$(
        $(#[$meta])*
        pub(super) fn $fn<'a>(input: impl Into<Option<&'a str>>) -> $id {
            $id::new(input.into().unwrap_or_default())
        }
    )*};
}

parsers! {
    /// An `AccountId` member.
    account => AccountId;
    /// An `OrganizationalUnitId` member.
    ou => OuId;
    /// A `ParentId` (root or OU) member, `SourceParentId` or `DestinationParentId`.
    parent => ParentId;
    /// A `RootId` member.
    root => RootId;
    /// A `TargetId` (root, OU or account) member.
    target => TargetId;
    /// A `PolicyId` member.
    policy => PolicyId;
    /// A `HandshakeId` member.
    handshake => HandshakeId;
    /// A `CreateAccountRequestId` member.
    create_account_request => CreateAccountRequestId;
    /// A responsibility transfer's `Id` member.
    transfer => TransferId;
    /// A `ChildId` (account or OU) member.
    child => ChildId;
    /// A `ResourceId` member of the tagging operations.
    taggable => TaggableId;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::NodeKind;

    #[test]
    fn input_strings_become_ids_of_their_kind() {
        assert_eq!(account(Some("111111111111")), "111111111111");
        assert_eq!(parent(Some("r-ab12")).kind(), Some(NodeKind::Root));
        assert_eq!(parent(Some("ou-ab12-abcdefgh")).kind(), Some(NodeKind::Ou));
        // Malformed or missing ids are kept as they are, for the world's
        // look-up to refuse with AWS's error.
        assert_eq!(parent(Some("111111111111")).kind(), None);
        assert_eq!(policy(None), "");
        assert_eq!(transfer(Some("rt-1234567890")).as_str(), "rt-1234567890");
        assert_eq!(handshake(Some("h-x")), HandshakeId::new("h-x"));
    }
}
