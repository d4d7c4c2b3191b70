//! Decoding an SDK input type from the request's already-parsed JSON
//! (`serde_json::Value`), so the body is parsed once: the same value is
//! validated against the model and then decoded here.
//!
//! Structures, lists, maps, strings, booleans and in-range integers are read
//! from the value directly. Every other scalar (timestamps, floats, blobs,
//! documents, out-of-range numbers and type mismatches) is handed, as its own
//! small JSON text, to the SDK's JSON codec ([`crate::wire::codec`]), so it decodes
//! (or fails) exactly as it did when the codec read the whole body.
//!
//! One exception, which no input of these services meets (none has a
//! `bigInteger` or `bigDecimal` member): a number with more digits than an
//! `f64` holds is rounded in the parsed value already, so a big integer or big
//! decimal read from it has lost the digits the codec would read from the text.

use aws_smithy_schema::serde::{SerdeError, ShapeDeserializer};
use aws_smithy_schema::{Schema, ShapeType};
use aws_smithy_types::{BigDecimal, BigInteger, Blob, DateTime, Document};
use serde_json::Value;

use crate::wire::codec;
use crate::wire::error::ApiResult;

/// Decodes `value`, the request's parsed JSON object, into an SDK input type
/// with its schema-based deserializer.
pub(crate) fn decode<I>(
    value: &Value,
    deserialize: fn(&mut dyn ShapeDeserializer) -> Result<I, SerdeError>,
) -> ApiResult<I> {
    deserialize(&mut ValueDeserializer(value)).map_err(codec::serialization_error)
}

/// A [`ShapeDeserializer`] over one JSON value.
struct ValueDeserializer<'v>(&'v Value);

impl ValueDeserializer<'_> {
    /// Reads this value as the SDK's JSON codec reads the same JSON text.
    fn by_codec<T>(
        &self,
        read: impl FnOnce(&mut dyn ShapeDeserializer) -> Result<T, SerdeError>,
    ) -> Result<T, SerdeError> {
        let text = serde_json::to_vec(self.0).map_err(|e| SerdeError::custom(e.to_string()))?;
        codec::with_deserializer(&text, read)
    }
}

impl ShapeDeserializer for ValueDeserializer<'_> {
    fn read_struct(
        &mut self,
        schema: &Schema<'_>,
        consumer: &mut dyn FnMut(&Schema<'_>, &mut dyn ShapeDeserializer) -> Result<(), SerdeError>,
    ) -> Result<(), SerdeError> {
        let Value::Object(object) = self.0 else {
            return self.by_codec(|de| de.read_struct(schema, consumer));
        };
        for (key, value) in object {
            let member = schema.member_schema(key);
            match (member, value) {
                // The codec skips null members, documents apart.
                (m, Value::Null) if !m.is_some_and(|m| m.shape_type() == ShapeType::Document) => {}
                (Some(member), value) => consumer(member, &mut ValueDeserializer(value))?,
                // A protocol discriminator, never a member.
                (None, _) if key == "__type" => {}
                (None, value) => consumer(&aws_smithy_schema::prelude::DOCUMENT, &mut ValueDeserializer(value))?,
            }
        }
        Ok(())
    }

    fn read_list(
        &mut self,
        schema: &Schema<'_>,
        consumer: &mut dyn FnMut(&mut dyn ShapeDeserializer) -> Result<(), SerdeError>,
    ) -> Result<(), SerdeError> {
        let Value::Array(items) = self.0 else {
            return self.by_codec(|de| de.read_list(schema, consumer));
        };
        for item in items {
            consumer(&mut ValueDeserializer(item))?;
        }
        Ok(())
    }

    fn read_map(
        &mut self,
        schema: &Schema<'_>,
        consumer: &mut dyn FnMut(String, &mut dyn ShapeDeserializer) -> Result<(), SerdeError>,
    ) -> Result<(), SerdeError> {
        let Value::Object(entries) = self.0 else {
            return self.by_codec(|de| de.read_map(schema, consumer));
        };
        for (key, value) in entries {
            consumer(key.clone(), &mut ValueDeserializer(value))?;
        }
        Ok(())
    }

    fn read_boolean(&mut self, schema: &Schema<'_>) -> Result<bool, SerdeError> {
        match self.0 {
            Value::Bool(b) => Ok(*b),
            _ => self.by_codec(|de| de.read_boolean(schema)),
        }
    }

    fn read_byte(&mut self, schema: &Schema<'_>) -> Result<i8, SerdeError> {
        self.by_codec(|de| de.read_byte(schema))
    }

    fn read_short(&mut self, schema: &Schema<'_>) -> Result<i16, SerdeError> {
        self.by_codec(|de| de.read_short(schema))
    }

    fn read_integer(&mut self, schema: &Schema<'_>) -> Result<i32, SerdeError> {
        // `as_i64` is `Some` for integers only, never for a float.
        match self.0.as_i64().and_then(|n| i32::try_from(n).ok()) {
            Some(n) => Ok(n),
            None => self.by_codec(|de| de.read_integer(schema)),
        }
    }

    fn read_long(&mut self, schema: &Schema<'_>) -> Result<i64, SerdeError> {
        match self.0.as_i64() {
            Some(n) => Ok(n),
            None => self.by_codec(|de| de.read_long(schema)),
        }
    }

    fn read_float(&mut self, schema: &Schema<'_>) -> Result<f32, SerdeError> {
        self.by_codec(|de| de.read_float(schema))
    }

    fn read_double(&mut self, schema: &Schema<'_>) -> Result<f64, SerdeError> {
        self.by_codec(|de| de.read_double(schema))
    }

    fn read_big_integer(&mut self, schema: &Schema<'_>) -> Result<BigInteger, SerdeError> {
        self.by_codec(|de| de.read_big_integer(schema))
    }

    fn read_big_decimal(&mut self, schema: &Schema<'_>) -> Result<BigDecimal, SerdeError> {
        self.by_codec(|de| de.read_big_decimal(schema))
    }

    fn read_string(&mut self, schema: &Schema<'_>) -> Result<String, SerdeError> {
        match self.0 {
            Value::String(s) => Ok(s.clone()),
            _ => self.by_codec(|de| de.read_string(schema)),
        }
    }

    fn read_blob(&mut self, schema: &Schema<'_>) -> Result<Blob, SerdeError> {
        self.by_codec(|de| de.read_blob(schema))
    }

    fn read_timestamp(&mut self, schema: &Schema<'_>) -> Result<DateTime, SerdeError> {
        self.by_codec(|de| de.read_timestamp(schema))
    }

    fn read_document(&mut self, schema: &Schema<'_>) -> Result<Document, SerdeError> {
        self.by_codec(|de| de.read_document(schema))
    }

    fn is_null(&self) -> bool {
        self.0.is_null()
    }

    fn read_null(&mut self) -> Result<(), SerdeError> {
        Ok(())
    }

    fn skip_value(&mut self) -> Result<(), SerdeError> {
        Ok(())
    }

    fn container_size(&self) -> Option<usize> {
        match self.0 {
            Value::Array(items) => Some(items.len()),
            Value::Object(entries) => Some(entries.len()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_organizations::operation as op;

    /// Decoding from the parsed value gives what the codec gives from the
    /// same text, for every kind of member the inputs have.
    #[test]
    fn the_value_decodes_as_the_codec_decodes_the_text() {
        fn same<I: std::fmt::Debug>(
            text: &str,
            deserialize: fn(
                &mut dyn aws_smithy_schema::serde::ShapeDeserializer,
            ) -> Result<I, aws_smithy_schema::serde::SerdeError>,
        ) {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            let from_value = super::decode(&value, deserialize).map(|i| format!("{i:?}"));
            let from_text = crate::wire::codec::decode(text.as_bytes(), deserialize).map(|i| format!("{i:?}"));
            assert_eq!(from_value, from_text, "{text}");
        }
        same(
            r#"{"Email":"a@example.com","AccountName":"a","IamUserAccessToBilling":"ALLOW","Tags":[{"Key":"k","Value":"v"}],"Unknown":{"x":[1,null]},"__type":"x","RoleName":null}"#,
            op::create_account::CreateAccountInput::deserialize,
        );
        same(
            r#"{"Type":"BILLING","Target":{"Id":"123456789012","Type":"ACCOUNT"},"StartTimestamp":1767225600.5,"SourceName":"s","Notes":"n\u00e9"}"#,
            op::invite_organization_to_transfer_responsibility::InviteOrganizationToTransferResponsibilityInput::deserialize,
        );
        same(
            r#"{"MaxResults":5,"NextToken":"t"}"#,
            op::list_accounts::ListAccountsInput::deserialize,
        );
        same(
            r#"{"MaxResults":5.5}"#,
            op::list_accounts::ListAccountsInput::deserialize,
        );
        same(
            r#"{"MaxResults":99999999999}"#,
            op::list_accounts::ListAccountsInput::deserialize,
        );
        same(
            r#"{"MaxResults":"5"}"#,
            op::list_accounts::ListAccountsInput::deserialize,
        );
        same(
            r#"{"AccountId":12}"#,
            op::describe_account::DescribeAccountInput::deserialize,
        );
        same(
            r#"{"TagKeys":["a","b"],"ResourceId":"r"}"#,
            op::untag_resource::UntagResourceInput::deserialize,
        );
    }

    // Every kind of shape, for the methods no Organizations input reaches
    // (bytes, shorts, longs, floats, doubles, big numbers, blobs, documents,
    // maps, booleans): a test structure with one member of each.
    use aws_smithy_schema::serde::{SerdeError, ShapeDeserializer};
    use aws_smithy_schema::{prelude, shape_id, Schema, ShapeType};

    macro_rules! member {
        ($name:literal, $index:literal, $kind:ident) => {
            Schema::new_member(shape_id!("test", "Every", $name), ShapeType::$kind, $name, $index)
        };
    }
    static NESTED_X: Schema<'static> = member!("x", 0, String);
    static NESTED: Schema<'static> =
        Schema::new_struct(shape_id!("test", "Nested"), ShapeType::Structure, &[&NESTED_X]);
    static S: Schema<'static> = member!("s", 0, String);
    static B: Schema<'static> = member!("b", 1, Boolean);
    static BY: Schema<'static> = member!("by", 2, Byte);
    static SH: Schema<'static> = member!("sh", 3, Short);
    static I: Schema<'static> = member!("i", 4, Integer);
    static L: Schema<'static> = member!("l", 5, Long);
    static F: Schema<'static> = member!("f", 6, Float);
    static D: Schema<'static> = member!("d", 7, Double);
    static BI: Schema<'static> = member!("bi", 8, BigInteger);
    static BD: Schema<'static> = member!("bd", 9, BigDecimal);
    static BL: Schema<'static> = member!("bl", 10, Blob);
    static TS: Schema<'static> = member!("ts", 11, Timestamp);
    static DOC: Schema<'static> = member!("doc", 12, Document);
    static LIST: Schema<'static> = member!("list", 13, List).with_list_member(&prelude::STRING);
    static MAP: Schema<'static> = member!("map", 14, Map).with_map_members(&prelude::STRING, &prelude::INTEGER);
    static NEST: Schema<'static> = member!("nested", 15, Structure);
    static EVERY: Schema<'static> = Schema::new_struct(
        shape_id!("test", "Every"),
        ShapeType::Structure,
        &[
            &S, &B, &BY, &SH, &I, &L, &F, &D, &BI, &BD, &BL, &TS, &DOC, &LIST, &MAP, &NEST,
        ],
    );

    /// A document as text with its objects' keys in order (a document's
    /// objects are hash maps, whose `Debug` order varies).
    fn document_text(doc: &aws_smithy_types::Document) -> String {
        use aws_smithy_types::Document;
        match doc {
            Document::Object(entries) => {
                let mut entries: Vec<_> = entries
                    .iter()
                    .map(|(k, v)| format!("{k:?}:{}", document_text(v)))
                    .collect();
                entries.sort();
                format!("{{{}}}", entries.join(","))
            }
            Document::Array(items) => format!("[{}]", items.iter().map(document_text).collect::<Vec<_>>().join(",")),
            other => format!("{other:?}"),
        }
    }

    /// Reads the value `schema` describes as generated SDK code does (a null
    /// checked first, then read by its kind), and writes down every value
    /// read and every container size announced, so two deserializers can be
    /// compared on everything they tell a consumer. Members and map entries
    /// are sorted: the order of a JSON object's keys means nothing.
    fn read(schema: &Schema<'_>, de: &mut dyn ShapeDeserializer) -> Result<String, SerdeError> {
        let size = de.container_size();
        if de.is_null() {
            de.read_null()?;
            return Ok(format!("null(size {size:?})"));
        }
        let value = match schema.shape_type() {
            ShapeType::Structure => {
                let target = if schema.member_name().is_some() {
                    &NESTED
                } else {
                    schema
                };
                let mut members = Vec::new();
                de.read_struct(target, &mut |member, de| {
                    let name = member.member_name().unwrap_or("(not a member)");
                    members.push(format!("{name}={}", read(member, de)?));
                    Ok(())
                })?;
                members.sort();
                format!("{{{}}}", members.join(","))
            }
            ShapeType::List => {
                let element = schema.member().expect("a list member");
                let mut items = Vec::new();
                de.read_list(schema, &mut |de| {
                    items.push(read(element, de)?);
                    Ok(())
                })?;
                format!("[{}]", items.join(","))
            }
            ShapeType::Map => {
                let value = schema.member().expect("a map value");
                let mut entries = Vec::new();
                de.read_map(schema, &mut |key, de| {
                    entries.push(format!("{key}={}", read(value, de)?));
                    Ok(())
                })?;
                entries.sort();
                format!("map{{{}}}", entries.join(","))
            }
            ShapeType::Boolean => format!("{:?}", de.read_boolean(schema)?),
            ShapeType::Byte => format!("byte {:?}", de.read_byte(schema)?),
            ShapeType::Short => format!("short {:?}", de.read_short(schema)?),
            ShapeType::Integer => format!("integer {:?}", de.read_integer(schema)?),
            ShapeType::Long => format!("long {:?}", de.read_long(schema)?),
            ShapeType::Float => format!("float {:?}", de.read_float(schema)?),
            ShapeType::Double => format!("double {:?}", de.read_double(schema)?),
            ShapeType::BigInteger => format!("{:?}", de.read_big_integer(schema)?),
            ShapeType::BigDecimal => format!("{:?}", de.read_big_decimal(schema)?),
            ShapeType::String => format!("{:?}", de.read_string(schema)?),
            ShapeType::Blob => format!("{:?}", de.read_blob(schema)?),
            ShapeType::Timestamp => format!("{:?}", de.read_timestamp(schema)?),
            ShapeType::Document => document_text(&de.read_document(schema)?),
            other => panic!("no {other:?} in the test schema"),
        };
        Ok(format!("{value}(size {size:?})"))
    }

    /// What reading `text` as the test structure gives from its parsed value
    /// and from the text with the codec.
    fn both(text: &str) -> (Result<String, String>, Result<String, String>) {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let from_value = read(&EVERY, &mut super::ValueDeserializer(&value)).map_err(|e| e.to_string());
        let from_text =
            crate::wire::codec::with_deserializer(text.as_bytes(), |de| read(&EVERY, de)).map_err(|e| e.to_string());
        (from_value, from_text)
    }

    /// The module's contract for every kind of shape, null, `__type` and
    /// unknown members: the value decodes (or fails) as the codec decodes
    /// (or fails on) the same text.
    #[test]
    fn every_kind_of_value_decodes_as_the_codec_decodes_its_text() {
        let decoded = [
            r#"{"s":"h\u00e9\n\"","b":true,"by":-7,"sh":300,"i":-70000,"l":5000000000,"f":2.5,"d":-0.125,"bi":123,"bd":12.5,"bl":"aGk=","ts":1767225600.5,"doc":{"a":[1,null,"x",{"b":false}],"c":-2.5},"list":["a",null,"b"],"map":{"k":3,"n":null},"nested":{"x":"y","__type":"t","u":[1]},"__type":"test#Every","unknown":{"z":1},"gone":null}"#,
            // Null members are skipped, a document's apart.
            r#"{"s":null,"doc":null,"gone":null,"b":false,"by":5,"sh":-2,"i":7,"l":-5,"f":-1.5,"d":3,"bi":-45,"bd":"0.5","bl":"","doc2":null}"#,
            r#"{"doc":"text","list":[],"map":{}}"#,
            r#"{"doc":true,"nested":{}}"#,
            r#"{"doc":[]}"#,
            r#"{"doc":18446744073709551615}"#,
            r#"{}"#,
        ];
        let failing = [
            r#"{"b":"true"}"#,
            r#"{"b":1}"#,
            r#"{"by":300}"#,
            r#"{"by":1.5}"#,
            r#"{"sh":70000}"#,
            r#"{"i":1.5}"#,
            r#"{"i":99999999999}"#,
            r#"{"i":"1"}"#,
            r#"{"l":1.5}"#,
            r#"{"l":18446744073709551615}"#,
            r#"{"f":"x"}"#,
            r#"{"d":[1]}"#,
            r#"{"bi":"x"}"#,
            r#"{"bd":true}"#,
            r#"{"bl":"!!"}"#,
            r#"{"bl":5}"#,
            r#"{"ts":"x"}"#,
            r#"{"s":5}"#,
            r#"{"list":"x"}"#,
            r#"{"list":[1]}"#,
            r#"{"map":[1]}"#,
            r#"{"map":{"k":"v"}}"#,
            r#"{"nested":3}"#,
            r#"{"nested":{"x":1}}"#,
        ];
        for text in decoded {
            let (from_value, from_text) = both(text);
            assert!(from_text.is_ok(), "{text}: {from_text:?}");
            assert_eq!(from_value, from_text, "{text}");
        }
        for text in failing {
            let (from_value, from_text) = both(text);
            assert!(from_text.is_err(), "{text}: {from_text:?}");
            assert_eq!(from_value, from_text, "{text}");
        }
    }
}
