//! A model's schema: parsed and checked once, then shared by every encode and decode.
//!
//! Registration does the work that would otherwise repeat per item: attribute names are looked up
//! through sorted indexes (JS name and DynamoDB name). Unknown spec fields are ignored, so the JS layer may keep its own (key flags, defaults).

use super::binary::Encoding;
use super::compressed::Compressed;
use super::encrypted::Encrypted;
use super::number::NumberMode;
use crate::error::{err, Error, ErrorCode, Result};
use crate::pyjson::{self, Value};
use alloc::{boxed::Box, string::String, vec::Vec};

/// DynamoDB nests documents at most 32 levels deep; a deeper schema could never be stored.
const MAX_NESTING: usize = 32;

/// A registered model schema (see `docs/item-codec.md`).
#[derive(Debug)]
pub struct Schema {
    model: Box<str>,
    root: Fields,
    /// Indexes into the root attributes of the hash key, then the range key (schema fields
    /// `"hashKey"` and `"rangeKey"`, JS names): what randomized aead values are bound to.
    key: Box<[usize]>,
    /// Whether some attribute binds its values to the key (checked once, not per item).
    binds_items: bool,
}

/// The attributes of the item or of a typed map.
#[derive(Debug)]
pub(crate) struct Fields {
    attrs: Box<[Attr]>,
    /// Indexes into `attrs` sorted by JS name, and by DynamoDB name.
    by_name: Box<[usize]>,
    by_db_name: Box<[usize]>,
}

#[derive(Debug)]
pub(crate) struct Attr {
    pub(crate) name: Box<str>,
    pub(crate) db_name: Box<str>,
    pub(crate) spec: Spec,
}

/// What an attribute or a list element holds.
#[derive(Debug)]
pub(crate) struct Spec {
    pub(crate) ty: Type,
    pub(crate) nullable: bool,
}

#[derive(Debug)]
pub(crate) enum Type {
    String,
    Number(NumberMode),
    Binary(Encoding),
    Boolean,
    Null,
    StringSet,
    NumberSet(NumberMode),
    BinarySet(Encoding),
    /// Typed elements, or dynamic ones when `None`.
    List(Option<Box<Spec>>),
    Map(Fields),
    Dynamic,
    Json,
    Datetime,
    Ttl,
    Version,
    Compressed(Compressed),
    /// Top-level attributes only (the aead context is the table and the attribute's name).
    Encrypted(Box<Encrypted>),
}

impl Type {
    /// Values bound to the item's key: randomized aead (`Encrypted::binds_item`).
    pub(crate) fn binds_item(&self) -> bool {
        matches!(self, Type::Encrypted(e) if e.binds_item())
    }

    pub(crate) fn is_set(&self) -> bool {
        matches!(
            self,
            Type::StringSet | Type::NumberSet(_) | Type::BinarySet(_)
        )
    }

    /// The schema's name of the type, for messages.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Number(_) => "number",
            Type::Binary(_) => "binary",
            Type::Boolean => "boolean",
            Type::Null => "null",
            Type::StringSet => "stringSet",
            Type::NumberSet(_) => "numberSet",
            Type::BinarySet(_) => "binarySet",
            Type::List(_) => "list",
            Type::Map(_) => "map",
            Type::Dynamic => "dynamic",
            Type::Json => "json",
            Type::Datetime => "datetime",
            Type::Ttl => "ttl",
            Type::Version => "version",
            Type::Compressed(_) => "compressed",
            Type::Encrypted(_) => "encrypted",
        }
    }
}

impl Schema {
    /// Parses and checks a schema JSON text; problems are `E_SCHEMA` naming model and attribute.
    pub fn parse(json: &str) -> Result<Schema> {
        let value =
            pyjson::loads(json).map_err(|_| err(ErrorCode::Schema, "schema: not valid JSON"))?;
        let model = match field(&value, "model") {
            Some(Value::Str(m)) if !m.is_empty() => m.as_str(),
            _ => {
                return Err(err(
                    ErrorCode::Schema,
                    "schema: \"model\" must be a non-empty string",
                ))
            }
        };
        let table = match field(&value, "table") {
            None => None,
            Some(Value::Str(t)) if !t.is_empty() => Some(t.as_str()),
            Some(_) => {
                return Err(err(
                    ErrorCode::Schema,
                    alloc::format!("{model}: \"table\" must be a non-empty string"),
                ))
            }
        };
        let mut ctx = Context {
            model,
            table,
            path: String::new(),
            ttl: false,
            version: false,
        };
        let attributes = field(&value, "attributes");
        let root = ctx.fields(attributes, 0)?;
        let key = key_attrs(model, &value, &root)?;
        let binds_items = root.attrs.iter().any(|a| a.spec.ty.binds_item());
        Ok(Schema {
            model: model.into(),
            root,
            key,
            binds_items,
        })
    }

    /// The key attributes, hash then range (empty when the schema names none).
    pub(crate) fn key(&self) -> impl Iterator<Item = &Attr> {
        self.key.iter().filter_map(|&i| self.root.attrs.get(i))
    }

    /// True when some attribute binds its values to the item's key (randomized aead).
    pub(crate) fn binds_items(&self) -> bool {
        self.binds_items
    }

    /// The model name errors start with.
    pub fn model(&self) -> &str {
        &self.model
    }

    pub(crate) fn root(&self) -> &Fields {
        &self.root
    }

    /// Sets the keys of the encrypted attribute `name` (see [`Encrypted::set_keys`]); `E_ARGUMENT`
    /// when `name` is not one.
    pub fn set_keys(
        &mut self,
        name: &str,
        current: &str,
        ids: &[String],
        keys: &[u8],
        legacy: Option<&[u8]>,
    ) -> Result<()> {
        let model = &self.model;
        let encrypted = self
            .root
            .by_name(name, 0)
            .and_then(|i| self.root.attrs.get_mut(i))
            .and_then(|a| match &mut a.spec.ty {
                Type::Encrypted(e) => Some(e),
                _ => None,
            })
            .ok_or_else(|| {
                err(
                    ErrorCode::Argument,
                    alloc::format!("{model}: no encrypted attribute has this name"),
                )
            })?;
        encrypted
            .set_keys(current, ids, keys, legacy)
            .map_err(|e| err(e.code(), alloc::format!("{model}.{name}: {}", e.message())))
    }
}

impl Fields {
    pub(crate) fn attrs(&self) -> &[Attr] {
        &self.attrs
    }

    /// The attribute with JS name `name`; `hint` is tried first (items usually arrive in schema order).
    pub(crate) fn by_name(&self, name: &str, hint: usize) -> Option<usize> {
        Self::find(&self.attrs, &self.by_name, name, hint, |a| &a.name)
    }

    /// The attribute with DynamoDB name `db_name`; `hint` as in [`by_name`](Self::by_name).
    pub(crate) fn by_db_name(&self, db_name: &str, hint: usize) -> Option<usize> {
        Self::find(&self.attrs, &self.by_db_name, db_name, hint, |a| &a.db_name)
    }

    fn find(
        attrs: &[Attr],
        index: &[usize],
        key: &str,
        hint: usize,
        name_of: impl Fn(&Attr) -> &str,
    ) -> Option<usize> {
        if attrs.get(hint).is_some_and(|a| name_of(a) == key) {
            return Some(hint);
        }
        let name_at = |&i: &usize| attrs.get(i).map(&name_of).unwrap_or_default();
        let found = index.binary_search_by(|i| name_at(i).cmp(key)).ok()?;
        index.get(found).copied()
    }
}

/// The schema's `"hashKey"` and `"rangeKey"`: top-level attributes of a key type. A schema with a
/// randomized aead attribute needs its hash key, which those values are bound to.
fn key_attrs(model: &str, schema: &Value, root: &Fields) -> Result<Box<[usize]>> {
    let fail = |problem: &str| err(ErrorCode::Schema, alloc::format!("{model}: {problem}"));
    let mut key = Vec::with_capacity(2);
    for which in ["hashKey", "rangeKey"] {
        let name = match field(schema, which) {
            None => continue,
            Some(Value::Str(name)) => name,
            Some(_) => return Err(fail(&alloc::format!("\"{which}\" must be a string"))),
        };
        let index = root
            .by_name(name, 0)
            .filter(|&i| {
                root.attrs.get(i).is_some_and(|a| {
                    !a.spec.nullable
                        && matches!(
                            a.spec.ty,
                            Type::String | Type::Number(_) | Type::Binary(_) | Type::Datetime
                        )
                })
            })
            .ok_or_else(|| {
                fail(&alloc::format!(
                    "\"{which}\" must name a non-nullable string, number, binary or datetime attribute"
                ))
            })?;
        if which == "rangeKey" && key.is_empty() {
            return Err(fail("a \"rangeKey\" needs a \"hashKey\""));
        }
        key.push(index);
    }
    if key.is_empty() && root.attrs.iter().any(|a| a.spec.ty.binds_item()) {
        return Err(fail(
            "randomized aead values are bound to their item's key: the schema needs its \"hashKey\"",
        ));
    }
    Ok(key.into_boxed_slice())
}

/// The value of `key` in a JSON object.
fn field<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    match value {
        Value::Dict(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

/// Parsing state: where we are (for messages) and what the whole model may hold only once.
struct Context<'m> {
    model: &'m str,
    /// The schema's table name: the aead context of encrypted attributes.
    table: Option<&'m str>,
    /// The JS path of the attribute being parsed (`meta.a`, `tags[]`).
    path: String,
    ttl: bool,
    version: bool,
}

impl Context<'_> {
    fn fail(&self, problem: &str) -> Error {
        let at = if self.path.is_empty() { "" } else { "." };
        err(
            ErrorCode::Schema,
            alloc::format!("{}{at}{}: {problem}", self.model, self.path),
        )
    }

    fn fields(&mut self, attributes: Option<&Value>, depth: usize) -> Result<Fields> {
        let Some(Value::List(list)) = attributes else {
            return Err(self.fail("\"attributes\" must be an array of attribute specs"));
        };
        let outer = self.path.len();
        let mut attrs = Vec::with_capacity(list.len());
        for spec in list {
            let name = match field(spec, "name") {
                Some(Value::Str(n)) => n.as_str(),
                _ => return Err(self.fail("every attribute needs a \"name\" string")),
            };
            if !self.path.is_empty() {
                self.path.push('.');
            }
            self.path.push_str(name);
            attrs.push(self.attr(spec, name, depth)?);
            self.path.truncate(outer);
        }
        let sorted = |key: fn(&Attr) -> &str| {
            crate::order::sorted_indices(attrs.len(), &|a, b| key(&attrs[a]).cmp(key(&attrs[b])))
        };
        let by_name = sorted(|a| &a.name);
        let by_db_name = sorted(|a| &a.db_name);
        for (index, key, what) in [
            (&by_name, (|a| &a.name) as fn(&Attr) -> &str, "name"),
            (&by_db_name, |a| &a.db_name, "dbName"),
        ] {
            if let Some(pair) = index
                .windows(2)
                .find(|w| key(&attrs[w[0]]) == key(&attrs[w[1]]))
            {
                self.path
                    .push_str(if self.path.is_empty() { "" } else { "." });
                self.path.push_str(&attrs[pair[1]].name);
                return Err(self.fail(&alloc::format!("duplicate attribute {what}")));
            }
        }
        Ok(Fields {
            attrs: attrs.into_boxed_slice(),
            by_name: by_name.into_boxed_slice(),
            by_db_name: by_db_name.into_boxed_slice(),
        })
    }

    fn attr(&mut self, spec: &Value, name: &str, depth: usize) -> Result<Attr> {
        if name.is_empty() || name.contains('.') || name.starts_with('\u{0}') {
            return Err(
                self.fail("\"name\" must be non-empty, without '.', not starting with U+0000")
            );
        }
        let db_name = match field(spec, "dbName") {
            None => name,
            Some(Value::Str(n)) if !n.is_empty() => n.as_str(),
            Some(_) => return Err(self.fail("\"dbName\" must be a non-empty string")),
        };
        let spec = self.spec(spec, depth, (depth == 0).then_some(db_name))?;
        if matches!(spec.ty, Type::Ttl | Type::Version) {
            let seen = if matches!(spec.ty, Type::Ttl) {
                &mut self.ttl
            } else {
                &mut self.version
            };
            if depth > 0 || core::mem::replace(seen, true) {
                return Err(self.fail(&alloc::format!(
                    "a model has at most one {} attribute, at the top level",
                    spec.ty.name()
                )));
            }
        }
        Ok(Attr {
            name: name.into(),
            db_name: db_name.into(),
            spec,
        })
    }

    /// The type part of an attribute spec, or a list's element spec; `top` is a top-level
    /// attribute's DynamoDB name.
    fn spec(&mut self, spec: &Value, depth: usize, top: Option<&str>) -> Result<Spec> {
        if !matches!(spec, Value::Dict(_)) {
            return Err(self.fail("an attribute spec must be an object"));
        }
        if depth >= MAX_NESTING {
            return Err(self.fail("nested deeper than DynamoDB's 32 levels"));
        }
        let nullable = match field(spec, "nullable") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(self.fail("\"nullable\" must be a boolean")),
        };
        let type_name = match field(spec, "type") {
            Some(Value::Str(t)) => t.as_str(),
            _ => return Err(self.fail("\"type\" must be a string")),
        };
        let number = field(spec, "number");
        if number.is_some() && !matches!(type_name, "number" | "numberSet") {
            return Err(self.fail("\"number\" applies to number and numberSet attributes only"));
        }
        let mode = match number {
            None => NumberMode::Auto,
            Some(Value::Str(m)) if m == "auto" => NumberMode::Auto,
            Some(Value::Str(m)) if m == "int" => NumberMode::Int,
            Some(Value::Str(m)) if m == "float" => NumberMode::Float,
            Some(_) => return Err(self.fail("\"number\" must be \"int\", \"float\" or \"auto\"")),
        };
        let of = field(spec, "of");
        if of.is_some() && type_name != "list" {
            return Err(self.fail("\"of\" applies to list attributes only"));
        }
        let attributes = field(spec, "attributes");
        if attributes.is_some() && type_name != "map" {
            return Err(self.fail("\"attributes\" applies to map attributes only"));
        }
        for (name, types, message) in TYPE_FIELDS {
            if field(spec, name).is_some() && !types.contains(&type_name) {
                return Err(self.fail(message));
            }
        }
        let binary = self.binary_encoding(spec, top.is_some())?;
        let ty = match type_name {
            "string" => Type::String,
            "number" => Type::Number(mode),
            "binary" => Type::Binary(binary),
            "boolean" => Type::Boolean,
            "null" => Type::Null,
            "stringSet" => Type::StringSet,
            "numberSet" => Type::NumberSet(mode),
            "binarySet" => Type::BinarySet(binary),
            "dynamic" => Type::Dynamic,
            "json" => Type::Json,
            "datetime" => Type::Datetime,
            "ttl" => Type::Ttl,
            "version" => Type::Version,
            "list" => match of {
                None => Type::List(None),
                Some(element) => {
                    let outer = self.path.len();
                    self.path.push_str("[]");
                    let element = self.spec(element, depth + 1, None)?;
                    if matches!(element.ty, Type::Ttl | Type::Version) {
                        return Err(self.fail("ttl and version are top-level attributes only"));
                    }
                    self.path.truncate(outer);
                    Type::List(Some(Box::new(element)))
                }
            },
            "map" => Type::Map(self.fields(attributes, depth + 1)?),
            "compressed" => Type::Compressed(
                Compressed::parse(|name| field(spec, name)).map_err(|p| self.fail(p))?,
            ),
            "encrypted" => {
                let Some(db_name) = top else {
                    return Err(self.fail("encrypted attributes are top-level attributes only"));
                };
                let encrypted = Encrypted::parse(|name| field(spec, name), self.table, db_name)
                    .map_err(|p| self.fail(p))?;
                Type::Encrypted(Box::new(encrypted))
            }
            _ => return Err(self.fail("unknown \"type\"")),
        };
        Ok(Spec { ty, nullable })
    }

    /// A binary or binarySet spec's `"legacyEncoding"`: top-level attributes only, as in pynamodb,
    /// where pynamodb < 6 base64-encoded only those (`TYPE_FIELDS` limits it to the two types).
    fn binary_encoding(&self, spec: &Value, top_level: bool) -> Result<Encoding> {
        match field(spec, "legacyEncoding") {
            None | Some(Value::Bool(false)) => Ok(Encoding::Raw),
            Some(Value::Bool(true)) if top_level => Ok(Encoding::LegacyBase64),
            Some(Value::Bool(true)) => Err(self.fail(
                "\"legacyEncoding\" applies to top-level attributes only (pynamodb < 6 encoded only those)",
            )),
            Some(_) => Err(self.fail("\"legacyEncoding\" must be a boolean")),
        }
    }
}

/// Spec fields of one type family: (field, the types it applies to, the message otherwise).
const TYPE_FIELDS: [(&str, &[&str], &str); 8] = [
    (
        "kind",
        &["compressed", "encrypted"],
        "\"kind\" applies to compressed and encrypted attributes only",
    ),
    (
        "level",
        &["compressed"],
        "\"level\" applies to compressed attributes only",
    ),
    (
        "ensureAscii",
        &["compressed"],
        "\"ensureAscii\" applies to compressed attributes only",
    ),
    (
        "maxOutput",
        &["compressed"],
        "\"maxOutput\" applies to compressed attributes only",
    ),
    (
        "format",
        &["encrypted"],
        "\"format\" applies to encrypted attributes only",
    ),
    (
        "deterministic",
        &["encrypted"],
        "\"deterministic\" applies to encrypted attributes only",
    ),
    (
        "legacy",
        &["encrypted"],
        "\"legacy\" applies to encrypted attributes only",
    ),
    (
        "legacyEncoding",
        &["binary", "binarySet"],
        "\"legacyEncoding\" applies to binary and binarySet attributes only",
    ),
];

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    const URL: &str = r#"{ "model": "Url", "hashKey": "url",
      "attributes": [
        { "name": "url",  "dbName": "url",  "type": "string", "nullable": false },
        { "name": "n",    "dbName": "n",    "type": "number", "number": "int" },
        { "name": "meta", "dbName": "m",    "type": "map", "nullable": true,
          "attributes": [ { "name": "a", "dbName": "a", "type": "datetime" } ] },
        { "name": "tags", "dbName": "tags", "type": "list", "of": { "type": "string" } },
        { "name": "raw",  "type": "dynamic", "default": 1 } ] }"#;

    #[test]
    fn parses_the_spec_example() {
        let schema = Schema::parse(URL).unwrap();
        assert_eq!(schema.model(), "Url");
        let root = schema.root();
        assert_eq!(root.attrs().len(), 5);
        assert_eq!(root.by_name("meta", 0), Some(2));
        assert_eq!(root.by_db_name("m", 0), Some(2));
        assert_eq!(root.by_name("m", 0), None);
        assert_eq!(root.by_name("raw", 4), Some(4));
        assert_eq!(&*root.attrs()[4].db_name, "raw", "dbName defaults to name");
        assert_eq!(&*root.attrs()[2].db_name, "m");
        assert!(matches!(
            root.attrs()[1].spec.ty,
            Type::Number(NumberMode::Int)
        ));
        let Type::Map(meta) = &root.attrs()[2].spec.ty else {
            panic!("meta is a map")
        };
        assert!(root.attrs()[2].spec.nullable);
        assert!(matches!(meta.attrs()[0].spec.ty, Type::Datetime));
    }

    #[test]
    fn errors_name_model_and_attribute() {
        let attrs = |list: &str| alloc::format!(r#"{{"model": "M", "attributes": [{list}]}}"#);
        for (schema, message) in [
            ("[".into(), "schema: not valid JSON"),
            (
                r#"{"attributes": []}"#.into(),
                "schema: \"model\" must be a non-empty string",
            ),
            (
                r#"{"model": "M"}"#.into(),
                "M: \"attributes\" must be an array of attribute specs",
            ),
            (
                attrs(r#"{"name": "a", "type": "strng"}"#),
                "M.a: unknown \"type\"",
            ),
            (
                attrs(r#"{"type": "string"}"#),
                "M: every attribute needs a \"name\" string",
            ),
            (
                attrs(r#"{"name": "a.b", "type": "string"}"#),
                "M.a.b: \"name\" must be non-empty, without '.', not starting with U+0000",
            ),
            (
                attrs(r#"{"name": "a", "type": "string", "nullable": 1}"#),
                "M.a: \"nullable\" must be a boolean",
            ),
            (
                attrs(r#"{"name": "a", "type": "string", "number": "int"}"#),
                "M.a: \"number\" applies to number and numberSet attributes only",
            ),
            (
                attrs(r#"{"name": "a", "type": "number", "number": "decimal"}"#),
                "M.a: \"number\" must be \"int\", \"float\" or \"auto\"",
            ),
            (
                attrs(r#"{"name": "a", "type": "map"}"#),
                "M.a: \"attributes\" must be an array of attribute specs",
            ),
            (
                attrs(r#"{"name": "a", "type": "string", "of": {}}"#),
                "M.a: \"of\" applies to list attributes only",
            ),
            (
                attrs(r#"{"name": "a", "type": "list", "of": {"type": "x"}}"#),
                "M.a[]: unknown \"type\"",
            ),
            (
                attrs(r#"{"name": "a", "type": "list", "of": {"type": "ttl"}}"#),
                "M.a[]: ttl and version are top-level attributes only",
            ),
            (
                attrs(
                    r#"{"name": "a", "type": "map", "attributes": [{"name": "v", "type": "version"}]}"#,
                ),
                "M.a.v: a model has at most one version attribute, at the top level",
            ),
            (
                attrs(r#"{"name": "a", "type": "ttl"}, {"name": "b", "type": "ttl"}"#),
                "M.b: a model has at most one ttl attribute, at the top level",
            ),
            (
                attrs(
                    r#"{"name": "a", "type": "string"}, {"name": "a", "dbName": "b", "type": "string"}"#,
                ),
                "M.a: duplicate attribute name",
            ),
            (
                attrs(
                    r#"{"name": "a", "type": "string"}, {"name": "b", "dbName": "a", "type": "string"}"#,
                ),
                "M.b: duplicate attribute dbName",
            ),
            (
                attrs(r#"{"name": "a", "dbName": "", "type": "string"}"#),
                "M.a: \"dbName\" must be a non-empty string",
            ),
            (
                attrs(r#""a""#),
                "M: every attribute needs a \"name\" string",
            ),
        ] {
            let e = Schema::parse(&schema).unwrap_err();
            assert_eq!(e.code(), ErrorCode::Schema, "{schema}");
            assert_eq!(e.message(), message, "{schema}");
        }
    }

    #[test]
    fn nesting_is_limited() {
        let mut spec = String::from(r#"{"type": "string"}"#);
        for _ in 0..MAX_NESTING {
            spec = alloc::format!(r#"{{"type": "list", "of": {spec}}}"#);
        }
        let schema = |spec: &str| {
            alloc::format!(
                r#"{{"model": "M", "attributes": [{{"name": "a", {}]}}"#,
                &spec[1..]
            )
        };
        assert_eq!(
            Schema::parse(&schema(&spec))
                .unwrap_err()
                .message()
                .rsplit(": ")
                .next(),
            Some("nested deeper than DynamoDB's 32 levels")
        );
        let ok = spec.replacen(r#"{"type": "list", "of": "#, "", 1);
        let ok = &ok[..ok.len() - 1];
        assert!(Schema::parse(&schema(ok)).is_ok());
    }
}
