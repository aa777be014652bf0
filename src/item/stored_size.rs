//! The size of stored AttributeValues (as DynamoDB and the SDK give them, keyed by DynamoDB name)
//! by DynamoDB's rules ([`super::size`]): for callers that hold raw items rather than a model's
//! values, such as the status tracker, which sizes an update of the item it locked before sending
//! it. The item codec sizes what it encodes itself, in the same pass.

use super::decode::{attribute_value, stored, text, Av};
use super::fault::Fault;
use super::number;
use super::payload;
use super::size::{CONTAINER, ELEMENT, FLAG};
use super::tree::{Node, Tree};
use super::{json, stream};
use crate::error::Result;

/// The model name errors carry: there is no model, only AttributeValues.
const WHAT: &str = "AttributeValues";

/// The size of a stored item, `{name: AttributeValue}` as JSON (bytes as `\u0000b<base64>` tags):
/// the sum of its names' UTF-8 lengths and its values' sizes.
pub fn item_size(av_json: &str) -> Result<usize> {
    sized(&json::input::read(av_json)?, false)
}

/// The size of one stored AttributeValue (`{"S": "x"}`), as JSON.
pub fn value_size(av_json: &str) -> Result<usize> {
    sized(&json::input::read(av_json)?, true)
}

/// [`item_size`], or with `value` [`value_size`], for the wasm boundary (the stream form).
pub fn size_stream(input: &[u8], value: bool) -> Result<usize> {
    sized(&stream::input::read(input)?, value)
}

fn sized(tree: &Tree<'_>, value: bool) -> Result<usize> {
    let size = if value {
        value_bytes(tree, *tree.root())
    } else {
        item_bytes(tree, *tree.root())
    };
    size.map_err(|f| f.into_error(WHAT))
}

/// Names plus values; a fault names the attribute it is in.
fn item_bytes(tree: &Tree<'_>, node: Node<'_>) -> core::result::Result<usize, Fault> {
    let Node::Map(span) = node else {
        return Err(stored("an item must be an object of AttributeValues"));
    };
    tree.entries(span)
        .iter()
        .try_fold(0usize, |total, (name, v)| {
            let name = name
                .decode()
                .map_err(|_| stored("an attribute name has a lone UTF-16 surrogate"))?;
            let v = value_bytes(tree, *v).map_err(|f| f.at(&name))?;
            Ok(total.saturating_add(name.len()).saturating_add(v))
        })
}

fn value_bytes(tree: &Tree<'_>, node: Node<'_>) -> core::result::Result<usize, Fault> {
    let (av, v) = attribute_value(tree, node)?;
    Ok(match av {
        Av::S => text(v)?.len(),
        Av::N => number_bytes(v)?,
        Av::B => payload::stored_bytes(v)?.len(),
        Av::Bool | Av::Null => FLAG,
        Av::Ss => sum(tree, v, |e| Ok(text(e)?.len()))?,
        Av::Ns => sum(tree, v, number_bytes)?,
        Av::Bs => sum(tree, v, |e| Ok(payload::stored_bytes(e)?.len()))?,
        Av::L => CONTAINER.saturating_add(sum(tree, v, |e| {
            Ok(ELEMENT.saturating_add(value_bytes(tree, e)?))
        })?),
        Av::M => CONTAINER.saturating_add(map_bytes(tree, v)?),
    })
}

/// An M's entries: one byte, the key and the value each. Keys are data: faults do not name them.
fn map_bytes(tree: &Tree<'_>, node: Node<'_>) -> core::result::Result<usize, Fault> {
    let Node::Map(span) = node else {
        return Err(stored("M is not an object"));
    };
    tree.entries(span)
        .iter()
        .try_fold(0usize, |total, (key, v)| {
            let key = key
                .decode()
                .map_err(|_| stored("an M key has a lone UTF-16 surrogate"))?;
            let v = value_bytes(tree, *v)?;
            Ok(total
                .saturating_add(ELEMENT)
                .saturating_add(key.len())
                .saturating_add(v))
        })
}

/// The sum of `element` over the elements of an L or a set (a list, or a Set in the stream form).
fn sum<'a>(
    tree: &Tree<'a>,
    node: Node<'a>,
    element: impl Fn(Node<'a>) -> core::result::Result<usize, Fault>,
) -> core::result::Result<usize, Fault> {
    let (Node::List(span) | Node::Set(span)) = node else {
        return Err(stored("L or a set is not an array"));
    };
    tree.items(span)
        .iter()
        .try_fold(0usize, |total, e| Ok(total.saturating_add(element(*e)?)))
}

fn number_bytes(node: Node<'_>) -> core::result::Result<usize, Fault> {
    number::stored_size(&text(node)?).map_err(stored)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn sizes_every_type() {
        let item = concat!(
            r#"{"s":{"S":"é"},"n":{"N":"-0.0120"},"b":{"B":"\u0000bAAE="},"t":{"BOOL":true},"#,
            r#""z":{"NULL":true},"l":{"L":[{"S":"ab"},{"NULL":true}]},"m":{"M":{"k":{"N":"0"}}},"#,
            r#""ss":{"SS":["a","bc"]},"ns":{"NS":["1","22","333"]},"bs":{"BS":["\u0000bAA==","\u0000b"]}}"#
        );
        // s 1+2 · n 1+2 (digits 12) · b 1+2 · t 1+1 · z 1+1 · l 1+3+(1+2)+(1+1) · m 1+3+(1+1+1) ·
        // ss 2+3 · ns 2+2+2+3 · bs 2+1+0.
        assert_eq!(item_size(item), Ok(3 + 3 + 3 + 2 + 2 + 9 + 7 + 5 + 9 + 3));
        assert_eq!(value_size(r#"{"S":"\u0000s\u0000x"}"#), Ok(2)); // "\u0000x", as JS escapes it
        assert_eq!(item_size("{}"), Ok(0));
    }

    #[test]
    fn refuses_what_is_not_attribute_values() {
        for (input, message) in [
            (
                r#"[]"#,
                "AttributeValues: an item must be an object of AttributeValues",
            ),
            (
                r#"{"a":{"X":"1"}}"#,
                "AttributeValues.a: not an AttributeValue (an object with one type key)",
            ),
            (
                r#"{"a":{"N":"one"}}"#,
                "AttributeValues.a: stored N is not a number",
            ),
            (
                r#"{"a":{"M":{"secret":{"S":1}}}}"#,
                "AttributeValues.a: a string value is not a JSON string",
            ),
            (
                r#"{"a":{"L":{}}}"#,
                "AttributeValues.a: L or a set is not an array",
            ),
        ] {
            let e = item_size(input).unwrap_err();
            assert_eq!(
                (e.code(), e.message()),
                (ErrorCode::ItemStored, message),
                "{input}"
            );
        }
    }
}
