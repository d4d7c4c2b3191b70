//! The tree store: an organization's root, its OUs by id, and the children
//! of each parent. The OU map and the children index change only together,
//! through the methods here: an OU is added under its parent's entry and
//! gets its own, is removed only when empty and leaves its parent's entry,
//! and an account moves out of one entry and into another in one step. The
//! accounts' own parent pointers live in the accounts store; the world's
//! methods move both (`impl World` in `tree/mod.rs`).

use std::collections::HashMap;

use super::super::id_types::{AccountId, OuId, ParentId};
use super::super::tags::Tags;
use super::nodes::{Children, Ou, Root, MAX_OU_DEPTH};

/// An organization's tree.
#[derive(Clone, Debug)]
pub(crate) struct Tree {
    /// Its one root.
    root: Root,
    /// Every OU by id.
    ous: HashMap<OuId, Ou>,
    /// Children of each parent (root or OU) by parent id.
    children: HashMap<ParentId, Children>,
}

/// Why [`Tree::remove_ou`] refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RemoveOuRefused {
    /// No such OU.
    NotFound,
    /// It still has OUs or accounts under it.
    NotEmpty,
}

impl Tree {
    /// A tree of only `root`, with no children.
    pub(in crate::world) fn new(root: Root) -> Tree {
        let children = HashMap::from([(ParentId::from(&root.id), Children::default())]);
        Tree {
            root,
            ous: HashMap::new(),
            children,
        }
    }

    /// The tree holding these records as they are (for the snapshot
    /// format): a snapshot can say anything, and the world's invariant
    /// checks report a tree whose index disagrees with its OUs.
    pub(crate) fn from_records(root: Root, ous: HashMap<OuId, Ou>, children: HashMap<ParentId, Children>) -> Tree {
        Tree { root, ous, children }
    }

    /// The root.
    pub(crate) fn root(&self) -> &Root {
        &self.root
    }

    /// Every OU by id.
    pub(crate) fn ous(&self) -> &HashMap<OuId, Ou> {
        &self.ous
    }

    /// The children index: each parent's OUs and accounts.
    pub(crate) fn children_index(&self) -> &HashMap<ParentId, Children> {
        &self.children
    }

    /// The OU `id`.
    pub(crate) fn ou(&self, id: &str) -> Option<&Ou> {
        self.ous.get(id)
    }

    /// The number of OUs.
    pub(crate) fn ou_count(&self) -> usize {
        self.ous.len()
    }

    /// True when `id` names the root or an OU.
    pub(crate) fn is_parent(&self, id: &str) -> bool {
        id == self.root.id || self.ous.contains_key(id)
    }

    /// The children of `parent`, each kind in the order it arrived.
    pub(crate) fn children(&self, parent: &str) -> Option<&Children> {
        self.children.get(parent)
    }

    /// The tags of the root or of an OU, mutably.
    pub(in crate::world) fn tags_mut(&mut self, id: &str) -> Option<&mut Tags> {
        if id == self.root.id {
            return Some(&mut self.root.tags);
        }
        self.ous.get_mut(id).map(|ou| &mut ou.tags)
    }

    /// Adds `ou` under its parent, at its sequence number, with an empty
    /// entry of its own. False (and nothing changed) when the parent is
    /// unknown or the id is taken.
    pub(in crate::world) fn add_ou(&mut self, ou: Ou) -> bool {
        if self.is_parent(&ou.id) || !self.children.contains_key(ou.parent_id.as_str()) {
            return false;
        }
        let id = ou.id.clone();
        if let Some(parent) = self.children.get_mut(ou.parent_id.as_str()) {
            parent.ous.insert(ou.seq, id.clone());
        }
        self.children.insert(ParentId::from(&id), Children::default());
        self.ous.insert(id, ou);
        true
    }

    /// Renames OU `id`; false when there is no such OU.
    pub(in crate::world) fn rename_ou(&mut self, id: &str, name: &str) -> bool {
        match self.ous.get_mut(id) {
            Some(ou) => {
                ou.name = name.to_string();
                true
            }
            None => false,
        }
    }

    /// Removes OU `id` with its entry, and takes it off its parent's list.
    /// Refused for an OU that still has children.
    pub(in crate::world) fn remove_ou(&mut self, id: &str) -> Result<Ou, RemoveOuRefused> {
        let ou = self.ous.get(id).ok_or(RemoveOuRefused::NotFound)?;
        if self.children.get(id).is_some_and(|c| !c.is_empty()) {
            return Err(RemoveOuRefused::NotEmpty);
        }
        let (parent, seq) = (ou.parent_id.clone(), ou.seq);
        self.children.remove(id);
        if let Some(c) = self.children.get_mut(&parent) {
            c.ous.remove(&seq);
        }
        self.ous.remove(id).ok_or(RemoveOuRefused::NotFound)
    }

    /// Lists account `id` under `parent` at `seq`; false when `parent` is
    /// no root or OU of this tree.
    pub(in crate::world) fn add_account(&mut self, parent: &str, seq: u64, id: AccountId) -> bool {
        match self.children.get_mut(parent) {
            Some(c) => {
                c.accounts.insert(seq, id);
                true
            }
            None => false,
        }
    }

    /// Takes the account listed at `seq` off `parent`'s list.
    pub(in crate::world) fn remove_account(&mut self, parent: &str, seq: u64) -> Option<AccountId> {
        self.children.get_mut(parent)?.accounts.remove(&seq)
    }

    /// Moves the account listed at `seq` under `from` to `to`, keeping its
    /// sequence number. False (and nothing changed) when either parent is
    /// unknown or `from` does not list it.
    pub(in crate::world) fn move_account(&mut self, from: &str, to: &str, seq: u64) -> bool {
        let listed = self.children.get(from).is_some_and(|c| c.accounts.contains_key(&seq));
        if !listed || !self.children.contains_key(to) {
            return false;
        }
        let Some(id) = self.remove_account(from, seq) else {
            return false;
        };
        self.add_account(to, seq, id)
    }

    /// The OUs from `parent_id` (when it is an OU) up to the one directly
    /// under the root, nearest first.
    ///
    /// Bounded: at most [`MAX_OU_DEPTH`] of them, all a valid tree has, so
    /// even a tree with a cycle (which loading refuses) cannot make a walk
    /// spin.
    fn ancestry<'a>(&'a self, parent_id: &str) -> impl Iterator<Item = &'a Ou> + 'a {
        std::iter::successors(self.ous.get(parent_id), |ou| self.ous.get(ou.parent_id.as_str())).take(MAX_OU_DEPTH)
    }

    /// How deep `parent_id` sits: the root is 0, an OU directly under it 1.
    /// Bounded like [`ancestry`](Self::ancestry).
    pub(crate) fn depth(&self, parent_id: &str) -> usize {
        self.ancestry(parent_id).count()
    }

    /// The chain of OU ids from the root down to and including `parent_id`
    /// (empty for the root). Bounded like [`ancestry`](Self::ancestry).
    pub(crate) fn ou_chain(&self, parent_id: &str) -> Vec<&str> {
        let mut chain: Vec<&str> = self.ancestry(parent_id).map(|ou| ou.id.as_str()).collect();
        chain.reverse();
        chain
    }

    /// AWS's `Path` of a parent in organization `org_id`
    /// (`o-…/r-…/ou-…/…/`) followed by `leaf` and a slash (a leaf that is
    /// empty adds nothing), built in one allocation: it is on the path of
    /// every listed account.
    pub(crate) fn path_with(&self, org_id: &str, parent_id: &str, leaf: &str) -> String {
        let mut chain: [&str; MAX_OU_DEPTH] = [""; MAX_OU_DEPTH];
        let mut depth = 0;
        for (slot, ou) in chain.iter_mut().zip(self.ancestry(parent_id)) {
            *slot = &ou.id;
            depth += 1;
        }
        let len = org_id.len()
            + self.root.id.len()
            + leaf.len()
            + 3
            + chain[..depth].iter().map(|c| c.len() + 1).sum::<usize>();
        let mut path = String::with_capacity(len);
        for part in [org_id, self.root.id.as_str()]
            .into_iter()
            .chain(chain[..depth].iter().rev().copied())
            .chain([leaf])
        {
            if !part.is_empty() {
                path.push_str(part);
                path.push('/');
            }
        }
        path
    }

    /// True when an OU named `name` (case-insensitively) sits under
    /// `parent_id`, other than `except`.
    pub(in crate::world) fn name_taken(&self, parent_id: &str, name: &str, except: Option<&str>) -> bool {
        self.children.get(parent_id).is_some_and(|c| {
            c.ous.values().any(|id| {
                Some(id.as_str()) != except && self.ous.get(id).is_some_and(|ou| ou.name.eq_ignore_ascii_case(name))
            })
        })
    }

    /// What is wrong with the OUs (for the world's invariant checks, in
    /// their order): the number of OUs the parents list (`listed`) must be
    /// the number of OUs; each OU has an entry of its own, a sequence number
    /// no later than `max_seq`, and reaches the root within
    /// [`MAX_OU_DEPTH`] steps (no cycle).
    pub(in crate::world) fn ou_problems(&self, org_id: &str, listed: usize, max_seq: u64) -> Vec<String> {
        let mut problems = Vec::new();
        let mut check = |ok: bool, what: &dyn Fn() -> String| {
            if !ok {
                problems.push(what());
            }
        };
        check(listed == self.ous.len(), &|| {
            format!("{org_id}: {listed} OUs under parents, {} OUs", self.ous.len())
        });
        for (id, ou) in &self.ous {
            check(self.children.contains_key(id.as_str()), &|| {
                format!("OU {id} has no children entry")
            });
            check(ou.seq <= max_seq, &|| format!("OU {id} has seq {} > {max_seq}", ou.seq));
            // The topmost of at most MAX_OU_DEPTH OUs up from it (itself
            // first) must sit under the root.
            let top = self.ancestry(id.as_str()).last();
            check(
                top.is_some_and(|t| t.parent_id.as_str() == self.root.id.as_str()),
                &|| format!("OU {id} does not reach the root within {MAX_OU_DEPTH} levels (cycle or too deep)"),
            );
        }
        problems
    }

    /// Breaks the tree for tests of the invariant checks, past the methods
    /// that keep the OUs and the index in step.
    #[cfg(test)]
    pub(crate) fn corrupt(&mut self, f: impl FnOnce(&mut HashMap<OuId, Ou>, &mut HashMap<ParentId, Children>)) {
        f(&mut self.ous, &mut self.children);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::RootId;

    fn ou(id: &str, parent: &str, seq: u64) -> Ou {
        Ou {
            id: OuId::new(id),
            name: id.to_string(),
            parent_id: ParentId::new(parent),
            seq,
            tags: Tags::default(),
        }
    }

    fn tree() -> Tree {
        Tree::new(Root {
            id: RootId::new("r-ab12"),
            name: "Root".into(),
            tags: Tags::default(),
        })
    }

    /// Every OU is listed by its parent at its own sequence number, and has
    /// an entry of its own; every listed OU exists.
    fn in_step(t: &Tree) -> bool {
        let listed: usize = t.children.values().map(|c| c.ous.len()).sum();
        listed == t.ous.len()
            && t.ous.values().all(|ou| {
                t.children.contains_key(ou.id.as_str())
                    && t.children.get(ou.parent_id.as_str()).and_then(|c| c.ous.get(&ou.seq)) == Some(&ou.id)
            })
    }

    #[test]
    fn an_added_ou_is_listed_under_its_parent_and_gets_an_entry() {
        let mut t = tree();
        assert!(t.add_ou(ou("ou-ab12-aaaaaaaa", "r-ab12", 1)));
        assert!(t.add_ou(ou("ou-ab12-bbbbbbbb", "ou-ab12-aaaaaaaa", 2)));
        assert!(in_step(&t));
        assert_eq!(t.depth("ou-ab12-bbbbbbbb"), 2);
        assert_eq!(t.ou_chain("ou-ab12-bbbbbbbb"), ["ou-ab12-aaaaaaaa", "ou-ab12-bbbbbbbb"]);
        assert_eq!(
            t.path_with("o-x", "ou-ab12-bbbbbbbb", "1"),
            "o-x/r-ab12/ou-ab12-aaaaaaaa/ou-ab12-bbbbbbbb/1/"
        );
        // An unknown parent, or a taken id, changes nothing.
        assert!(!t.add_ou(ou("ou-ab12-cccccccc", "ou-ab12-zzzzzzzz", 3)));
        assert!(!t.add_ou(ou("ou-ab12-aaaaaaaa", "r-ab12", 4)));
        assert!(!t.add_ou(ou("r-ab12", "r-ab12", 5)));
        assert_eq!(t.ou_count(), 2);
        assert!(in_step(&t));
    }

    #[test]
    fn removing_a_non_empty_ou_is_refused() {
        let mut t = tree();
        t.add_ou(ou("ou-ab12-aaaaaaaa", "r-ab12", 1));
        t.add_ou(ou("ou-ab12-bbbbbbbb", "ou-ab12-aaaaaaaa", 2));
        assert_eq!(t.remove_ou("ou-ab12-aaaaaaaa").unwrap_err(), RemoveOuRefused::NotEmpty);
        assert!(t.add_account("ou-ab12-bbbbbbbb", 3, AccountId::new("222222222222")));
        assert_eq!(t.remove_ou("ou-ab12-bbbbbbbb").unwrap_err(), RemoveOuRefused::NotEmpty);
        assert!(t.remove_account("ou-ab12-bbbbbbbb", 3).is_some());
        assert_eq!(t.remove_ou("ou-ab12-bbbbbbbb").unwrap().seq, 2);
        assert_eq!(t.remove_ou("ou-ab12-bbbbbbbb").unwrap_err(), RemoveOuRefused::NotFound);
        assert!(t.remove_ou("ou-ab12-aaaaaaaa").is_ok());
        assert!(t.children("ou-ab12-aaaaaaaa").is_none());
        assert!(t.children("r-ab12").unwrap().is_empty());
        assert!(in_step(&t));
    }

    #[test]
    fn a_move_takes_the_account_off_one_list_and_onto_the_other() {
        let mut t = tree();
        t.add_ou(ou("ou-ab12-aaaaaaaa", "r-ab12", 1));
        let id = AccountId::new("222222222222");
        t.add_account("r-ab12", 7, id.clone());
        assert!(t.move_account("r-ab12", "ou-ab12-aaaaaaaa", 7));
        assert!(t.children("r-ab12").unwrap().accounts.is_empty());
        assert_eq!(t.children("ou-ab12-aaaaaaaa").unwrap().accounts.get(&7), Some(&id));
        // Not listed at the source, or an unknown destination: nothing moves.
        assert!(!t.move_account("r-ab12", "ou-ab12-aaaaaaaa", 7));
        assert!(!t.move_account("ou-ab12-aaaaaaaa", "ou-ab12-zzzzzzzz", 7));
        assert_eq!(t.children("ou-ab12-aaaaaaaa").unwrap().accounts.get(&7), Some(&id));
        assert!(in_step(&t));
    }

    #[test]
    fn a_cycle_or_a_missing_entry_is_a_problem() {
        let mut t = tree();
        t.add_ou(ou("ou-ab12-aaaaaaaa", "r-ab12", 1));
        t.add_ou(ou("ou-ab12-bbbbbbbb", "ou-ab12-aaaaaaaa", 2));
        assert!(t.ou_problems("o-x", 2, 2).is_empty());
        assert_eq!(t.ou_problems("o-x", 1, 1).len(), 2);
        t.corrupt(|ous, children| {
            ous.get_mut("ou-ab12-aaaaaaaa").unwrap().parent_id = ParentId::new("ou-ab12-bbbbbbbb");
            children.remove("ou-ab12-bbbbbbbb");
        });
        let problems = t.ou_problems("o-x", 2, 2).join("; ");
        assert!(
            problems.contains("OU ou-ab12-bbbbbbbb has no children entry"),
            "{problems}"
        );
        assert!(problems.contains("cycle or too deep"), "{problems}");
        // The walks up a cycle end, at the deepest a valid tree goes.
        assert_eq!(t.depth("ou-ab12-aaaaaaaa"), MAX_OU_DEPTH);
        assert_eq!(t.ou_chain("ou-ab12-bbbbbbbb").len(), MAX_OU_DEPTH);
    }

    #[test]
    fn names_are_compared_under_one_parent_case_insensitively() {
        let mut t = tree();
        t.add_ou(ou("ou-ab12-aaaaaaaa", "r-ab12", 1));
        assert!(t.name_taken("r-ab12", "OU-AB12-AAAAAAAA", None));
        assert!(!t.name_taken("r-ab12", "ou-ab12-aaaaaaaa", Some("ou-ab12-aaaaaaaa")));
        assert!(!t.name_taken("ou-ab12-aaaaaaaa", "ou-ab12-aaaaaaaa", None));
        assert!(t.rename_ou("ou-ab12-aaaaaaaa", "Prod"));
        assert!(t.name_taken("r-ab12", "prod", None));
        assert!(!t.rename_ou("ou-ab12-zzzzzzzz", "x"));
    }

    /// `path_with` says it builds the path in one allocation: the length it
    /// reserves is the length it writes, at every depth a tree has, for an
    /// account or an OU as the leaf.
    #[test]
    fn a_path_is_built_in_one_allocation_of_its_exact_length() {
        let mut t = tree();
        let mut parent = "r-ab12".to_string();
        for depth in 0..=MAX_OU_DEPTH {
            if depth > 0 {
                let id = format!("ou-ab12-{depth:08}");
                assert!(t.add_ou(ou(&id, &parent, depth as u64)));
                parent = id;
            }
            for leaf in ["222222222222", "ou-ab12-zzzzzzzz"] {
                let path = t.path_with("o-abcdef1234", &parent, leaf);
                assert_eq!(path.split('/').count(), depth + 4, "{path}");
                assert!(path.ends_with(&format!("/{leaf}/")), "{path}");
                assert_eq!(path.capacity(), path.len(), "depth {depth}: {path}");
            }
        }
    }
}
