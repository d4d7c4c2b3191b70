//! A handshake's target party: how its recipient is addressed (an account
//! id or the email of the account's owner), typed at the operations boundary.

use super::domain_error::DomainResult;
use super::id_types::AccountId;
use aws_sdk_organizations::types::HandshakePartyType;

/// How a handshake's recipient was addressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PartyKind {
    /// By 12-digit account id.
    Account,
    /// By the email address of the account's owner.
    Email,
}

impl PartyKind {
    /// AWS's `HandshakePartyType`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            PartyKind::Account => "ACCOUNT",
            PartyKind::Email => "EMAIL",
        }
    }
}

/// A handshake's target party as the caller named it: an account by its id,
/// or the account whose owner has an email address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Party {
    /// `ACCOUNT`: a 12-digit account id.
    Account(AccountId),
    /// `EMAIL`: the email address of the account's owner.
    Email(String),
}

impl Party {
    /// The party `id` of AWS's `HandshakePartyType` `kind`, after the one
    /// check of its form (`rules::party_problem`, which the validation layer
    /// also applies): an ACCOUNT is 12 digits, an EMAIL an address, and no
    /// other type is invited.
    pub(crate) fn parse(kind: &HandshakePartyType, id: &str) -> DomainResult<Party> {
        if let Some(problem) = crate::world::rules::party_problem(kind.as_str(), id) {
            return Err(problem);
        }
        // party_problem let through only an ACCOUNT or an EMAIL.
        Ok(match kind {
            HandshakePartyType::Email => Party::Email(id.to_string()),
            _ => Party::Account(AccountId::new(id)),
        })
    }

    /// How the party is addressed.
    pub(crate) fn kind(&self) -> PartyKind {
        match self {
            Party::Account(_) => PartyKind::Account,
            Party::Email(_) => PartyKind::Email,
        }
    }

    /// The id or address, as the caller spelt it.
    pub(crate) fn id(&self) -> &str {
        match self {
            Party::Account(id) => id,
            Party::Email(email) => email,
        }
    }
}
