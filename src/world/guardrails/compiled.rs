//! A policy document parsed once: its statements with their elements ready
//! to match (patterns as strings, condition keys lowercased), and the memo
//! that keeps each policy's parsed form while its content stays the same.
//!
//! The memo is keyed by policy id and holds the content it parsed: a
//! policy whose content changes (UpdatePolicy) is parsed again on its next
//! evaluation, and one whose content hasn't is never parsed twice. It lives
//! here, beside the engine, so the policy store needs to know nothing of
//! it; it is shared by every world of the process (ids repeat across worlds
//! with the same seed, so a look-up compares the content too) and bounded.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde_json::Value;

use super::conditions::{self, Block};
use super::keys::Context;
use super::matching::{self, PrincipalPattern};

/// `Action` / `NotAction`, `Resource` / `NotResource`: which of the two a
/// statement has, and its patterns.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Element {
    /// Neither.
    Absent,
    /// The positive element's patterns.
    Is(Vec<String>),
    /// The negated element's patterns.
    Not(Vec<String>),
}

impl Element {
    /// The element named `is`, else the one named `not` (a statement with
    /// both is refused by the policy's validation; the positive one wins).
    fn of(statement: &Value, is: &str, not: &str) -> Element {
        let patterns = |v: &Value| matching::strings(v).into_iter().map(str::to_string).collect();
        match (statement.get(is), statement.get(not)) {
            (Some(v), _) => Element::Is(patterns(v)),
            (None, Some(v)) => Element::Not(patterns(v)),
            (None, None) => Element::Absent,
        }
    }
}

/// `Effect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Effect {
    /// `Allow`.
    Allow,
    /// `Deny`.
    Deny,
    /// Anything else (refused by the policy's validation): never applies.
    Neither,
}

/// One statement, parsed.
#[derive(Clone, Debug)]
pub(crate) struct Statement {
    /// Its effect.
    pub effect: Effect,
    /// Its `Sid`, if it has one.
    pub sid: Option<String>,
    action: Element,
    resource: Element,
    principal: Option<(bool, PrincipalPattern)>,
    condition: Option<Block>,
}

impl Statement {
    fn parse(statement: &Value) -> Statement {
        let effect = match statement.get("Effect").and_then(Value::as_str) {
            Some("Allow") => Effect::Allow,
            Some("Deny") => Effect::Deny,
            _ => Effect::Neither,
        };
        let principal = match (statement.get("Principal"), statement.get("NotPrincipal")) {
            (Some(p), _) => Some((false, PrincipalPattern::parse(p))),
            (None, Some(n)) => Some((true, PrincipalPattern::parse(n))),
            (None, None) => None,
        };
        Statement {
            effect,
            sid: statement.get("Sid").and_then(Value::as_str).map(str::to_string),
            action: Element::of(statement, "Action", "NotAction"),
            resource: Element::of(statement, "Resource", "NotResource"),
            principal,
            condition: statement.get("Condition").map(conditions::compile),
        }
    }

    /// True when the statement applies to a request of `principal_arn`
    /// (of `principal_account`) for `action` on `resource` (its effect aside):
    /// its action, resource and principal name the request's, and its
    /// condition holds. A statement without `Action` or `NotAction` applies
    /// to nothing; one without `Resource` or `NotResource` to every
    /// resource (SCPs' documented form before 2025 had none: our choice).
    pub(crate) fn applies(
        &self,
        principal_arn: &str,
        principal_account: &str,
        action: &str,
        resource: &str,
        context: &Context,
    ) -> bool {
        let action_matches = match &self.action {
            Element::Is(p) => matching::any_action(p, action),
            Element::Not(p) => !matching::any_action(p, action),
            Element::Absent => false,
        };
        if !action_matches {
            return false;
        }
        let resource_matches = match &self.resource {
            Element::Is(p) => matching::any_resource(p, resource, context),
            Element::Not(p) => !matching::any_resource(p, resource, context),
            Element::Absent => true,
        };
        if !resource_matches {
            return false;
        }
        let principal = match &self.principal {
            Some((negated, p)) => p.matches(principal_arn, principal_account) != *negated,
            None => true,
        };
        principal
            && self
                .condition
                .as_ref()
                .is_none_or(|c| conditions::block_holds(c, context))
    }
}

/// A policy document, parsed.
#[derive(Clone, Debug)]
pub(crate) struct CompiledPolicy {
    /// Its statements (one object or a list of them in the document).
    pub statements: Vec<Statement>,
}

impl CompiledPolicy {
    /// Parses `document`. A document that isn't JSON can't be attached (the
    /// policy's validation refuses it), so it has no statement and allows
    /// nothing.
    pub(crate) fn parse(document: &str) -> CompiledPolicy {
        let value: Value = serde_json::from_str(document).unwrap_or(Value::Null);
        let statements = match value.get("Statement") {
            Some(Value::Array(items)) => items.iter().map(Statement::parse).collect(),
            Some(one @ Value::Object(_)) => vec![Statement::parse(one)],
            _ => Vec::new(),
        };
        CompiledPolicy { statements }
    }
}

/// How many policy ids the memo keeps before it starts afresh.
const MEMO_IDS: usize = 4096;
/// How many contents of one id it keeps (worlds with the same seed reuse ids).
const CONTENTS_PER_ID: usize = 4;

type Memo = BTreeMap<String, Vec<(String, Arc<CompiledPolicy>)>>;

static MEMO: Mutex<Memo> = Mutex::new(BTreeMap::new());

/// The parsed form of policy `id` with `content`: from the memo when that
/// content was parsed before, else parsed now and remembered.
pub(crate) fn compiled(id: &str, content: &str) -> Arc<CompiledPolicy> {
    // A panic while the lock is held can't leave the memo half-written
    // (each change is one insert or push), so a poisoned lock is still good.
    let mut memo = MEMO.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(found) = memo
        .get(id)
        .and_then(|versions| versions.iter().find(|(c, _)| c == content))
    {
        return found.1.clone();
    }
    let parsed = Arc::new(CompiledPolicy::parse(content));
    if memo.len() >= MEMO_IDS && !memo.contains_key(id) {
        memo.clear();
    }
    let versions = memo.entry(id.to_string()).or_default();
    if versions.len() >= CONTENTS_PER_ID {
        versions.remove(0);
    }
    versions.push((content.to_string(), parsed.clone()));
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memo_parses_a_content_once_and_a_changed_one_again() {
        let id = "p-memotest1";
        let v1 = r#"{"Statement":{"Sid":"One","Effect":"Deny","Action":"a:b"}}"#;
        let v2 = r#"{"Statement":[{"Sid":"Two","Effect":"Allow","Action":"*"}]}"#;
        let first = compiled(id, v1);
        assert!(
            Arc::ptr_eq(&first, &compiled(id, v1)),
            "the same content: the same parse"
        );
        let second = compiled(id, v2);
        assert_eq!(second.statements[0].sid.as_deref(), Some("Two"), "an update is seen");
        assert_eq!(second.statements[0].effect, Effect::Allow);
        assert_eq!(compiled(id, v1).statements[0].sid.as_deref(), Some("One"));
        for i in 0..CONTENTS_PER_ID + 1 {
            compiled(
                id,
                &format!(r#"{{"Statement":{{"Sid":"V{i}","Effect":"Deny","Action":"*"}}}}"#),
            );
        }
        let versions = MEMO.lock().unwrap().get(id).map_or(0, Vec::len);
        assert!(versions <= CONTENTS_PER_ID, "bounded per id: {versions}");
        assert!(CompiledPolicy::parse("not json").statements.is_empty());
        assert_eq!(
            CompiledPolicy::parse(r#"{"Statement":{"Effect":"Maybe"}}"#).statements[0].effect,
            Effect::Neither
        );
    }
}
