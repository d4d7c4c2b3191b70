//! Decoding an SDK input type from the request's already-parsed JSON
//! (`serde_json::Value`), so the body is parsed once: the same value is
//! validated against the model and then decoded here.
//!
//! Structures, lists, maps, strings, booleans and in-range integers are read
//! from the value directly. Every other scalar (timestamps, floats, blobs,
//! documents, out-of-range numbers and type mismatches) is handed, as its own
//! small JSON text, to the SDK's JSON codec ([`crate::wire::codec`]), so it decodes
//! (or fails) exactly as it did when the codec read the whole body.

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
        match self.0.as_i64().and_then(|n| i32::try_from(n).ok()) {
            Some(n) if self.0.is_i64() || self.0.is_u64() => Ok(n),
            _ => self.by_codec(|de| de.read_integer(schema)),
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
}
