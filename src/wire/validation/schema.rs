//! The types of the generated constraint table (`model.rs`).

/// One shape of the model and its constraints.
#[derive(Debug)]
pub(crate) struct Shape {
    /// The model's shape name, e.g. `AccountId`.
    pub name: &'static str,
    /// Whether values must not be echoed back (`sensitive` in the model).
    pub sensitive: bool,
    /// What it is and what constrains it.
    pub kind: Kind,
}

/// A member of a structure.
#[derive(Debug)]
pub(crate) struct Member {
    /// The member name as sent on the wire.
    pub name: &'static str,
    pub shape: &'static Shape,
    /// Whether the model requires it.
    pub required: bool,
}

/// A shape's type and constraints. Every type the generator knows has a
/// variant, whether or not today's inputs use it (they have no maps, floats,
/// booleans or blobs).
#[derive(Debug)]
#[allow(dead_code)]
pub(crate) enum Kind {
    /// A structure and its members.
    Structure(&'static [Member]),
    /// A list, with its length bounds.
    List {
        /// The element shape.
        member: &'static Shape,
        /// Minimum number of elements.
        min: Option<i64>,
        /// Maximum number of elements.
        max: Option<i64>,
    },
    /// A map, with its size bounds.
    Map {
        /// The key shape.
        key: &'static Shape,
        /// The value shape.
        value: &'static Shape,
        /// Minimum number of entries.
        min: Option<i64>,
        /// Maximum number of entries.
        max: Option<i64>,
    },
    /// A string: length bounds (in characters), a Java-style pattern, an enum.
    String {
        /// Minimum length.
        min: Option<i64>,
        /// Maximum length.
        max: Option<i64>,
        /// The model's pattern (Java regex syntax), matched against the whole value.
        pattern: Option<&'static str>,
        /// The allowed values, when the string is an enum.
        values: &'static [&'static str],
    },
    /// A whole number and its range.
    Integer {
        /// Smallest allowed value.
        min: Option<i64>,
        /// Largest allowed value.
        max: Option<i64>,
    },
    /// A floating-point number.
    Number,
    /// A boolean.
    Boolean,
    /// A timestamp (epoch seconds on the wire).
    Timestamp,
    /// Base64 bytes.
    Blob,
}
