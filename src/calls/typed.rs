//! The typed face of every operation: the SDK's own fluent builder names the
//! operation (`Client::create_account`), and through it its input, output and
//! error types. The impls are derived from the one operation table
//! ([`crate::operations::table`]) and serve the typed rules, expectations and
//! recordings.

use std::error::Error as StdError;
use std::fmt::Debug;

use aws_sdk_organizations::operation as op;
use aws_smithy_json::protocol::aws_json_rpc::AwsJsonRpcProtocol;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::CreateUnhandledError;
use aws_smithy_runtime_api::client::runtime_plugin::RuntimePlugin;
use aws_smithy_runtime_api::client::ser_de::{DeserializeResponse, SharedResponseDeserializer};
use aws_smithy_schema::protocol::SharedClientProtocol;
use aws_smithy_schema::serde::SerializableStruct;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::{ConfigBag, FrozenLayer, Layer};
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use crate::calls::mock_error::MockError;
use crate::calls::operation::Operation;
use crate::wire::codec;
use crate::wire::error::{ApiError, ApiResult};

mod sealed {
    pub trait Sealed {}
}

/// One operation of AWS Organizations, named by the SDK's fluent builder
/// type that its `Client` method returns (for example
/// [`CreateAccountFluentBuilder`](aws_sdk_organizations::operation::create_account::builders::CreateAccountFluentBuilder)
/// for `Client::create_account`). You never name it: pass the client's method,
/// as in `mock.on(Client::create_account)`.
///
/// Implemented for all 63 operations, and sealed.
pub trait SdkOperation: sealed::Sealed + Clone + 'static {
    /// AWS's name of the operation, e.g. `"CreateAccount"`.
    const NAME: &'static str;
    /// The operation, e.g. [`Operation::CreateAccount`]: what
    /// [`RecordedCall::operation`](crate::RecordedCall::operation) returns for its calls.
    const OPERATION: Operation;
    /// The SDK's input type, e.g. `CreateAccountInput`.
    type Input: Debug + Send + Sync + 'static;
    /// The SDK's output type, e.g. `CreateAccountOutput`.
    type Output: SerializableStruct + Debug + Send + Sync + 'static;
    /// The SDK's error type, e.g. `CreateAccountError`.
    type Error: StdError + CreateUnhandledError + Debug + Send + Sync + 'static;

    /// Decodes an awsJson1.1 request body with the SDK's own deserializer.
    #[doc(hidden)]
    fn decode_input(body: &[u8]) -> ApiResult<Self::Input>;

    /// The SDK's own response deserializer for this operation.
    #[doc(hidden)]
    fn response_deserializer() -> Option<FrozenLayer>;
}

/// A fault for operation `O`: a [`MockError`], or `O`'s own modeled error
/// (e.g. `CreateAccountError::ConstraintViolationException(..)` for
/// `Client::create_account`). An error type of another operation is not one.
pub trait IntoFault<O>: sealed::Sealed {
    /// The fault as the mock sends it.
    #[doc(hidden)]
    fn into_fault(self) -> MockError;
}

impl sealed::Sealed for MockError {}

impl<O> IntoFault<O> for MockError {
    fn into_fault(self) -> MockError {
        self
    }
}

/// Every operation at once: what [`on_any`](crate::MockOrganizations::on_any)
/// and [`expect_any`](crate::MockOrganizations::expect_any) select.
#[derive(Clone, Copy, Debug)]
pub struct AnyOperation;

/// Decodes a recorded answer of operation `O` with the SDK's own response
/// deserializer: exactly what the SDK made of it.
pub(crate) fn decode_response<O: SdkOperation>(status: u16, body: &bytes::Bytes) -> Result<O::Output, O::Error> {
    let unhandled = |why: String| O::Error::create_unhandled_error(why.into(), None);
    let Some(layer) = O::response_deserializer() else {
        return Err(unhandled(format!(
            "the SDK has no response deserializer for {}",
            O::NAME
        )));
    };
    let Some(deserializer) = layer.load::<SharedResponseDeserializer>() else {
        return Err(unhandled(format!(
            "the SDK has no response deserializer for {}",
            O::NAME
        )));
    };
    let mut protocol = Layer::new("aws-organizations-mock");
    protocol.store_put(SharedClientProtocol::new(
        AwsJsonRpcProtocol::aws_json_1_1().with_default_namespace("com.amazonaws.organizations"),
    ));
    let mut config = ConfigBag::of_layers(vec![protocol]);
    config.push_shared_layer(layer.clone());
    let Ok(status) = aws_smithy_runtime_api::http::StatusCode::try_from(status) else {
        return Err(unhandled(format!("the recorded status {status} is not an HTTP status")));
    };
    let response = HttpResponse::new(status, SdkBody::from(body.clone()));
    match deserializer.deserialize_nonstreaming_with_config(&response, &config) {
        Ok(output) => output
            .downcast::<O::Output>()
            .map_err(|_| unhandled(format!("the SDK decoded the answer of {} as another type", O::NAME))),
        Err(err) => {
            let described = err.to_string();
            let mut operation_error = None;
            let _ = err.map_operation_error(|e| operation_error = Some(e));
            match operation_error {
                Some(err) => Err(err.downcast::<O::Error>().unwrap_or_else(|_| {
                    unhandled(format!("the SDK decoded the error of {} as another type", O::NAME))
                })),
                None => Err(unhandled(described)),
            }
        }
    }
}

/// The modeled error `error` (an operation's error enum) as the mock sends
/// it: its exception's members encoded by the SDK's codec, in AWS's envelope.
/// An unhandled error (`XError::generic(metadata)`) is sent with the code
/// and message of its metadata.
fn modeled_fault<E: StdError + ProvideErrorMetadata + 'static>(error: &E) -> MockError {
    let api = error.source().and_then(crate::wire::modeled::encode_exception);
    MockError::api(api.unwrap_or_else(|| match error.code() {
        Some(code) => ApiError::new(code, error.message().unwrap_or_default()),
        None => ApiError::new(
            "ServiceException",
            format!("aws-organizations-mock cannot send this error (it has no error code): {error}"),
        ),
    }))
}

macro_rules! sdk_operations {
    ($($name:ident => $module:ident { $fluent:ident, $input:ident, $output:ident, $error:ident } $access:ident $family:ident::$handler:ident;)*) => {
        $(
            impl sealed::Sealed for op::$module::builders::$fluent {}

            impl SdkOperation for op::$module::builders::$fluent {
                const NAME: &'static str = stringify!($name);
                const OPERATION: Operation = Operation::$name;
                type Input = op::$module::$input;
                type Output = op::$module::$output;
                type Error = op::$module::$error;

                fn decode_input(body: &[u8]) -> ApiResult<Self::Input> {
                    codec::decode(body, op::$module::$input::deserialize)
                }

                fn response_deserializer() -> Option<FrozenLayer> {
                    op::$module::$name::new().config()
                }
            }

            impl sealed::Sealed for op::$module::$error {}

            impl IntoFault<op::$module::builders::$fluent> for op::$module::$error {
                fn into_fault(self) -> MockError {
                    modeled_fault(&self)
                }
            }
        )*
    };
}

crate::operations::table::operation_table!(sdk_operations);

macro_rules! output_codecs {
    ($($name:ident => $module:ident { $fluent:ident, $input:ident, $output:ident, $error:ident } $access:ident $family:ident::$handler:ident;)*) => {
        /// `json` read as `operation`'s output by the SDK's own deserializer
        /// and encoded again as the model's answers are: what a rule written
        /// as data answers with (`None`: not an Organizations operation;
        /// `Err`: the SDK cannot read it, and why).
        pub(crate) fn reencode_output(operation: Operation, json: &[u8]) -> Option<Result<Vec<u8>, String>> {
            match operation {
                $(Operation::$name => Some(
                    codec::with_deserializer(json, |de| op::$module::$output::deserialize(de))
                        .map_err(|e| e.to_string())
                        .and_then(|output| codec::encode(&output).map_err(|e| e.message().to_string())),
                ),)*
                _ => None,
            }
        }
    };
}

crate::operations::table::operation_table!(output_codecs);

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_organizations::operation::create_account::builders::CreateAccountFluentBuilder;
    use aws_sdk_organizations::operation::disable_aws_service_access::builders::DisableAWSServiceAccessFluentBuilder;

    #[test]
    fn an_operations_name_is_its_operations_name() {
        assert_eq!(CreateAccountFluentBuilder::OPERATION, Operation::CreateAccount);
        assert_eq!(
            CreateAccountFluentBuilder::OPERATION.as_str(),
            CreateAccountFluentBuilder::NAME
        );
        assert_eq!(
            DisableAWSServiceAccessFluentBuilder::OPERATION.as_str(),
            DisableAWSServiceAccessFluentBuilder::NAME
        );
    }
}
