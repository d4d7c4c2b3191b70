//! Values shaped by the service model's input shapes, for the transport
//! fuzzer (`fuzz_transport`): the model, a seeded generator, string pools.

use crate::support;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

// ---------------------------------------------------------------------------
// The service model: operations, their input shapes and their errors.

pub(crate) struct Model {
    pub(crate) shapes: Map<String, Value>,
    /// (name, input shape, errors) in the model's order.
    pub(crate) operations: Vec<(String, Option<String>, BTreeSet<String>)>,
    /// Every member name of every shape, for arbitrary JSON's keys.
    pub(crate) member_names: Vec<String>,
    /// The pattern of each string shape that has one (those Rust's regex can read).
    pub(crate) patterns: BTreeMap<String, regex::Regex>,
}

impl Model {
    /// True when `value` fits the string shape's length and pattern.
    pub(crate) fn fits(&self, shape: &str, value: &str) -> bool {
        let s = &self.shapes[shape];
        let n = value.chars().count() as u64;
        s["min"].as_u64().is_none_or(|min| n >= min)
            && s["max"].as_u64().is_none_or(|max| n <= max)
            && self.patterns.get(shape).is_none_or(|p| p.is_match(value))
    }
}

pub(crate) fn model() -> Model {
    let model = support::model::service();
    let shapes = model["shapes"].as_object().expect("shapes").clone();
    let operations = model["operations"]
        .as_object()
        .expect("operations")
        .iter()
        .map(|(name, op)| {
            let input = op["input"]["shape"].as_str().map(str::to_string);
            let errors = op["errors"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e["shape"].as_str().map(str::to_string))
                .collect();
            (name.clone(), input, errors)
        })
        .collect();
    let member_names: BTreeSet<String> = shapes
        .values()
        .filter_map(|s| s["members"].as_object())
        .flat_map(|m| m.keys().cloned())
        .collect();
    let patterns = shapes
        .iter()
        .filter_map(|(name, s)| {
            let pattern = s["pattern"].as_str()?;
            let re = regex::Regex::new(&format!("^(?:{pattern})$")).ok()?;
            Some((name.clone(), re))
        })
        .collect();
    Model {
        shapes,
        operations,
        member_names: member_names.into_iter().collect(),
        patterns,
    }
}

// ---------------------------------------------------------------------------
// A small deterministic generator for shape-driven bodies (proptest picks the
// seed, the operation and the mutation; those shrink).

pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub(crate) fn coin(&mut self, in_: usize) -> bool {
        self.below(in_) == 0
    }
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Strings worth sending: the world's own IDs, well-formed strangers, and oddities.
pub(crate) fn string_pool(known: &[String]) -> Vec<String> {
    let mut pool: Vec<String> = known.to_vec();
    pool.extend(
        [
            "",
            " ",
            "a",
            "ou-zzzz-zzzzzzzz",
            "r-zzzz",
            "p-zzzzzzzz",
            "p-FullAWSAccess",
            "p-RCPFullAWSAccess",
            "h-zzzzzzzzzz",
            "car-0123456789abcdef0123456789abcdef",
            "o-zzzzzzzzzz",
            "444444444444",
            "12345",
            "new@example.com",
            "a@b.c",
            "@@",
            "SERVICE_CONTROL_POLICY",
            "TAG_POLICY",
            "RESOURCE_CONTROL_POLICY",
            "ALL",
            "CONSOLIDATED_BILLING",
            "ACCOUNT",
            "EMAIL",
            "ORGANIZATION",
            "INVITE",
            "ENABLE_ALL_FEATURES",
            "config.amazonaws.com",
            "not a principal",
            "aws:reserved",
            "\u{0}",
            "é\u{1F600}\u{202E}",
            "'; DROP TABLE accounts; --",
            "../../etc/passwd",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
            "{\"tags\":{\"costcenter\":{\"tag_key\":{\"@@assign\":\"CostCenter\"}}}}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
            "{",
            "null",
        ]
        .map(str::to_string),
    );
    pool
}

/// A value for `shape` (the member `name` of its parent), built from `rng`.
pub(crate) fn shaped(model: &Model, shape: &str, pool: &[String], rng: &mut Rng, depth: usize) -> Value {
    let s = &model.shapes[shape];
    match s["type"].as_str().unwrap_or("string") {
        "structure" => {
            let required: BTreeSet<&str> = s["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let mut out = Map::new();
            for (member, spec) in s["members"].as_object().into_iter().flatten() {
                if depth > 4 || !(required.contains(member.as_str()) || rng.coin(2)) {
                    continue;
                }
                let target = spec["shape"].as_str().unwrap_or("String");
                out.insert(member.clone(), shaped(model, target, pool, rng, depth + 1));
            }
            Value::Object(out)
        }
        "list" => {
            let member = s["member"]["shape"].as_str().unwrap_or("String");
            let n = if depth > 4 { 0 } else { rng.below(4) };
            Value::Array((0..n).map(|_| shaped(model, member, pool, rng, depth + 1)).collect())
        }
        "map" => {
            let value = s["value"]["shape"].as_str().unwrap_or("String");
            let n = if depth > 4 { 0 } else { rng.below(3) };
            Value::Object(
                (0..n)
                    .map(|_| (rng.pick(pool).clone(), shaped(model, value, pool, rng, depth + 1)))
                    .collect(),
            )
        }
        "integer" | "long" => json!(*rng.pick(&[1i64, 5, 20, 0, -1, 21, i64::from(i32::MAX), i64::MAX])),
        "boolean" => json!(rng.coin(2)),
        "timestamp" | "double" | "float" => json!(rng.below(2_000_000_000)),
        "blob" => json!("aGVsbG8="),
        _ => match s["enum"].as_array() {
            Some(values) if !rng.coin(8) => rng.pick(values).clone(),
            _ if rng.coin(8) => json!(rng.pick(pool)),
            _ => {
                // Mostly a value that fits: one of the world's IDs, or a fresh name or email.
                let n = rng.below(10_000);
                let fresh = [format!("fuzz{n}"), format!("fuzz{n}@example.com")];
                let fitting: Vec<&String> = pool.iter().chain(&fresh).filter(|v| model.fits(shape, v)).collect();
                match fitting.len() {
                    0 => json!(rng.pick(pool)),
                    len => json!(fitting[rng.below(len)]),
                }
            }
        },
    }
}
