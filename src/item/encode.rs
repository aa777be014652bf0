//! Encoding: an item (keyed by JS name; wire JSON or the stream form) to DynamoDB AttributeValues
//! (keyed by `dbName`), with the item size, written into one output in one pass.

use super::binary::Encoding;
use super::decode::stored_key;
use super::fault::Fault;
use super::js_value::{self, Bytes, Val};
use super::json;
use super::key;
use super::number::{self, Decimal, NumberMode, WireNumber};
use super::payload;
use super::schema::{Fields, Schema, Spec, Type};
use super::size::{self, CONTAINER, ELEMENT, FLAG};
use super::stream::{self, output::AvType, output::Out};
use super::tree::{Node, Text, Tree};
use crate::datetime;
use crate::error::{ErrorCode, Result};
use crate::pyjson::{self, DumpOptions};
use alloc::{borrow::Cow, string::String, vec, vec::Vec};
use core::fmt::Write;

/// `{"item": {AttributeValues by dbName}, "size": bytes}` for an item given as wire JSON.
pub fn encode_item(schema: &Schema, wire: &str) -> Result<String> {
    let tree = json::input::read(wire)?;
    let (out, size) = encode_tree(schema, &tree, wire.len())?;
    Ok(alloc::format!(
        "{{\"item\":{},\"size\":{size}}}",
        json::output::to_json(&out)
    ))
}

/// [`encode_item`] for the wasm boundary: an item in the stream form in, the AttributeValues map
/// and then the size (a number) out, in the stream form (`docs/item-codec.md`).
pub fn encode_item_stream(schema: &Schema, input: &[u8]) -> Result<Out> {
    let tree = stream::input::read(input)?;
    let (mut out, size) = encode_tree(schema, &tree, input.len())?;
    out.num(itoa(&mut String::new(), size as i64));
    Ok(out)
}

fn encode_tree(schema: &Schema, tree: &Tree<'_>, input: usize) -> Result<(Out, usize)> {
    let mut encoder = Encoder::new(tree, input);
    if schema.binds_items() {
        encoder.item = Some(wire_key(schema, tree));
    }
    let size = encoder
        .item(schema.root(), *tree.root())
        .map_err(|f| f.into_error(schema.model()))?;
    Ok((encoder.out, size))
}

/// The AttributeValue of one value of the attribute at `path` (JS names joined by `.`), or of one
/// element of it (list or set) when `element` is set: expression operands and update values.
/// `key`, the item's key as AttributeValues JSON (an update's `Key`), is needed by randomized aead
/// values, which are bound to it.
pub fn encode_value(
    schema: &Schema,
    path: &str,
    wire: &str,
    element: bool,
    key: Option<&str>,
) -> Result<String> {
    let tree = json::input::read(wire)?;
    let key = key.map(json::input::read).transpose()?;
    let out = value_tree(schema, path, &tree, element, wire.len(), key.as_ref())?;
    Ok(json::output::to_json(&out))
}

/// [`encode_value`] for the wasm boundary, stream form in and out (`key` too).
pub fn encode_value_stream(
    schema: &Schema,
    path: &str,
    input: &[u8],
    element: bool,
    key: Option<&[u8]>,
) -> Result<Out> {
    let tree = stream::input::read(input)?;
    let key = key.map(stream::input::read).transpose()?;
    value_tree(schema, path, &tree, element, input.len(), key.as_ref())
}

fn value_tree(
    schema: &Schema,
    path: &str,
    tree: &Tree<'_>,
    element: bool,
    input: usize,
    key: Option<&Tree<'_>>,
) -> Result<Out> {
    let fail = |f: Fault| f.at(path).into_error(schema.model());
    let target = resolve(schema.root(), path).map_err(fail)?;
    let node = *tree.root();
    let mut encoder = Encoder::new(tree, input);
    if let Some(key) = key {
        let entries = match *key.root() {
            Node::Map(span) => key.entries(span),
            _ => &[],
        };
        encoder.item = Some(stored_key(schema, key, entries));
    }
    encoder.level = path.split('.').count() + usize::from(element);
    let result = match (target, element) {
        (Target::Dynamic, _) => encoder.standalone_dynamic(node),
        (Target::Typed(spec), false) => encoder.standalone(spec, node),
        (Target::Typed(spec), true) => match &spec.ty {
            Type::List(Some(of)) => encoder.standalone(of, node),
            Type::List(None) | Type::Dynamic => encoder.standalone_dynamic(node),
            Type::StringSet => encoder.standalone(&set_element(Type::String), node),
            Type::BinarySet(encoding) => {
                encoder.standalone(&set_element(Type::Binary(*encoding)), node)
            }
            Type::NumberSet(mode) => encoder.standalone(&set_element(Type::Number(*mode)), node),
            _ => Err(Fault::new(
                ErrorCode::Argument,
                "element values exist for list and set attributes only",
            )),
        },
    };
    result.map_err(fail)?;
    Ok(encoder.out)
}

/// The canonical key bytes (`super::key`) of an item given as wire values by JS name.
fn wire_key(schema: &Schema, tree: &Tree<'_>) -> core::result::Result<Vec<u8>, Fault> {
    let entries = match *tree.root() {
        Node::Map(span) => tree.entries(span),
        _ => &[],
    };
    let mut out = Vec::with_capacity(64);
    for attr in schema.key() {
        let node = entries
            .iter()
            .find(|(name, _)| name.decode().is_ok_and(|n| *n == *attr.name))
            .map(|(_, node)| *node)
            .ok_or_else(|| key::missing(&attr.name))?;
        let db_name = &attr.db_name;
        match (&attr.spec.ty, js_value::read(tree, node)?) {
            (Type::String, Val::Str(s)) => key::push(&mut out, db_name, b'S', s.as_bytes()),
            (Type::Number(mode), Val::Number(n)) => {
                let (text, _) = number::to_stored(&n, *mode).map_err(value_fault)?;
                let canonical = key::canonical_number(&text)?;
                key::push(&mut out, db_name, b'N', canonical.as_bytes());
            }
            (Type::Binary(encoding), Val::Bytes(b)) => {
                key::push(&mut out, db_name, b'B', &encoding.stored(b.get()?))
            }
            (Type::Datetime, Val::Date(micros)) => {
                let mut text = String::new();
                datetime::write(&mut text, micros).map_err(|_| date_range())?;
                key::push(&mut out, db_name, b'S', text.as_bytes());
            }
            _ => return Err(key::missing(&attr.name)),
        }
    }
    Ok(out)
}

/// `n` in decimal, written into `buf`.
fn itoa(buf: &mut String, n: i64) -> &str {
    buf.clear();
    let _ = write!(buf, "{n}");
    buf
}

/// The spec of one element of a set.
fn set_element(ty: Type) -> Spec {
    Spec {
        ty,
        nullable: false,
    }
}

enum Target<'s> {
    Typed(&'s Spec),
    /// Inside a dynamic attribute, where any path may exist.
    Dynamic,
}

fn resolve<'s>(root: &'s Fields, path: &str) -> core::result::Result<Target<'s>, Fault> {
    let unknown = || Fault::new(ErrorCode::ItemUnknown, "no attribute at this path");
    let mut current: Option<&Spec> = None;
    for name in path.split('.') {
        let fields = match current.map(|s| &s.ty) {
            None => root,
            Some(Type::Map(fields)) => fields,
            Some(Type::Dynamic) => return Ok(Target::Dynamic),
            Some(_) => return Err(unknown()),
        };
        let index = fields.by_name(name, 0).ok_or_else(unknown)?;
        current = fields.attrs().get(index).map(|a| &a.spec);
    }
    current.map(Target::Typed).ok_or_else(unknown)
}

fn required() -> Fault {
    Fault::new(
        ErrorCode::ItemRequired,
        "a value is required (not nullable)",
    )
}

fn empty_set() -> Fault {
    Fault::new(
        ErrorCode::ItemValue,
        "an empty Set can only be an attribute or map value, which is then omitted (DynamoDB has no empty sets)",
    )
}

fn value_fault(problem: &'static str) -> Fault {
    Fault::new(ErrorCode::ItemValue, problem)
}

/// What each attribute type takes, for E_ITEM_TYPE messages.
fn expected(ty: &Type) -> &'static str {
    match ty {
        Type::String => "a string",
        Type::Number(_) | Type::Version => "a number or BigInt",
        Type::Binary(_) => "a Uint8Array",
        Type::Boolean => "a boolean",
        Type::Null => "null",
        Type::StringSet | Type::NumberSet(_) | Type::BinarySet(_) => "a Set",
        Type::List(_) => "an array",
        Type::Map(_) => "an object",
        Type::Datetime | Type::Ttl => "a Date",
        Type::Dynamic | Type::Json => "a JSON value",
        Type::Compressed(c) => payload::expected(c.kind),
        Type::Encrypted(e) => payload::expected(e.kind),
    }
}

/// Sizes of a typed map's entries: their sum and the largest (attribute index, size).
struct Sizes {
    total: usize,
    largest: Option<(usize, usize)>,
}

struct Encoder<'t, 'a> {
    tree: &'t Tree<'a>,
    out: Out,
    /// The item's key bytes, when given and some attribute binds its values to them.
    item: Option<core::result::Result<Vec<u8>, Fault>>,
    /// DynamoDB's nesting level of the value being written (a top-level attribute is 1).
    level: usize,
    /// Reused for the text of dates and TTLs.
    scratch: String,
}

/// DynamoDB refuses values nested deeper (31 lists or maps above a scalar at most).
const MAX_LEVEL: usize = 32;

impl<'t, 'a> Encoder<'t, 'a> {
    fn new(tree: &'t Tree<'a>, input: usize) -> Self {
        Encoder {
            tree,
            out: Out::with_capacity(input),
            item: None,
            level: 1,
            scratch: String::new(),
        }
    }

    /// Steps into a list's or map's elements.
    fn enter(&mut self) -> core::result::Result<(), Fault> {
        self.level += 1;
        if self.level > MAX_LEVEL {
            return Err(value_fault("nested deeper than DynamoDB's 32 levels"));
        }
        Ok(())
    }

    /// Writes the item's AttributeValues map; returns the item size.
    fn item(&mut self, root: &Fields, node: Node<'a>) -> core::result::Result<usize, Fault> {
        let Val::Map(entries) = js_value::read(self.tree, node)? else {
            return Err(Fault::new(ErrorCode::ItemType, "an item must be an object"));
        };
        self.out.map();
        let sizes = self.fields(root, entries, 0)?;
        let largest = sizes
            .largest
            .and_then(|(index, size)| root.attrs().get(index).map(|a| (&*a.name, size)));
        size::check_item(sizes.total, largest)?;
        self.out.end();
        Ok(sizes.total)
    }

    /// The entries of the item or of a typed map, in schema order; `overhead` per written entry.
    fn fields(
        &mut self,
        fields: &Fields,
        entries: &[(Text<'a>, Node<'a>)],
        overhead: usize,
    ) -> core::result::Result<Sizes, Fault> {
        let attrs = fields.attrs();
        let mut slots: Vec<Option<Node<'a>>> = vec![None; attrs.len()];
        let mut hint = 0;
        for (key, value) in entries {
            let index = key
                .decode()
                .ok()
                .and_then(|key| fields.by_name(&key, hint))
                .ok_or_else(|| {
                    Fault::new(
                        ErrorCode::ItemUnknown,
                        "an object property is not an attribute in the schema",
                    )
                })?;
            if let Some(slot) = slots.get_mut(index) {
                *slot = Some(*value);
            }
            hint = index + 1;
        }
        let mut sizes = Sizes {
            total: 0,
            largest: None,
        };
        for (index, (attr, slot)) in attrs.iter().zip(slots).enumerate() {
            let mark = self.out.mark();
            self.out.str(&attr.db_name);
            let written = self
                .attribute(&attr.spec, slot)
                .map_err(|f| f.at(&attr.name))?;
            let Some(value_size) = written else {
                self.out.truncate(mark);
                continue;
            };
            let entry = attr.db_name.len().saturating_add(value_size);
            sizes.total = sizes.total.saturating_add(overhead).saturating_add(entry);
            if sizes.largest.is_none_or(|(_, size)| entry > size) {
                sizes.largest = Some((index, entry));
            }
        }
        Ok(sizes)
    }

    /// An attribute or typed map value: absent/null is omitted when nullable, as is an empty Set.
    fn attribute(
        &mut self,
        spec: &Spec,
        node: Option<Node<'a>>,
    ) -> core::result::Result<Option<usize>, Fault> {
        let node = node.unwrap_or(Node::Null);
        if matches!(node, Node::Null) && !matches!(spec.ty, Type::Null) {
            return if spec.nullable {
                Ok(None)
            } else {
                Err(required())
            };
        }
        self.present(&spec.ty, node)
    }

    /// A list element or an expression value: null is NULL when nullable, an empty Set an error.
    fn standalone(&mut self, spec: &Spec, node: Node<'a>) -> core::result::Result<usize, Fault> {
        if matches!(node, Node::Null) && !matches!(spec.ty, Type::Null) {
            if !spec.nullable {
                return Err(required());
            }
            return Ok(self.null());
        }
        self.present(&spec.ty, node)?.ok_or_else(empty_set)
    }

    /// A typed list element: as [`standalone`](Self::standalone), but an empty Set is NULL, as
    /// pynamodb's ListAttribute stores it (the decoder reads it back as an empty Set).
    fn list_element(&mut self, spec: &Spec, node: Node<'a>) -> core::result::Result<usize, Fault> {
        if spec.ty.is_set()
            && matches!(js_value::read(self.tree, node)?, Val::Set(items) if items.is_empty())
        {
            return Ok(self.null());
        }
        self.standalone(spec, node)
    }

    fn standalone_dynamic(&mut self, node: Node<'a>) -> core::result::Result<usize, Fault> {
        self.dynamic(node)?.ok_or_else(empty_set)
    }

    /// A non-null value of type `ty`; `None` for an empty Set (nothing written).
    fn present(&mut self, ty: &Type, node: Node<'a>) -> core::result::Result<Option<usize>, Fault> {
        if let Type::Json = ty {
            return self.json(node).map(Some);
        }
        if let Type::Dynamic = ty {
            return self.dynamic(node);
        }
        if let Type::Compressed(c) = ty {
            let plain = payload::plaintext(self.tree, node, c.kind, c.ensure_ascii, ty.name())?;
            return Ok(Some(self.stored(&c.compress(&plain)?)));
        }
        if let Type::Encrypted(e) = ty {
            // pynamodb_mate encrypts `json.dumps(value)` with its default ensure_ascii=True.
            let plain = payload::plaintext(self.tree, node, e.kind, true, ty.name())?;
            let item = match &self.item {
                Some(Err(fault)) if e.binds_item() => return Err(fault.clone()),
                Some(Ok(key)) => Some(key.as_slice()),
                _ => None,
            };
            return Ok(Some(self.stored(&e.encrypt(&plain, item)?)));
        }
        let size = match (ty, js_value::read(self.tree, node)?) {
            (Type::String, Val::Str(s)) => self.string(&s),
            (Type::Number(mode), Val::Number(n)) => self.number(&n, *mode)?,
            (Type::Version, Val::Number(n)) => self.number(&n, NumberMode::Int)?,
            (Type::Binary(encoding), Val::Bytes(b)) => self.binary(&b, *encoding)?,
            (Type::Boolean, Val::Bool(b)) => self.boolean(b),
            (Type::Null, Val::Null) => self.null(),
            (Type::StringSet, Val::Set(items)) => return self.string_set(items),
            (Type::NumberSet(mode), Val::Set(items)) => return self.number_set(items, *mode),
            (Type::BinarySet(encoding), Val::Set(items)) => {
                return self.binary_set(items, *encoding)
            }
            (Type::List(of), Val::List(items)) => self.list(of.as_deref(), items)?,
            (Type::Map(fields), Val::Map(entries)) => {
                self.out.av(AvType::M);
                self.out.map();
                self.enter()?;
                let sizes = self.fields(fields, entries, ELEMENT)?;
                self.level -= 1;
                self.out.end();
                CONTAINER.saturating_add(sizes.total)
            }
            (Type::Datetime, Val::Date(micros)) => self.datetime(micros)?,
            (Type::Ttl, Val::Date(micros)) => self.ttl(micros)?,
            (ty, val) => {
                return Err(Fault::new(
                    ErrorCode::ItemType,
                    alloc::format!(
                        "expected {}, got {} ({} attribute)",
                        expected(ty),
                        val.describe(),
                        ty.name()
                    ),
                ))
            }
        };
        Ok(Some(size))
    }

    fn string(&mut self, s: &str) -> usize {
        self.out.av(AvType::S);
        self.out.str(s);
        s.len()
    }

    /// A compressed or encrypted value's stored bytes.
    fn stored(&mut self, bytes: &[u8]) -> usize {
        self.out.av(AvType::B);
        self.out.bytes(bytes);
        bytes.len()
    }

    fn number(
        &mut self,
        n: &WireNumber<'_>,
        mode: NumberMode,
    ) -> core::result::Result<usize, Fault> {
        let (text, size) = number::to_stored(n, mode).map_err(value_fault)?;
        self.out.av(AvType::N);
        self.out.str(&text);
        Ok(size)
    }

    fn binary(
        &mut self,
        bytes: &Bytes<'_>,
        encoding: Encoding,
    ) -> core::result::Result<usize, Fault> {
        Ok(self.stored(&encoding.stored(bytes.get()?)))
    }

    fn boolean(&mut self, b: bool) -> usize {
        self.out.av(AvType::Bool);
        self.out.bool(b);
        FLAG
    }

    fn null(&mut self) -> usize {
        self.out.av(AvType::Null);
        self.out.bool(true);
        FLAG
    }

    fn string_set(&mut self, items: &[Node<'a>]) -> core::result::Result<Option<usize>, Fault> {
        if items.is_empty() {
            return Ok(None);
        }
        let mut seen = Vec::with_capacity(items.len());
        let mut size = 0usize;
        self.out.av(AvType::Ss);
        self.out.list();
        for item in items {
            let Val::Str(s) = js_value::read(self.tree, *item)? else {
                return Err(set_type("strings"));
            };
            self.out.str(&s);
            size = size.saturating_add(s.len());
            seen.push(s);
        }
        self.out.end();
        unique(seen)?;
        Ok(Some(size))
    }

    fn number_set(
        &mut self,
        items: &[Node<'a>],
        mode: NumberMode,
    ) -> core::result::Result<Option<usize>, Fault> {
        if items.is_empty() {
            return Ok(None);
        }
        let mut seen = Vec::with_capacity(items.len());
        let mut size = 0usize;
        self.out.av(AvType::Ns);
        self.out.list();
        for item in items {
            let Val::Number(n) = js_value::read(self.tree, *item)? else {
                return Err(set_type("numbers"));
            };
            let (text, n_size) = number::to_stored(&n, mode).map_err(value_fault)?;
            self.out.str(&text);
            size = size.saturating_add(n_size);
            // `to_stored` only returns text that parses.
            seen.push(Decimal::parse(&text).map(|d| d.key()));
        }
        self.out.end();
        unique(seen)?;
        Ok(Some(size))
    }

    fn binary_set(
        &mut self,
        items: &[Node<'a>],
        encoding: Encoding,
    ) -> core::result::Result<Option<usize>, Fault> {
        if items.is_empty() {
            return Ok(None);
        }
        let mut seen = Vec::with_capacity(items.len());
        let mut size = 0usize;
        self.out.av(AvType::Bs);
        self.out.list();
        for item in items {
            let Val::Bytes(b) = js_value::read(self.tree, *item)? else {
                return Err(set_type("Uint8Arrays"));
            };
            let bytes = b.get()?;
            let stored = encoding.stored(Cow::Borrowed(&bytes));
            self.out.bytes(&stored);
            size = size.saturating_add(stored.len());
            seen.push(bytes);
        }
        self.out.end();
        unique(seen)?;
        Ok(Some(size))
    }

    fn list(
        &mut self,
        of: Option<&Spec>,
        items: &[Node<'a>],
    ) -> core::result::Result<usize, Fault> {
        self.out.av(AvType::L);
        self.out.list();
        self.enter()?;
        let mut size = CONTAINER;
        for (i, item) in items.iter().enumerate() {
            let element = match of {
                Some(spec) => self.list_element(spec, *item),
                None => self.standalone_dynamic(*item),
            };
            let element = element.map_err(|f| match of {
                Some(_) => f.at_index(i),
                None => f,
            })?;
            size = size.saturating_add(ELEMENT).saturating_add(element);
        }
        self.level -= 1;
        self.out.end();
        Ok(size)
    }

    fn datetime(&mut self, micros: i64) -> core::result::Result<usize, Fault> {
        self.scratch.clear();
        datetime::write(&mut self.scratch, micros).map_err(|_| date_range())?;
        self.out.av(AvType::S);
        self.out.str(&self.scratch);
        Ok(31)
    }

    /// pynamodb's TTLAttribute: whole epoch seconds, the microseconds floored away.
    fn ttl(&mut self, micros: i64) -> core::result::Result<usize, Fault> {
        datetime::check_range(micros).map_err(|_| date_range())?;
        let seconds = micros.div_euclid(1_000_000);
        self.out.av(AvType::N);
        self.out.str(itoa(&mut self.scratch, seconds));
        Ok(number::int_size(seconds))
    }

    /// pynamodb's JSONAttribute: `json.dumps(value)` stored as S.
    fn json(&mut self, node: Node<'a>) -> core::result::Result<usize, Fault> {
        let value = js_value::to_json(self.tree, node)?;
        let text = pyjson::dumps(&value, &DumpOptions::default())
            .map_err(|e| Fault::new(ErrorCode::ItemValue, String::from(e.message())))?;
        Ok(self.string(&text))
    }

    /// The SDK's `marshall` mapping; `None` for an empty Set (nothing written).
    fn dynamic(&mut self, node: Node<'a>) -> core::result::Result<Option<usize>, Fault> {
        let size = match js_value::read(self.tree, node)? {
            Val::Null => self.null(),
            Val::Bool(b) => self.boolean(b),
            Val::Number(n) => self.number(&n, NumberMode::Auto)?,
            Val::Str(s) => self.string(&s),
            Val::Bytes(b) => self.binary(&b, Encoding::Raw)?,
            Val::Date(_) => {
                return Err(Fault::new(
                    ErrorCode::ItemType,
                    "a Date in a dynamic attribute (declare a datetime or ttl attribute)",
                ))
            }
            Val::Set(items) => match items
                .first()
                .map(|i| js_value::read(self.tree, *i))
                .transpose()?
            {
                None => return Ok(None),
                Some(Val::Str(_)) => return self.string_set(items),
                Some(Val::Number(_)) => return self.number_set(items, NumberMode::Auto),
                Some(Val::Bytes(_)) => return self.binary_set(items, Encoding::Raw),
                Some(_) => return Err(set_type("strings, numbers or Uint8Arrays")),
            },
            Val::List(items) => self.list(None, items)?,
            Val::Map(entries) => {
                self.out.av(AvType::M);
                self.out.map();
                self.enter()?;
                let mut size = CONTAINER;
                for (key, value) in entries {
                    let mark = self.out.mark();
                    let key = key
                        .decode()
                        .map_err(|_| value_fault("an object key has a lone UTF-16 surrogate"))?;
                    let key_len = key.len();
                    self.out.str(&key);
                    match self.dynamic(*value)? {
                        Some(value_size) => {
                            size = size
                                .saturating_add(ELEMENT + key_len)
                                .saturating_add(value_size);
                        }
                        None => self.out.truncate(mark),
                    }
                }
                self.level -= 1;
                self.out.end();
                size
            }
        };
        Ok(Some(size))
    }
}

fn date_range() -> Fault {
    value_fault("date outside years 1..=9999 (Python's datetime range)")
}

fn set_type(elements: &str) -> Fault {
    Fault::new(
        ErrorCode::ItemType,
        alloc::format!("Set elements must all be {elements}"),
    )
}

/// DynamoDB refuses sets with equal elements (JS Sets can hold equal bytes or `1` and `1n`).
fn unique<T: Ord>(seen: Vec<T>) -> core::result::Result<(), Fault> {
    let order = crate::order::sorted_indices(seen.len(), &|a, b| seen[a].cmp(&seen[b]));
    if order.windows(2).any(|w| seen[w[0]] == seen[w[1]]) {
        return Err(value_fault("a Set has duplicate elements"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn schema() -> Schema {
        Schema::parse(
            r#"{"model": "T", "attributes": [
                {"name": "s", "dbName": "db s", "type": "string", "nullable": true},
                {"name": "z", "type": "null"},
                {"name": "m", "type": "map", "nullable": true, "attributes": [
                    {"name": "tags", "type": "stringSet"},
                    {"name": "any", "type": "dynamic", "nullable": true}]},
                {"name": "l", "type": "list", "nullable": true, "of": {"type": "number", "nullable": true}}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn omissions_and_nulls() {
        let s = schema();
        // Absent `null` attribute still written; an empty Set in a typed or dynamic map is omitted.
        assert_eq!(
            encode_item(&s, r#"{"m": {"tags": {"\u0000set": []}, "any": {"a": {"\u0000set": []}, "b": 1}}, "l": [null, 1]}"#).unwrap(),
            r#"{"item":{"z":{"NULL":true},"m":{"M":{"any":{"M":{"b":{"N":"1"}}}}},"l":{"L":[{"NULL":true},{"N":"1"}]}},"size":26}"#
        );
        // z 1+1; m 1 + 3 + (1 + any 3 + (3 + (1 + b 1 + 2))); l 1 + 3 + (1+1) + (1+2).
        assert_eq!(2 + (1 + 3 + 1 + 3 + 3 + 4) + (1 + 3 + 2 + 3), 26);
        // Keys are escaped once, at registration.
        assert!(encode_item(&s, r#"{"s": "x\"y"}"#)
            .unwrap()
            .contains(r#""db s":{"S":"x\"y"}"#));
        assert_eq!(
            encode_item(&s, r#"{"z": 1}"#).unwrap_err().to_string(),
            "E_ITEM_TYPE: T.z: expected null, got a number (null attribute)"
        );
    }

    #[test]
    fn paths_resolve_through_typed_and_dynamic_maps() {
        let s = schema();
        let spec_type = |path| match resolve(s.root(), path) {
            Ok(Target::Typed(spec)) => Some(spec.ty.name()),
            Ok(Target::Dynamic) => Some("inside dynamic"),
            Err(_) => None,
        };
        assert_eq!(spec_type("m.tags"), Some("stringSet"));
        assert_eq!(spec_type("m.any"), Some("dynamic"));
        assert_eq!(spec_type("m.any.x.y"), Some("inside dynamic"));
        assert_eq!(spec_type("l"), Some("list"));
        assert_eq!(spec_type("l.0"), None);
        assert_eq!(spec_type("m."), None);
        assert_eq!(spec_type("db s"), None, "paths use JS names");
    }

    #[test]
    fn duplicates() {
        assert!(unique(vec!["b", "a", "c"]).is_ok());
        assert!(unique::<&str>(vec![]).is_ok());
        assert!(unique(vec!["b", "a", "b"]).is_err());
    }
}
