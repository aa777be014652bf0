//! What compressed and encrypted attributes transform: a value of their kind as plaintext bytes
//! (pynamodb_mate's rules, [`crate::kind`]) and back, plus the B value that holds the result.

use super::fault::Fault;
use super::tree::{Node, Str, Tree};
use super::wire::{self, Val};
use crate::base64;
use crate::error::{Error, ErrorCode};
use crate::kind::{self, Kind};
use crate::pyjson;
use alloc::{borrow::Cow, string::String, vec::Vec};

/// What a value of `kind` must be, for E_ITEM_TYPE messages.
pub(crate) fn expected(kind: Kind) -> &'static str {
    match kind {
        Kind::String => "a string",
        Kind::Binary => "a Uint8Array",
        Kind::Number | Kind::Int | Kind::Float => "a number or BigInt",
        Kind::Json => "a JSON value",
    }
}

/// The plaintext of a (non-null) value; `ty` names the attribute type in messages.
pub(crate) fn plaintext(
    tree: &Tree<'_>,
    node: Node<'_>,
    kind: Kind,
    ensure_ascii: bool,
    ty: &'static str,
) -> Result<Vec<u8>, Fault> {
    let val = wire::read(tree, node)?;
    let wrong = |val: &Val<'_, '_>| {
        Fault::new(
            ErrorCode::ItemType,
            alloc::format!(
                "expected {}, got {} ({ty} attribute)",
                expected(kind),
                val.describe()
            ),
        )
    };
    match (kind, val) {
        (Kind::String, Val::Str(s)) => Ok(s.into_owned().into_bytes()),
        (Kind::Binary, Val::Bytes(b)) => base64::decode(&b).ok_or_else(|| {
            Fault::new(
                ErrorCode::ItemValue,
                "invalid base64 in a bytes tag (canonical padded base64 expected)",
            )
        }),
        (Kind::Number | Kind::Int | Kind::Float, Val::Number(_)) | (Kind::Json, _) => {
            let value = wire::to_json(tree, node)?;
            kind::json_plaintext(kind, value, ensure_ascii).map_err(|e| value_fault(&e))
        }
        (_, val) => Err(wrong(&val)),
    }
}

/// Plaintext that the kind refuses (a fraction for an int kind, NaN where JSON may not hold it).
fn value_fault(e: &Error) -> Fault {
    let code = match e.code() {
        ErrorCode::JsonType | ErrorCode::JsonSurrogate => ErrorCode::ItemValue,
        code => code,
    };
    Fault::new(code, String::from(e.message()))
}

/// Writes `{"B":"\u0000b<base64>"}` and returns DynamoDB's size of the value.
pub(crate) fn write_binary(out: &mut String, stored: &[u8]) -> usize {
    out.push_str("{\"B\":\"\\u0000b");
    base64::encode(out, stored);
    out.push_str("\"}");
    stored.len()
}

/// The bytes of a stored B value (a `\u0000b<base64>` tag).
pub(crate) fn stored_bytes(v: Node<'_>) -> Result<Vec<u8>, Fault> {
    let body = match v {
        Node::Str(t) => match t.read() {
            Ok(Str::Tagged('b', body)) => Some(body),
            _ => None,
        },
        _ => None,
    };
    body.as_deref()
        .and_then(base64::decode)
        .ok_or_else(|| stored("B is not a bytes tag with canonical padded base64"))
}

/// Writes the wire JSON of a decoded plaintext of `kind`.
pub(crate) fn write_value(out: &mut String, kind: Kind, plaintext: Vec<u8>) -> Result<(), Fault> {
    match kind {
        Kind::Binary => {
            out.push_str("\"\\u0000b");
            base64::encode(out, &plaintext);
            out.push('"');
        }
        Kind::String => {
            let text =
                String::from_utf8(plaintext).map_err(|_| stored("the stored text is not UTF-8"))?;
            pyjson::write_string(out, &text);
        }
        _ => {
            let value = kind::json_value(kind, &plaintext).map_err(|e| {
                stored(match e.code() {
                    ErrorCode::JsonType => {
                        Cow::Borrowed("the stored value does not fit the attribute's kind")
                    }
                    _ => Cow::Owned(alloc::format!(
                        "the stored value is not JSON ({})",
                        e.message()
                    )),
                })
            })?;
            pyjson::write_wire(out, &value);
        }
    }
    Ok(())
}

fn stored(problem: impl Into<Cow<'static, str>>) -> Fault {
    Fault::new(ErrorCode::ItemStored, problem)
}

/// A codec error (gzip, cipher) at this attribute, keeping its code and message.
pub(crate) fn fault(e: Error) -> Fault {
    Fault::new(e.code(), String::from(e.message()))
}
