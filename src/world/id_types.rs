//! The world's identifiers, one type per kind, so an OU id cannot be passed
//! where an account id is meant.
//!
//! Each is a string in AWS's format, serialized as that string (the
//! snapshot format and every listing are unchanged). A kind's value is made
//! from an SDK input string at the operations boundary (`new`), and the
//! world's look-ups decide whether it names anything: an id that is
//! malformed or unknown is simply not found, with the error the look-up
//! gives. `Deref<Target = str>` and `Borrow<str>` let a map keyed by an id
//! be searched with a `&str` without allocating.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident;)*) => {$(
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub(crate) struct $name(String);

        impl $name {
            /// The id spelt `id` (not checked: a look-up decides whether it
            /// names anything).
            pub(crate) fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            /// The id as AWS spells it.
            pub(crate) fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<String> for $name {
            fn borrow(&self) -> &String {
                &self.0
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                **self == other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl From<&$name> for String {
            fn from(id: &$name) -> String {
                id.0.clone()
            }
        }

        impl PartialEq<&$name> for $name {
            fn eq(&self, other: &&$name) -> bool {
                self.0 == other.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                self.0 == *other
            }
        }
    )*};
}

id_type! {
    /// An account: twelve digits.
    AccountId;
    /// An organization: `o-` and ten characters.
    OrgId;
    /// A root: `r-` and four characters.
    RootId;
    /// An organizational unit: `ou-<root>-<8 characters>`.
    OuId;
    /// A parent in the tree: a root or an OU (see [`ParentId::kind`]).
    ParentId;
    /// A policy target: a root, an OU or an account (see [`NodeKind::of`]).
    TargetId;
    /// A policy: `p-` and eight characters, or an AWS-managed policy's id.
    PolicyId;
    /// A handshake: `h-` and ten characters.
    HandshakeId;
    /// A create-account request: `car-` and 32 characters.
    CreateAccountRequestId;
    /// A responsibility transfer: `rt-` and characters.
    TransferId;
    /// A child in the tree: an account or an OU.
    ChildId;
    /// A taggable resource: a root, an OU, an account, a policy, the
    /// resource policy (`rp-…`) or a responsibility transfer (`rt-…`).
    TaggableId;
}

/// A caller the operations layer resolved: its account and its
/// organization, for the world's functions that need both.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Member<'a> {
    /// The calling account.
    pub account: &'a AccountId,
    /// Its organization.
    pub org: &'a OrgId,
}

/// The caller as authorization resolved it: its account, its organization
/// and its standing there, found once, so the world decides what the caller
/// may do from them instead of working them out again.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Caller<'a> {
    /// The calling account.
    pub account: &'a AccountId,
    /// Its organization when it was authorized.
    pub org: Option<&'a OrgId>,
    /// Its standing there when it was authorized.
    pub standing: Standing,
}

impl Caller<'_> {
    /// True when the caller is the management account of `org`.
    pub(crate) fn manages(&self, org: &OrgId) -> bool {
        self.standing == Standing::Management && self.org == Some(org)
    }

    /// True when the caller is the management account or a delegated
    /// administrator of `org`.
    pub(crate) fn administers(&self, org: &OrgId) -> bool {
        self.org == Some(org) && matches!(self.standing, Standing::Management | Standing::DelegatedAdministrator)
    }
}

/// What a parent or target id names, told by its form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NodeKind {
    /// `r-…`.
    Root,
    /// `ou-…`.
    Ou,
    /// Twelve digits.
    Account,
}

impl NodeKind {
    /// What `id` names by its form, `None` when it is no root, OU or
    /// account id.
    pub(crate) fn of(id: &str) -> Option<NodeKind> {
        if id.starts_with(super::ids::prefix::ROOT) {
            Some(NodeKind::Root)
        } else if id.starts_with(super::ids::prefix::OU) {
            Some(NodeKind::Ou)
        } else if super::ids::is_account_id(id) {
            Some(NodeKind::Account)
        } else {
            None
        }
    }
}

impl ParentId {
    /// A root or an OU by its form, `None` for anything else.
    pub(crate) fn kind(&self) -> Option<NodeKind> {
        NodeKind::of(&self.0).filter(|k| *k != NodeKind::Account)
    }
}

macro_rules! widen {
    ($($from:ident => $to:ident,)*) => {$(
        impl From<$from> for $to {
            fn from(id: $from) -> $to {
                $to(id.0)
            }
        }
        impl From<&$from> for $to {
            fn from(id: &$from) -> $to {
                $to(id.0.clone())
            }
        }
        impl PartialEq<$from> for $to {
            fn eq(&self, other: &$from) -> bool {
                self.0 == other.0
            }
        }
        impl PartialEq<$to> for $from {
            fn eq(&self, other: &$to) -> bool {
                self.0 == other.0
            }
        }
    )*};
}

widen! {
    RootId => ParentId,
    OuId => ParentId,
    RootId => TargetId,
    OuId => TargetId,
    AccountId => TargetId,
    ParentId => TargetId,
    // Every id that names a taggable resource is a taggable id.
    AccountId => TaggableId,
    RootId => TaggableId,
    OuId => TaggableId,
    PolicyId => TaggableId,
    TransferId => TaggableId,
}

/// The caller's standing toward its organization, which decides what it may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Standing {
    /// The management account of its organization.
    Management,
    /// A member registered as a delegated administrator for some service.
    DelegatedAdministrator,
    /// Any other member.
    Member,
    /// An account outside any organization.
    Outsider,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn parents_and_targets_are_told_apart_by_their_form() {
        assert_eq!(ParentId::new("r-ab12").kind(), Some(NodeKind::Root));
        assert_eq!(ParentId::new("ou-ab12-abcdefgh").kind(), Some(NodeKind::Ou));
        assert_eq!(ParentId::new("111111111111").kind(), None);
        assert_eq!(ParentId::new("x-1").kind(), None);
        assert_eq!(NodeKind::of("111111111111"), Some(NodeKind::Account));
        assert_eq!(
            NodeKind::of(&TargetId::from(OuId::new("ou-ab12-abcdefgh"))),
            Some(NodeKind::Ou)
        );
        assert_eq!(NodeKind::of("p-12345678"), None);
    }

    #[test]
    fn an_id_is_its_string_on_the_wire_and_in_maps() {
        let id = AccountId::new("111111111111");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"111111111111\"");
        let back: AccountId = serde_json::from_str("\"111111111111\"").unwrap();
        assert_eq!(back, id);
        let map = HashMap::from([(id.clone(), 1)]);
        assert_eq!(map.get("111111111111"), Some(&1));
        assert_eq!(id, "111111111111");
        assert_eq!(String::from(id), "111111111111");
        assert_eq!(ParentId::from(RootId::new("r-ab12")), RootId::new("r-ab12"));
    }
}
