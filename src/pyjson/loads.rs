//! Python's `json.loads` on the crate's JSON lexer, and the tagged-JSON reader ([`super::from_wire`]).
//!
//! Python dialect: `NaN`, `Infinity`, `-Infinity` literals; integers of any size; the last of
//! duplicate keys wins (at the first key's position, as in a dict); raw control characters inside
//! strings are accepted (pynamodb_mate 5.x reads with `strict=False`). Tagged dialect: plain JSON whose
//! U+0000-tagged strings carry the values JSON cannot (see `tagged.rs`).

use super::{Int, Value};
use crate::error::{err, ErrorCode, Result};
use crate::json_lexer::{self, Builder, Dialect, JsonStr, Literal};
use alloc::{collections::BTreeMap, string::String, vec::Vec};

/// Parses text as Python's `json.loads(text)` would.
pub fn loads(text: &str) -> Result<Value> {
    read(text, false)
}

/// Parses Python JSON, or with `tagged` the tagged-JSON form (tags resolved, no NaN literals).
pub(super) fn read(text: &str, tagged: bool) -> Result<Value> {
    let dialect = Dialect {
        non_finite: !tagged,
        raw_controls: true,
    };
    json_lexer::read(text, dialect, &mut Values { tagged })
}

/// Builds owned [`Value`]s.
struct Values {
    tagged: bool,
}

/// A dict being read: its entries, and an index of them once it is large.
type Dict = (Vec<(String, Value)>, Option<BTreeMap<String, usize>>);

impl<'a> Builder<'a> for Values {
    type Value = Value;
    type List = Vec<Value>;
    type Map = Dict;

    fn literal(&mut self, literal: Literal) -> Value {
        match literal {
            Literal::Null => Value::Null,
            Literal::Bool(b) => Value::Bool(b),
            Literal::Float(x) => Value::Float(x),
        }
    }

    fn number(&mut self, literal: &'a str, is_float: bool) -> Result<Value> {
        if is_float {
            literal
                .parse()
                .map(Value::Float)
                .map_err(|_| err(ErrorCode::JsonSyntax, "invalid number"))
        } else {
            Int::parse(literal).map(Value::Int)
        }
    }

    fn string(&mut self, s: JsonStr<'a>) -> Result<Value> {
        let s = s.into_string()?;
        if self.tagged {
            super::tagged::untag(s)
        } else {
            Ok(Value::Str(s))
        }
    }

    fn list(&mut self) -> Vec<Value> {
        Vec::new()
    }

    fn push(&mut self, list: &mut Vec<Value>, value: Value) {
        list.push(value);
    }

    fn end_list(&mut self, list: Vec<Value>) -> Value {
        Value::List(list)
    }

    fn map(&mut self) -> Dict {
        (Vec::new(), None)
    }

    fn insert(
        &mut self,
        (entries, index): &mut Dict,
        key: JsonStr<'a>,
        value: Value,
    ) -> Result<()> {
        insert(entries, index, key.into_string()?, value);
        Ok(())
    }

    fn end_map(&mut self, (entries, _): Dict) -> Value {
        Value::Dict(entries)
    }
}

/// Dict insertion with Python semantics: a repeated key keeps its first position, takes the last value.
fn insert(
    entries: &mut Vec<(String, Value)>,
    index: &mut Option<BTreeMap<String, usize>>,
    key: String,
    value: Value,
) {
    const INDEX_FROM: usize = 16;
    if index.is_none() && entries.len() >= INDEX_FROM {
        // Inserted one by one: collect() would build it by sorting, 6 KB more wasm.
        let mut map = BTreeMap::new();
        for (i, (k, _)) in entries.iter().enumerate() {
            map.insert(k.clone(), i);
        }
        *index = Some(map);
    }
    let existing = match index {
        Some(map) => map.get(&key).copied(),
        None => entries.iter().position(|(k, _)| *k == key),
    };
    match existing {
        Some(i) => entries[i].1 = value,
        None => {
            if let Some(map) = index {
                map.insert(key.clone(), entries.len());
            }
            entries.push((key, value));
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn int(s: &str) -> Value {
        Value::Int(Int::parse(s).unwrap())
    }

    #[test]
    fn python_semantics() {
        assert_eq!(
            loads(" 12345678901234567890123 ").unwrap(),
            int("12345678901234567890123")
        );
        assert_eq!(loads("-0").unwrap(), int("0"));
        assert!(
            matches!(loads("-0.0").unwrap(), Value::Float(x) if x == 0.0 && x.is_sign_negative())
        );
        assert!(matches!(loads("1e400").unwrap(), Value::Float(x) if x == f64::INFINITY));
        assert!(matches!(loads("NaN").unwrap(), Value::Float(x) if x.is_nan()));
        assert_eq!(
            loads(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap(),
            Value::Dict(alloc::vec![("a".into(), int("3")), ("b".into(), int("2"))])
        );
        assert_eq!(loads(r#""\ud83d\ude00""#).unwrap(), Value::Str("😀".into()));
        assert_eq!(loads("\"a\tb\"").unwrap(), Value::Str("a\tb".into()));
    }

    #[test]
    fn large_object_with_duplicates() {
        let mut text = String::from("{");
        for i in 0..100 {
            text.push_str(&alloc::format!("\"k{}\": {i},", i % 40));
        }
        text.push_str("\"end\": 0}");
        let Value::Dict(entries) = loads(&text).unwrap() else {
            panic!("not a dict")
        };
        assert_eq!(entries.len(), 41);
        assert_eq!(entries[0], ("k0".into(), int("80")));
    }
}
