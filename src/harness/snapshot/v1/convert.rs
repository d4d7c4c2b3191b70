//! How format version 1 converts: the `Mirror` (world to format) and
//! `Restore` (format to world) traits, their impls for plain values,
//! options, lists, maps and the world's typed ids, and the `record!` and
//! `choice!` macros the format's records are declared with.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::world::{self, policies};

/// A resource's tags, by key.
pub(super) type Tags = BTreeMap<String, String>;

/// Converts a world value to its format value.
pub(super) trait Mirror<T> {
    fn mirror(&self) -> T;
}

/// Converts a format value back to the world's.
pub(super) trait Restore<T> {
    fn restore(self) -> T;
}

macro_rules! same {
    ($($t:ty),*) => {$(
        impl Mirror<$t> for $t {
            fn mirror(&self) -> $t {
                self.clone()
            }
        }
        impl Restore<$t> for $t {
            fn restore(self) -> $t {
                self
            }
        }
    )*};
}
same!(String, bool, u32, u64, i64, usize, PolicyType);

/// A policy type is AWS's name in the format too (the world's enum
/// serializes as that name; a name the model does not know is refused when
/// the snapshot is read).
pub(super) type PolicyType = policies::PolicyType;

impl<A: Mirror<B>, B> Mirror<Option<B>> for Option<A> {
    fn mirror(&self) -> Option<B> {
        self.as_ref().map(Mirror::mirror)
    }
}
impl<A, B: Restore<A>> Restore<Option<A>> for Option<B> {
    fn restore(self) -> Option<A> {
        self.map(Restore::restore)
    }
}
impl<A: Mirror<B>, B> Mirror<Vec<B>> for Vec<A> {
    fn mirror(&self) -> Vec<B> {
        self.iter().map(Mirror::mirror).collect()
    }
}
impl<A, B: Restore<A>> Restore<Vec<A>> for Vec<B> {
    fn restore(self) -> Vec<A> {
        self.into_iter().map(Restore::restore).collect()
    }
}
impl<KW: Mirror<KF>, KF: Ord, A: Mirror<B>, B> Mirror<BTreeMap<KF, B>> for BTreeMap<KW, A> {
    fn mirror(&self) -> BTreeMap<KF, B> {
        self.iter().map(|(k, v)| (k.mirror(), v.mirror())).collect()
    }
}
impl<KW: Ord, KF: Restore<KW>, A, B: Restore<A>> Restore<BTreeMap<KW, A>> for BTreeMap<KF, B> {
    fn restore(self) -> BTreeMap<KW, A> {
        self.into_iter().map(|(k, v)| (k.restore(), v.restore())).collect()
    }
}
impl<W: Mirror<F>, F: Ord> Mirror<BTreeSet<F>> for BTreeSet<W> {
    fn mirror(&self) -> BTreeSet<F> {
        self.iter().map(Mirror::mirror).collect()
    }
}
impl<W: Ord, F: Restore<W>> Restore<BTreeSet<W>> for BTreeSet<F> {
    fn restore(self) -> BTreeSet<W> {
        self.into_iter().map(Restore::restore).collect()
    }
}
impl<KW: Mirror<KF>, KF: Ord, A: Mirror<B>, B> Mirror<BTreeMap<KF, B>> for HashMap<KW, A> {
    fn mirror(&self) -> BTreeMap<KF, B> {
        self.iter().map(|(k, v)| (k.mirror(), v.mirror())).collect()
    }
}
impl<KW: Eq + std::hash::Hash, KF: Restore<KW>, A, B: Restore<A>> Restore<HashMap<KW, A>> for BTreeMap<KF, B> {
    fn restore(self) -> HashMap<KW, A> {
        self.into_iter().map(|(k, v)| (k.restore(), v.restore())).collect()
    }
}

/// The world's typed ids are their strings in the format.
macro_rules! id_strings {
    ($($t:ident),*) => {$(
        impl Mirror<String> for world::$t {
            fn mirror(&self) -> String {
                self.as_str().to_owned()
            }
        }
        impl Restore<world::$t> for String {
            fn restore(self) -> world::$t {
                world::$t::new(self)
            }
        }
    )*};
}
id_strings!(
    AccountId,
    OrgId,
    RootId,
    OuId,
    ParentId,
    TargetId,
    PolicyId,
    HandshakeId,
    CreateAccountRequestId,
    TransferId
);

/// A format record with the same fields as a world record; the world's
/// derived fields (`rebuilt`) start empty and are rebuilt by `World::from_parts`.
macro_rules! record {
    ($(#[$meta:meta])* $name:ident <=> $world:ty { $($(#[$fmeta:meta])* $field:ident: $t:ty),* $(,)? } $(rebuilt { $($derived:ident),* })?) => {
        $(#[$meta])*
        #[derive(serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name {
            $($(#[$fmeta])* $field: $t),*
        }
        impl Mirror<$name> for $world {
            fn mirror(&self) -> $name {
                $name { $($field: self.$field.mirror()),* }
            }
        }
        impl Restore<$world> for $name {
            fn restore(self) -> $world {
                type World = $world;
                World { $($field: self.$field.restore(),)* $($($derived: Default::default(),)*)? }
            }
        }
    };
}

/// A format enum whose variants match a world enum's, one for one.
macro_rules! choice {
    ($vis:vis $name:ident <=> $world:ty { $($variant:ident),* $(,)? }) => {
        #[derive(serde::Serialize, serde::Deserialize, Clone, Copy)]
        $vis enum $name {
            $($variant),*
        }
        impl Mirror<$name> for $world {
            fn mirror(&self) -> $name {
                match self {
                    $(<$world>::$variant => $name::$variant),*
                }
            }
        }
        impl Restore<$world> for $name {
            fn restore(self) -> $world {
                match self {
                    $($name::$variant => <$world>::$variant),*
                }
            }
        }
    };
}
