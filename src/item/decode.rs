//! Decoding: a stored item (SDK AttributeValues keyed by `dbName`; JSON with bytes as
//! `\u0000b<base64>`, or the stream form) to wire values keyed by JS name, with the item tags for
//! bytes, dates and sets.

use super::binary::Encoding;
use super::fault::Fault;
use super::json;
use super::key;
use super::number::{self, NumberMode};
use super::payload;
use super::schema::{Fields, Schema, Spec, Type};
use super::stream::{self, output::Out};
use super::tree::{Node, Str, Text, Tree};
use crate::datetime;
use crate::error::{ErrorCode, Result};
use crate::pyjson;
use alloc::{borrow::Cow, string::String, vec, vec::Vec};

/// The wire JSON of a stored item. Attributes missing from it are absent from the result, except
/// sets, which read as empty Sets; attributes not in the schema are ignored.
pub fn decode_item(schema: &Schema, av_json: &str) -> Result<String> {
    let tree = json::input::read(av_json)?;
    Ok(json::output::to_json(&decode_tree(
        schema,
        &tree,
        av_json.len(),
    )?))
}

/// [`decode_item`] for the wasm boundary, stream form in and out (`docs/item-codec.md`).
pub fn decode_item_stream(schema: &Schema, input: &[u8]) -> Result<Out> {
    let tree = stream::input::read(input)?;
    decode_tree(schema, &tree, input.len())
}

fn decode_tree(schema: &Schema, tree: &Tree<'_>, input: usize) -> Result<Out> {
    let mut decoder = Decoder {
        tree,
        out: Out::with_capacity(input),
        item: None,
    };
    let result = match *tree.root() {
        Node::Map(span) => {
            let entries = tree.entries(span);
            if schema.binds_items() {
                decoder.item = Some(stored_key(schema, tree, entries));
            }
            decoder.fields(schema.root(), entries)
        }
        _ => Err(stored("an item must be an object of AttributeValues")),
    };
    result.map_err(|f| f.into_error(schema.model()))?;
    Ok(decoder.out)
}

/// The canonical key bytes (`super::key`) of a stored item's AttributeValues, or of an update's
/// `Key`: `entries` by DynamoDB name.
pub(crate) fn stored_key<'a>(
    schema: &Schema,
    tree: &Tree<'a>,
    entries: &[(Text<'a>, Node<'a>)],
) -> core::result::Result<Vec<u8>, Fault> {
    let mut out = Vec::with_capacity(64);
    for attr in schema.key() {
        let node = entries
            .iter()
            .find(|(name, _)| name.decode().is_ok_and(|n| *n == *attr.db_name))
            .map(|(_, node)| *node)
            .ok_or_else(|| key::missing(&attr.name))?;
        match attribute_value(tree, node)? {
            (Av::S, v) => key::push(&mut out, &attr.db_name, b'S', text(v)?.as_bytes()),
            (Av::N, v) => {
                let canonical = key::canonical_number(&text(v)?)?;
                key::push(&mut out, &attr.db_name, b'N', canonical.as_bytes());
            }
            (Av::B, v) => key::push(&mut out, &attr.db_name, b'B', &payload::stored_bytes(v)?),
            _ => return Err(key::missing(&attr.name)),
        }
    }
    Ok(out)
}

pub(super) fn stored(problem: impl Into<Cow<'static, str>>) -> Fault {
    Fault::new(ErrorCode::ItemStored, problem)
}

/// The AttributeValue type keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Av {
    S,
    N,
    B,
    Bool,
    Null,
    L,
    M,
    Ss,
    Ns,
    Bs,
}

impl Av {
    fn name(self) -> &'static str {
        match self {
            Av::S => "S",
            Av::N => "N",
            Av::B => "B",
            Av::Bool => "BOOL",
            Av::Null => "NULL",
            Av::L => "L",
            Av::M => "M",
            Av::Ss => "SS",
            Av::Ns => "NS",
            Av::Bs => "BS",
        }
    }
}

/// Splits `{"S": ...}` into its type and value.
pub(super) fn attribute_value<'a>(
    tree: &Tree<'a>,
    node: Node<'a>,
) -> core::result::Result<(Av, Node<'a>), Fault> {
    let not_av = || stored("not an AttributeValue (an object with one type key)");
    let Node::Map(span) = node else {
        return Err(not_av());
    };
    let [(key, value)] = tree.entries(span) else {
        return Err(not_av());
    };
    let av = match key.raw() {
        _ if key.is_escaped() => return Err(not_av()),
        "S" => Av::S,
        "N" => Av::N,
        "B" => Av::B,
        "BOOL" => Av::Bool,
        "NULL" => Av::Null,
        "L" => Av::L,
        "M" => Av::M,
        "SS" => Av::Ss,
        "NS" => Av::Ns,
        "BS" => Av::Bs,
        _ => return Err(not_av()),
    };
    Ok((av, *value))
}

/// The AttributeValue type each attribute type is stored as.
fn stored_as(ty: &Type) -> &'static str {
    match ty {
        Type::String | Type::Json | Type::Datetime => "S",
        Type::Number(_) | Type::Ttl | Type::Version => "N",
        Type::Binary(_) | Type::Compressed(_) | Type::Encrypted(_) => "B",
        Type::Boolean => "BOOL",
        Type::Null => "NULL",
        Type::StringSet => "SS",
        Type::NumberSet(_) => "NS",
        Type::BinarySet(_) => "BS",
        Type::List(_) => "L",
        Type::Map(_) => "M",
        Type::Dynamic => "any type",
    }
}

/// A stored string's text: JS escapes strings starting with U+0000 as `\u0000s...`.
pub(super) fn text(node: Node<'_>) -> core::result::Result<Cow<'_, str>, Fault> {
    let Node::Str(text) = node else {
        return Err(stored("a string value is not a JSON string"));
    };
    match text.read() {
        Ok(Str::Plain(s) | Str::Tagged('s', s)) => Ok(s),
        Ok(Str::Tagged(..)) => Err(stored("a string value has an unknown wire tag")),
        Err(_) => Err(stored("a string value has a lone UTF-16 surrogate")),
    }
}

struct Decoder<'t, 'a> {
    tree: &'t Tree<'a>,
    out: Out,
    /// The item's key bytes, when some attribute binds its values to them.
    item: Option<core::result::Result<Vec<u8>, Fault>>,
}

impl<'t, 'a> Decoder<'t, 'a> {
    /// A typed map's (or the item's) attributes, in schema order.
    fn fields(
        &mut self,
        fields: &Fields,
        entries: &[(Text<'a>, Node<'a>)],
    ) -> core::result::Result<(), Fault> {
        let attrs = fields.attrs();
        let mut slots: Vec<Option<Node<'a>>> = vec![None; attrs.len()];
        let mut hint = 0;
        for (key, value) in entries {
            let found = key
                .decode()
                .ok()
                .and_then(|key| fields.by_db_name(&key, hint));
            if let Some(index) = found {
                if let Some(slot) = slots.get_mut(index) {
                    *slot = Some(*value);
                }
                hint = index + 1;
            }
        }
        self.out.map();
        for (attr, slot) in attrs.iter().zip(slots) {
            if slot.is_none() && !attr.spec.ty.is_set() {
                continue;
            }
            self.out.str(&attr.name);
            match slot {
                Some(av) => self.value(&attr.spec, av).map_err(|f| f.at(&attr.name))?,
                // DynamoDB has no empty sets: a missing set is an empty one.
                None => self.no_set(),
            }
        }
        self.out.end();
        Ok(())
    }

    fn value(&mut self, spec: &Spec, node: Node<'a>) -> core::result::Result<(), Fault> {
        if let Type::Dynamic = spec.ty {
            return self.dynamic(node);
        }
        let (av, v) = attribute_value(self.tree, node)?;
        match (&spec.ty, av) {
            (Type::Null, Av::Null) => self.null(v),
            (_, Av::Null) if spec.nullable => self.null(v),
            // A NULL set is no set, read as an empty one (pynamodb stores an empty set list element so).
            (ty, Av::Null) if ty.is_set() => self.empty_set(v),
            (Type::String, Av::S) => self.string(v),
            (Type::Number(mode), Av::N) => self.number(v, *mode),
            (Type::Version, Av::N) => self.number(v, NumberMode::Int),
            (Type::Binary(encoding), Av::B) => self.binary(v, *encoding),
            (Type::Boolean, Av::Bool) => self.boolean(v),
            (Type::StringSet, Av::Ss) => self.set(v, |d, item| d.string(item)),
            (Type::NumberSet(mode), Av::Ns) => self.set(v, |d, item| d.number(item, *mode)),
            (Type::BinarySet(encoding), Av::Bs) => self.set(v, |d, item| d.binary(item, *encoding)),
            (Type::List(of), Av::L) => self.list(v, of.as_deref()),
            (Type::Map(fields), Av::M) => match v {
                Node::Map(span) => self.fields(fields, self.tree.entries(span)),
                _ => Err(stored("M is not an object")),
            },
            (Type::Json, Av::S) => self.json(v),
            (Type::Datetime, Av::S) => self.datetime(v),
            (Type::Ttl, Av::N) => self.ttl(v),
            (Type::Compressed(c), Av::B) => {
                let plain = c.decompress(&payload::stored_bytes(v)?)?;
                payload::write_value(&mut self.out, c.kind, plain)
            }
            (Type::Encrypted(e), Av::B) => {
                let item = match &self.item {
                    Some(Err(fault)) if e.binds_item() => return Err(fault.clone()),
                    Some(Ok(key)) => Some(key.as_slice()),
                    _ => None,
                };
                let plain = e.decrypt(&payload::stored_bytes(v)?, item)?;
                payload::write_value(&mut self.out, e.kind, plain)
            }
            (ty, av) => Err(stored(alloc::format!(
                "stored {}, but a {} attribute is stored as {}",
                av.name(),
                ty.name(),
                stored_as(ty)
            ))),
        }
    }

    fn null(&mut self, v: Node<'a>) -> core::result::Result<(), Fault> {
        match v {
            Node::Bool(_) => {
                self.out.null();
                Ok(())
            }
            _ => Err(stored("NULL is not a boolean")),
        }
    }

    /// A set that is not stored (missing, or NULL): an empty Set.
    fn no_set(&mut self) {
        self.out.set();
        self.out.end();
    }

    fn empty_set(&mut self, v: Node<'a>) -> core::result::Result<(), Fault> {
        let Node::Bool(_) = v else {
            return Err(stored("NULL is not a boolean"));
        };
        self.no_set();
        Ok(())
    }

    fn string(&mut self, v: Node<'a>) -> core::result::Result<(), Fault> {
        self.out.str(&text(v)?);
        Ok(())
    }

    fn number(&mut self, v: Node<'a>, mode: NumberMode) -> core::result::Result<(), Fault> {
        number::write_stored(&mut self.out, &text(v)?, mode).map_err(stored)
    }

    fn binary(&mut self, v: Node<'a>, encoding: Encoding) -> core::result::Result<(), Fault> {
        self.out.bytes(&encoding.read(payload::stored_bytes(v)?)?);
        Ok(())
    }

    fn boolean(&mut self, v: Node<'a>) -> core::result::Result<(), Fault> {
        let Node::Bool(b) = v else {
            return Err(stored("BOOL is not a boolean"));
        };
        self.out.bool(b);
        Ok(())
    }

    fn set(
        &mut self,
        v: Node<'a>,
        mut element: impl FnMut(&mut Self, Node<'a>) -> core::result::Result<(), Fault>,
    ) -> core::result::Result<(), Fault> {
        let Node::List(span) = v else {
            return Err(stored("a set is not an array"));
        };
        self.out.set();
        for item in self.tree.items(span) {
            element(self, *item)?;
        }
        self.out.end();
        Ok(())
    }

    fn list(&mut self, v: Node<'a>, of: Option<&Spec>) -> core::result::Result<(), Fault> {
        let Node::List(span) = v else {
            return Err(stored("L is not an array"));
        };
        self.out.list();
        for (i, item) in self.tree.items(span).iter().enumerate() {
            match of {
                Some(spec) => self.value(spec, *item).map_err(|f| f.at_index(i))?,
                None => self.dynamic(*item)?,
            }
        }
        self.out.end();
        Ok(())
    }

    /// pynamodb's JSONAttribute: `json.loads` of the S text.
    fn json(&mut self, v: Node<'a>) -> core::result::Result<(), Fault> {
        let value = pyjson::loads(&text(v)?).map_err(|_| stored("stored text is not JSON"))?;
        payload::write_json(&mut self.out, &value, true);
        Ok(())
    }

    fn datetime(&mut self, v: Node<'a>) -> core::result::Result<(), Fault> {
        let micros = datetime::parse(&text(v)?)
            .map_err(|_| stored("stored text is not a datetime as pynamodb writes it"))?;
        self.date(micros);
        Ok(())
    }

    fn ttl(&mut self, v: Node<'a>) -> core::result::Result<(), Fault> {
        let micros = number::stored_epoch_micros(&text(v)?).map_err(stored)?;
        self.date(micros);
        Ok(())
    }

    fn date(&mut self, micros: i64) {
        self.out.tagged(b'd', &alloc::format!("{micros}"));
    }

    /// The SDK's `unmarshall` mapping (numbers as Python's `json.loads` reads them).
    fn dynamic(&mut self, node: Node<'a>) -> core::result::Result<(), Fault> {
        let (av, v) = attribute_value(self.tree, node)?;
        match av {
            Av::S => self.string(v),
            Av::N => self.number(v, NumberMode::Auto),
            Av::B => self.binary(v, Encoding::Raw),
            Av::Bool => self.boolean(v),
            Av::Null => self.null(v),
            Av::L => self.list(v, None),
            Av::M => {
                let Node::Map(span) = v else {
                    return Err(stored("M is not an object"));
                };
                self.out.map();
                for (key, value) in self.tree.entries(span) {
                    let key = key
                        .decode()
                        .map_err(|_| stored("a map key has a lone UTF-16 surrogate"))?;
                    self.out.str(&key);
                    self.dynamic(*value)?;
                }
                self.out.end();
                Ok(())
            }
            Av::Ss => self.set(v, |d, item| d.string(item)),
            Av::Ns => self.set(v, |d, item| d.number(item, NumberMode::Auto)),
            Av::Bs => self.set(v, |d, item| d.binary(item, Encoding::Raw)),
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn schema() -> Schema {
        Schema::parse(
            r#"{"model": "T", "attributes": [
                {"name": "d", "dbName": "x", "type": "dynamic"},
                {"name": "l", "type": "list", "of": {"type": "boolean", "nullable": true}},
                {"name": "j", "type": "json"}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn dynamic_reads_every_attribute_value_type() {
        let av = r#"{"x": {"M": {"s": {"S": "é"}, "n": {"N": "-1.50"}, "b": {"B": "\u0000bAA=="},
            "t": {"BOOL": false}, "z": {"NULL": true}, "l": {"L": [{"N": "7"}]}, "m": {"M": {}},
            "ss": {"SS": ["a"]}, "ns": {"NS": ["1", "2E+1"]}, "bs": {"BS": ["\u0000bAQ=="]}, "k\"": {"S": ""}}}}"#;
        assert_eq!(
            decode_item(&schema(), av).unwrap(),
            concat!(
                r#"{"d":{"s":"é","n":-1.5,"b":"\u0000bAA==","t":false,"z":null,"l":[7],"m":{},"#,
                r#""ss":{"\u0000set":["a"]},"ns":{"\u0000set":[1,"\u0000f20.0"]},"bs":{"\u0000set":["\u0000bAQ=="]},"k\"":""}}"#
            )
        );
    }

    #[test]
    fn typed_lists_and_json() {
        let av = r#"{"l": {"L": [{"BOOL": true}, {"NULL": true}]}, "j": {"S": "{\"a\": [1.0, 12345678901234567890]}"}}"#;
        assert_eq!(
            decode_item(&schema(), av).unwrap(),
            r#"{"l":[true,null],"j":{"a":["\u0000f1.0","\u0000i12345678901234567890"]}}"#
        );
    }

    #[test]
    fn malformed_attribute_values() {
        for av in [
            r#"{"x": {}}"#,
            r#"{"x": {"S": "a", "N": "1"}}"#,
            r#"{"x": {"\u0053": "a"}}"#,
            r#"{"x": "a"}"#,
            r#"{"x": {"N": 1}}"#,
            r#"{"x": {"NULL": "yes"}}"#,
            r#"{"x": {"L": {}}}"#,
            r#"{"x": {"SS": "a"}}"#,
            r#"{"x": {"M": {"\ud800": {"S": "a"}}}}"#,
            r#"{"l": {"BOOL": true}}"#,
            r#"{"l": {"L": [{"BOOL": 1}]}}"#,
        ] {
            let e = decode_item(&schema(), av).unwrap_err();
            assert_eq!(e.code(), ErrorCode::ItemStored, "{av}");
        }
        assert_eq!(
            decode_item(&schema(), "1").unwrap_err().code(),
            ErrorCode::ItemStored
        );
    }
}
