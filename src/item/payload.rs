//! What compressed and encrypted attributes transform: a value of their kind as plaintext bytes
//! (pynamodb_mate's rules, [`crate::kind`]) and back, plus the B value that holds the result.

use super::fault::Fault;
use super::js_value::{self, Val};
use super::stream::output::Out;
use super::tree::{Node, Str, Tree};
use crate::base64;
use crate::error::{Error, ErrorCode};
use crate::kind::{self, Kind};
use crate::pyjson::Value;
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
    let val = js_value::read(tree, node)?;
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
        (Kind::Binary, Val::Bytes(b)) => Ok(b.get()?.into_owned()),
        (Kind::Number | Kind::Int | Kind::Float, Val::Number(_)) | (Kind::Json, _) => {
            let value = js_value::to_json(tree, node)?;
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

/// The bytes of a stored B value (stream bytes, or a `\u0000b<base64>` tag in JSON).
pub(crate) fn stored_bytes<'a>(v: Node<'a>) -> Result<Cow<'a, [u8]>, Fault> {
    let bytes = match v {
        Node::Bytes(b) => Some(Cow::Borrowed(b)),
        Node::Str(t) => match t.read() {
            Ok(Str::Tagged('b', body)) => base64::decode(&body).map(Cow::Owned),
            _ => None,
        },
        _ => None,
    };
    bytes.ok_or_else(|| stored("B is not a bytes tag with canonical padded base64"))
}

/// Writes the value of a decoded plaintext of `kind`.
pub(crate) fn write_value(out: &mut Out, kind: Kind, plaintext: Vec<u8>) -> Result<(), Fault> {
    match kind {
        Kind::Binary => out.bytes(&plaintext),
        Kind::String => {
            let text =
                String::from_utf8(plaintext).map_err(|_| stored("the stored text is not UTF-8"))?;
            out.str(&text);
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
            // A `float` kind's value is a float anyway: whole ones stay plain numbers.
            write_json(out, &value, kind != Kind::Float);
        }
    }
    Ok(())
}

/// Writes a Python JSON value as wire values (`pyjson::to_wire`'s rules: ints beyond JS's exact
/// range as BigInt tags; NaN, infinities and, when `keep_type`, whole floats as float tags).
pub(crate) fn write_json(out: &mut Out, value: &Value, keep_type: bool) {
    match value {
        Value::Null => out.null(),
        Value::Bool(b) => out.bool(*b),
        Value::Int(i) if i.is_safe_js_integer() => out.num(i.as_str()),
        Value::Int(i) => out.tagged(b'i', i.as_str()),
        Value::Float(x) => out.float(*x, keep_type),
        Value::Str(s) => out.str(s),
        Value::List(items) => {
            out.list();
            for item in items {
                write_json(out, item, keep_type);
            }
            out.end();
        }
        Value::Dict(entries) => {
            out.map();
            for (key, item) in entries {
                out.str(key);
                write_json(out, item, keep_type);
            }
            out.end();
        }
    }
}

fn stored(problem: impl Into<Cow<'static, str>>) -> Fault {
    Fault::new(ErrorCode::ItemStored, problem)
}

/// A codec error (gzip, cipher) at this attribute, keeping its code and message.
pub(crate) fn fault(e: Error) -> Fault {
    Fault::new(e.code(), String::from(e.message()))
}
