//! The awsJson1.1 codec, a leaf: decoding inputs and encoding outputs with
//! the SDK's schema-based JSON codec, the error envelope, the body's JSON
//! and the operation name in `X-Amz-Target`.
//!
//! Inputs are decoded into the SDK's own input types and outputs encoded from
//! the SDK's own output types, through their schemas and the SDK's JSON codec
//! (member names as modeled, timestamps as epoch seconds). Errors are encoded
//! as AWS sends them: `{"__type": code, "Message": ..., <members>}`.

use std::sync::LazyLock;

use aws_smithy_json::codec::{JsonCodec, JsonCodecSettings};
use aws_smithy_schema::codec::Codec;
use aws_smithy_schema::serde::{SerdeError, SerializableStruct, ShapeDeserializer, ShapeSerializer};

use crate::wire::error::{ApiError, ApiResult};

/// The prefix of every `X-Amz-Target` header of this service.
pub(crate) const TARGET_PREFIX: &str = "AWSOrganizationsV20161128.";

static CODEC: LazyLock<JsonCodec> =
    LazyLock::new(|| JsonCodec::new(JsonCodecSettings::builder().use_json_name(false).build()));

/// What the protocol layer answers: a status, a JSON body and, for errors, the code.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    /// HTTP status.
    pub status: u16,
    /// The JSON body, shared (not copied) by the HTTP response and the call log.
    pub body: bytes::Bytes,
    /// The error code, when the reply is an error.
    pub error_code: Option<String>,
}

impl Reply {
    /// A 200 reply with `body`.
    pub(crate) fn ok(body: Vec<u8>) -> Self {
        let body = body.into();
        Reply {
            status: 200,
            body,
            error_code: None,
        }
    }

    /// The error envelope for `err`.
    pub(crate) fn error(err: &ApiError) -> Self {
        Reply {
            status: err.http_status(),
            body: encode_error(err).into(),
            error_code: Some(err.code().to_string()),
        }
    }
}

/// Encodes an error as AWS's awsJson1.1 envelope.
pub(crate) fn encode_error(err: &ApiError) -> Vec<u8> {
    let mut map = serde_json::Map::new();
    map.insert("__type".into(), err.code().into());
    map.insert("Message".into(), err.message().into());
    for (name, value) in err.members() {
        map.insert(name.into(), value.into());
    }
    // Cannot fail: a JSON map of strings has nothing serde_json refuses.
    serde_json::to_vec(&serde_json::Value::Object(map)).expect("a map of strings always encodes")
}

pub(crate) fn serialization_error(detail: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        "SerializationException",
        format!("The request body could not be read as this operation's input: {detail}"),
    )
}

/// Decodes `body` into an SDK input type with its schema-based deserializer.
pub(crate) fn decode<I>(
    body: &[u8],
    deserialize: fn(&mut dyn ShapeDeserializer) -> Result<I, SerdeError>,
) -> ApiResult<I> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    let mut de = CODEC.create_deserializer(body);
    deserialize(&mut de).map_err(serialization_error)
}

/// Runs `read` on the SDK's JSON codec's deserializer over `text`.
pub(crate) fn with_deserializer<T>(
    text: &[u8],
    read: impl FnOnce(&mut dyn ShapeDeserializer) -> Result<T, SerdeError>,
) -> Result<T, SerdeError> {
    read(&mut CODEC.create_deserializer(text))
}

/// Encodes an SDK output type with its schema-based serializer.
pub(crate) fn encode(output: &dyn SerializableStruct) -> ApiResult<Vec<u8>> {
    let mut ser = CODEC.create_serializer();
    ser.write_struct(output.schema(), output)
        .map_err(|e| ApiError::new("ServiceException", format!("the mock could not encode its output: {e}")))?;
    Ok(ser.finish())
}

/// Parses a request body as the JSON object awsJson1.1 requires. An empty body
/// is an empty object.
pub(crate) fn parse_body(body: &[u8]) -> ApiResult<serde_json::Value> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::Value::Object(Default::default()));
    }
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(v @ serde_json::Value::Object(_)) => Ok(v),
        Ok(_) => Err(serialization_error("the body must be a JSON object")),
        Err(e) => Err(serialization_error(e)),
    }
}

/// The operation name in an `X-Amz-Target` header, or AWS's error for a
/// missing or foreign target.
pub(crate) fn operation_name(target: Option<&str>) -> ApiResult<&str> {
    match target {
        None => Err(ApiError::new(
            "UnknownOperationException",
            "The request has no X-Amz-Target header naming an operation.",
        )),
        Some(t) => t.strip_prefix(TARGET_PREFIX).ok_or_else(|| {
            ApiError::new(
                "UnknownOperationException",
                format!("'{t}' is not an operation of AWS Organizations (targets start with '{TARGET_PREFIX}')."),
            )
        }),
    }
}
