//! What a node of an item's input stands for as a JS value: the tags of the tagged-JSON value form
//! (`docs/wasm-interface.md`) plus the item tags `\u0000b<base64>` (bytes), `\u0000d<epoch micros>`
//! (a Date) and `{"\u0000set": [...]}` (a Set) in JSON text, or the stream form's bytes and Sets.

use super::fault::Fault;
use super::number::WireNumber;
use super::tree::{Node, Str, Text, Tree};
use crate::base64;
use crate::error::ErrorCode;
use crate::pyjson::{self, Int, Value};
use alloc::{borrow::Cow, vec::Vec};

/// A JS value as the item codec sees it; `'t` is the tree's borrow, `'a` the text's.
#[derive(Debug)]
pub(crate) enum Val<'t, 'a> {
    Null,
    Bool(bool),
    Number(WireNumber<'a>),
    Str(Cow<'a, str>),
    Bytes(Bytes<'a>),
    /// Epoch microseconds.
    Date(i64),
    Set(&'t [Node<'a>]),
    List(&'t [Node<'a>]),
    Map(&'t [(Text<'a>, Node<'a>)]),
}

/// A Uint8Array: raw (stream input) or base64 text not yet checked (JSON input).
#[derive(Debug)]
pub(crate) enum Bytes<'a> {
    Raw(&'a [u8]),
    Base64(Cow<'a, str>),
}

impl<'a> Bytes<'a> {
    /// The bytes; invalid base64 is E_ITEM_VALUE.
    pub(crate) fn get(&self) -> Result<Cow<'a, [u8]>, Fault> {
        match self {
            Bytes::Raw(b) => Ok(Cow::Borrowed(b)),
            Bytes::Base64(text) => base64::decode(text).map(Cow::Owned).ok_or_else(|| {
                invalid("invalid base64 in a bytes tag (canonical padded base64 expected)")
            }),
        }
    }
}

impl Val<'_, '_> {
    /// The JS type, for messages (never the value).
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Val::Null => "null",
            Val::Bool(_) => "a boolean",
            Val::Number(_) => "a number",
            Val::Str(_) => "a string",
            Val::Bytes(_) => "a Uint8Array",
            Val::Date(_) => "a Date",
            Val::Set(_) => "a Set",
            Val::List(_) => "an array",
            Val::Map(_) => "an object",
        }
    }
}

fn invalid(problem: &'static str) -> Fault {
    Fault::new(ErrorCode::ItemValue, problem)
}

const LONE_SURROGATE: &str = "a string has a lone UTF-16 surrogate";

/// Reads one node; malformed tags and lone surrogates are E_ITEM_VALUE.
pub(crate) fn read<'t, 'a>(tree: &'t Tree<'a>, node: Node<'a>) -> Result<Val<'t, 'a>, Fault> {
    Ok(match node {
        Node::Null => Val::Null,
        Node::Bool(b) => Val::Bool(b),
        Node::Num(literal) => Val::Number(WireNumber::Literal(literal)),
        Node::Str(text) => match text.read().map_err(|_| invalid(LONE_SURROGATE))? {
            Str::Plain(s) | Str::Tagged('s', s) => Val::Str(s),
            Str::Tagged('i', digits) => Val::Number(WireNumber::Big(digits)),
            Str::Tagged('f', number) => Val::Number(WireNumber::Float(
                pyjson::parse_js_number(&number).map_err(|_| invalid("invalid float tag"))?,
            )),
            Str::Tagged('b', base64) => Val::Bytes(Bytes::Base64(base64)),
            Str::Tagged('d', micros) => {
                Val::Date(micros.parse().map_err(|_| invalid("invalid Date"))?)
            }
            Str::Tagged(..) => return Err(invalid("unknown wire tag")),
        },
        Node::Bytes(b) => Val::Bytes(Bytes::Raw(b)),
        Node::Set(span) => Val::Set(tree.items(span)),
        Node::List(span) => Val::List(tree.items(span)),
        Node::Map(span) => {
            let entries = tree.entries(span);
            match set_elements(tree, entries) {
                Some(elements) => Val::Set(elements?),
                None => Val::Map(entries),
            }
        }
    })
}

/// The elements of a `{"\u0000set": [...]}` object; `None` for any other object.
fn set_elements<'t, 'a>(
    tree: &'t Tree<'a>,
    entries: &[(Text<'a>, Node<'a>)],
) -> Option<Result<&'t [Node<'a>], Fault>> {
    let [(key, value)] = entries else {
        return None;
    };
    if !key.is_escaped() || key.decode().ok()? != "\u{0}set" {
        return None;
    }
    Some(match value {
        Node::List(span) => Ok(tree.items(*span)),
        _ => Err(invalid("a Set tag must hold an array")),
    })
}

/// A `json` attribute's value as a Python JSON value; bytes, Dates and Sets are not JSON.
pub(crate) fn to_json(tree: &Tree<'_>, node: Node<'_>) -> Result<Value, Fault> {
    let not_json = |what: &str| {
        Fault::new(
            ErrorCode::ItemType,
            alloc::format!("{what} is not JSON (json attribute)"),
        )
    };
    let int = |text: &str| {
        Int::parse(text)
            .map(Value::Int)
            .map_err(|_| invalid("integer not representable in Python (over 4300 digits)"))
    };
    Ok(match read(tree, node)? {
        Val::Null => Value::Null,
        Val::Bool(b) => Value::Bool(b),
        Val::Number(WireNumber::Literal(lit)) if !lit.contains(['.', 'e', 'E']) => int(lit)?,
        Val::Number(WireNumber::Literal(lit)) => {
            Value::Float(lit.parse().map_err(|_| invalid("invalid number"))?)
        }
        Val::Number(WireNumber::Big(digits)) => int(&digits)?,
        Val::Number(WireNumber::Float(x)) => Value::Float(x),
        Val::Str(s) => Value::Str(s.into_owned()),
        v @ (Val::Bytes(_) | Val::Date(_) | Val::Set(_)) => return Err(not_json(v.describe())),
        Val::List(items) => Value::List(
            items
                .iter()
                .map(|item| to_json(tree, *item))
                .collect::<Result<_, _>>()?,
        ),
        Val::Map(entries) => Value::Dict(
            entries
                .iter()
                .map(|(key, value)| {
                    let key = key.decode().map_err(|_| invalid(LONE_SURROGATE))?;
                    Ok((key.into_owned(), to_json(tree, *value)?))
                })
                .collect::<Result<Vec<_>, Fault>>()?,
        ),
    })
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::item::json::input::read as parse;

    fn describe(wire: &str) -> &'static str {
        let tree = parse(wire).unwrap();
        read(&tree, *tree.root()).unwrap().describe()
    }

    fn code(wire: &str) -> ErrorCode {
        let tree = parse(wire).unwrap();
        read(&tree, *tree.root())
            .unwrap_err()
            .into_error("M")
            .code()
    }

    #[test]
    fn reads_item_tags() {
        assert_eq!(describe(r#""\u0000bZm8=""#), "a Uint8Array");
        assert_eq!(describe(r#""\u0000d-1""#), "a Date");
        assert_eq!(describe(r#"{"\u0000set": ["a"]}"#), "a Set");
        assert_eq!(describe(r#"{"\u0000set": [], "b": 1}"#), "an object");
        assert_eq!(describe(r#"{"set": []}"#), "an object");
        assert_eq!(describe(r#""\u0000i1""#), "a number");
        assert_eq!(describe(r#""\u0000fNaN""#), "a number");
        assert_eq!(describe(r#""\u0000s\u0000d1""#), "a string");
        let tree = parse(r#""\u0000s\u0000d1""#).unwrap();
        assert!(matches!(read(&tree, *tree.root()).unwrap(), Val::Str(s) if s == "\u{0}d1"));
        for bad in [
            r#""\u0000q""#,
            r#""\u0000""#,
            r#""\u0000dNaN""#,
            r#""\u0000d1.5""#,
            r#""\u0000finf""#,
            r#"{"\u0000set": 1}"#,
            r#""\udc00""#,
        ] {
            assert_eq!(code(bad), ErrorCode::ItemValue, "{bad}");
        }
    }

    #[test]
    fn json_values() {
        let json = |wire: &str| {
            let tree = parse(wire).unwrap();
            to_json(&tree, *tree.root())
                .map(|v| pyjson::dumps(&v, &Default::default()).unwrap())
                .map_err(|f| f.into_error("M").code())
        };
        assert_eq!(
            json(
                r#"{"a": [1, 1.5, "\u0000fNaN", "\u0000i18446744073709551616", "é", null, true]}"#
            ),
            Ok(r#"{"a": [1, 1.5, NaN, 18446744073709551616, "\u00e9", null, true]}"#.into())
        );
        assert_eq!(json(r#""\u0000f1""#), Ok("1.0".into()));
        assert_eq!(json(r#"["\u0000bZm8="]"#), Err(ErrorCode::ItemType));
        assert_eq!(json(r#"{"d": "\u0000d0"}"#), Err(ErrorCode::ItemType));
        assert_eq!(json(r#"{"\u0000set": []}"#), Err(ErrorCode::ItemType));
        assert_eq!(json(r#"{"\ud800": 1}"#), Err(ErrorCode::ItemValue));
        let huge = alloc::format!("\"\\u0000i{}\"", "9".repeat(4301));
        assert_eq!(json(&huge), Err(ErrorCode::ItemValue));
    }
}
