//! The awsQuery protocol as STS speaks it: form-encoded requests
//! (`Action=AssumeRole&Version=2011-06-15&...`) and XML responses.
//!
//! Shapes are STS's (botocore `sts/2011-06-15/service-2.json`, the AWS SDK for
//! Rust's `aws-sdk-sts` deserializers): `<{Action}Response
//! xmlns="https://sts.amazonaws.com/doc/2011-06-15/">` holding
//! `<{Action}Result>` and `<ResponseMetadata><RequestId>`; errors as
//! `<ErrorResponse><Error><Type>Sender</Type><Code>..</Code><Message>..</Message></Error><RequestId>..</RequestId></ErrorResponse>`.

use crate::wire::codec::Reply;

/// STS's API version, the only one there is.
pub(crate) const VERSION: &str = "2011-06-15";

/// The model's `xmlNamespace`.
const XMLNS: &str = "https://sts.amazonaws.com/doc/2011-06-15/";

/// One STS request: its action and its parameters, in the order sent.
#[derive(Clone, Debug)]
pub(crate) struct Call {
    /// `Action=`, e.g. `AssumeRole`.
    pub action: String,
    /// Every parameter but `Action`.
    pub params: Vec<(String, String)>,
}

impl Call {
    /// Reads a request as an STS call: no `X-Amz-Target` (that is
    /// Organizations' awsJson1.1) and a form-encoded body with `Action=`.
    pub(crate) fn parse(target: Option<&str>, body: &[u8]) -> Option<Call> {
        if target.is_some() {
            return None;
        }
        let body = std::str::from_utf8(body).ok()?;
        let mut action = None;
        let mut params = Vec::new();
        for pair in body.trim().split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let (key, value) = (decode(key)?, decode(value)?);
            if key == "Action" {
                action = Some(value);
            } else {
                params.push((key, value));
            }
        }
        Some(Call {
            action: action?,
            params,
        })
    }

    /// A parameter's value.
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The parameters as a JSON object, for recordings and rules' predicates.
    pub(crate) fn params_json(&self) -> serde_json::Value {
        serde_json::Value::Object(
            self.params
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect(),
        )
    }
}

/// Percent-decoding of one form component (`+` is a space); `None` when it
/// is not valid percent-encoded UTF-8.
fn decode(s: &str) -> Option<String> {
    // One pass of an iterator, no index arithmetic: each byte is read once,
    // so no slip in the bookkeeping can loop forever.
    let mut bytes = s.bytes();
    let mut out = Vec::with_capacity(s.len());
    while let Some(b) = bytes.next() {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = [bytes.next()?, bytes.next()?];
                out.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
            }
            b => out.push(b),
        }
    }
    String::from_utf8(out).ok()
}

/// Escapes text for an XML element.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// An XML element tree, enough for STS's results.
pub(crate) enum Node {
    /// `<name>text</name>`.
    Text(&'static str, String),
    /// `<name>children</name>`.
    Group(&'static str, Vec<Node>),
}

impl Node {
    fn write(&self, out: &mut String) {
        match self {
            Node::Text(name, text) => out.push_str(&format!("<{name}>{}</{name}>", escape(text))),
            Node::Group(name, children) => {
                out.push_str(&format!("<{name}>"));
                for child in children {
                    child.write(out);
                }
                out.push_str(&format!("</{name}>"));
            }
        }
    }
}

/// A 200 reply: `<{action}Response>` with `<{action}Result>` and the request id.
pub(crate) fn success(action: &str, result: Vec<Node>, request_id: &str) -> Reply {
    let mut out = format!("<{action}Response xmlns=\"{XMLNS}\"><{action}Result>");
    for node in &result {
        node.write(&mut out);
    }
    out.push_str(&format!(
        "</{action}Result><ResponseMetadata><RequestId>{}</RequestId></ResponseMetadata></{action}Response>",
        escape(request_id)
    ));
    Reply::ok(out.into_bytes())
}

/// An STS error: its code, HTTP status and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StsError {
    /// E.g. `AccessDenied`, `ValidationError`.
    pub code: String,
    /// The HTTP status STS answers it with.
    pub status: u16,
    pub message: String,
}

impl StsError {
    /// `code` with `status` and `message`.
    pub(crate) fn new(code: impl Into<String>, status: u16, message: impl Into<String>) -> Self {
        StsError {
            code: code.into(),
            status,
            message: message.into(),
        }
    }

    /// The `<ErrorResponse>` reply.
    pub(crate) fn reply(&self, request_id: &str) -> Reply {
        let body = format!(
            "<ErrorResponse xmlns=\"{XMLNS}\"><Error><Type>Sender</Type><Code>{}</Code><Message>{}</Message></Error><RequestId>{}</RequestId></ErrorResponse>",
            escape(&self.code),
            escape(&self.message),
            escape(request_id)
        );
        Reply {
            status: self.status,
            body: body.into_bytes().into(),
            error_code: Some(self.code.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_decode_and_json_requests_are_not_sts() {
        let call = Call::parse(
            None,
            b"Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2FR&RoleSessionName=a+b",
        )
        .unwrap();
        assert_eq!(call.action, "AssumeRole");
        assert_eq!(call.param("RoleArn"), Some("arn:aws:iam::222222222222:role/R"));
        assert_eq!(call.param("RoleSessionName"), Some("a b"));
        assert!(Call::parse(Some("AWSOrganizationsV20161128.ListRoots"), b"Action=X").is_none());
        assert!(Call::parse(None, b"{}").is_none());
        assert!(Call::parse(None, b"Action=%ZZ").is_none());
        assert!(Call::parse(None, b"Action=GetCallerIdentity&X=%4").is_none());
        assert!(Call::parse(None, b"Action=GetCallerIdentity&X=%").is_none());
        assert_eq!(
            Call::parse(None, b"Action=GetCallerIdentity&X=%25%2B%E2%82%AC+")
                .unwrap()
                .param("X"),
            Some("%+\u{20ac} ")
        );
    }

    #[test]
    fn errors_are_escaped_xml() {
        let reply = StsError::new("ValidationError", 400, "a <b> & c").reply("r-1");
        let body = String::from_utf8(reply.body.to_vec()).unwrap();
        assert!(body.contains("<Code>ValidationError</Code><Message>a &lt;b&gt; &amp; c</Message>"));
        assert!(body.ends_with("<RequestId>r-1</RequestId></ErrorResponse>"));
        assert_eq!(reply.status, 400);
    }
}
