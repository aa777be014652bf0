//! A JSON reader with Python's `json.loads` semantics, shared by the Python and wire dialects.
//!
//! Python dialect: `NaN`, `Infinity`, `-Infinity` literals; integers of any size; the last of
//! duplicate keys wins (at the first key's position, as in a dict); raw control characters inside
//! strings are accepted (pynamodb_mate 5.x reads with `strict=False`). Wire dialect: plain JSON whose
//! U+0000-tagged strings carry the values JSON cannot (see `wire.rs`).

use super::{Int, Value, MAX_DEPTH};
use crate::error::{err, Error, ErrorCode, Result};
use alloc::{collections::BTreeMap, string::String, vec::Vec};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    Python,
    Wire,
}

/// Parses text as Python's `json.loads(text)` would.
pub fn loads(text: &str) -> Result<Value> {
    parse(text, Dialect::Python)
}

pub(super) fn parse(text: &str, dialect: Dialect) -> Result<Value> {
    let mut p = Parser {
        s: text.as_bytes(),
        pos: 0,
        dialect,
    };
    p.skip_ws();
    let value = p.value(0)?;
    p.skip_ws();
    if p.pos != p.s.len() {
        return Err(p.syntax("extra data"));
    }
    Ok(value)
}

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
    dialect: Dialect,
}

impl Parser<'_> {
    fn syntax(&self, what: &str) -> Error {
        err(
            ErrorCode::JsonSyntax,
            alloc::format!("{what} at byte {}", self.pos),
        )
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat_literal(&mut self, lit: &str) -> bool {
        if self.s[self.pos..].starts_with(lit.as_bytes()) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value> {
        if depth >= MAX_DEPTH {
            return Err(err(
                ErrorCode::JsonDepth,
                alloc::format!("nesting deeper than {MAX_DEPTH}"),
            ));
        }
        let python = self.dialect == Dialect::Python;
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let s = self.string()?;
                match self.dialect {
                    Dialect::Wire => super::wire::untag(s),
                    Dialect::Python => Ok(Value::Str(s)),
                }
            }
            Some(b'n') if self.eat_literal("null") => Ok(Value::Null),
            Some(b't') if self.eat_literal("true") => Ok(Value::Bool(true)),
            Some(b'f') if self.eat_literal("false") => Ok(Value::Bool(false)),
            Some(b'N') if python && self.eat_literal("NaN") => Ok(Value::Float(f64::NAN)),
            Some(b'I') if python && self.eat_literal("Infinity") => Ok(Value::Float(f64::INFINITY)),
            Some(b'-') if python && self.eat_literal("-Infinity") => {
                Ok(Value::Float(f64::NEG_INFINITY))
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.syntax("expecting value")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value> {
        self.pos += 1;
        let mut entries: Vec<(String, Value)> = Vec::new();
        // Only built for large objects, so that duplicate-key lookups stay linear overall.
        let mut index: Option<BTreeMap<String, usize>> = None;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Dict(entries));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.syntax("expecting property name enclosed in double quotes"));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.syntax("expecting ':' delimiter"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            insert(&mut entries, &mut index, key, value);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Dict(entries));
                }
                _ => return Err(self.syntax("expecting ',' delimiter")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::List(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::List(items));
                }
                _ => return Err(self.syntax("expecting ',' delimiter")),
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, Python's NUMBER_RE.
    fn number(&mut self) -> Result<Value> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.syntax("expecting value")),
        }
        let mut is_float = false;
        if self.peek() == Some(b'.') && self.s.get(self.pos + 1).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
            self.digits();
            is_float = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.digits();
                is_float = true;
            } else {
                self.pos = save; // Python's regex leaves a bare `e` unconsumed ("extra data").
            }
        }
        // The slice holds only ASCII digits, signs, '.', 'e'.
        let text = core::str::from_utf8(&self.s[start..self.pos]).unwrap_or("");
        if is_float {
            text.parse::<f64>()
                .map(Value::Float)
                .map_err(|_| self.syntax("invalid number"))
        } else {
            Int::parse(text).map(Value::Int)
        }
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    fn string(&mut self) -> Result<String> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\') {
                self.pos += 1;
            }
            // Runs split only at ASCII bytes, so they stay valid UTF-8 slices of the input.
            out.push_str(core::str::from_utf8(&self.s[run_start..self.pos]).unwrap_or(""));
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                _ => return Err(self.syntax("unterminated string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<()> {
        let c = self
            .peek()
            .ok_or_else(|| self.syntax("unterminated string"))?;
        self.pos += 1;
        match c {
            b'"' => out.push('"'),
            b'\\' => out.push('\\'),
            b'/' => out.push('/'),
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'u' => {
                let first = self.hex4()?;
                let code = if (0xd800..0xdc00).contains(&first)
                    && self.s[self.pos..].starts_with(b"\\u")
                {
                    let save = self.pos;
                    self.pos += 2;
                    let second = self.hex4()?;
                    if (0xdc00..0xe000).contains(&second) {
                        0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
                    } else {
                        self.pos = save;
                        first
                    }
                } else {
                    first
                };
                let ch = char::from_u32(code).ok_or_else(|| {
                    err(
                        ErrorCode::JsonSurrogate,
                        alloc::format!("lone surrogate \\u escape before byte {}", self.pos),
                    )
                })?;
                out.push(ch);
            }
            _ => return Err(self.syntax("invalid \\escape")),
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32> {
        let hex = self
            .s
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.syntax("invalid \\uXXXX escape"))?;
        let mut n = 0u32;
        for &h in hex {
            let d = (h as char)
                .to_digit(16)
                .ok_or_else(|| self.syntax("invalid \\uXXXX escape"))?;
            n = n * 16 + d;
        }
        self.pos += 4;
        Ok(n)
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
    fn rejections() {
        for (text, code) in [
            ("", ErrorCode::JsonSyntax),
            ("01", ErrorCode::JsonSyntax),
            ("1.", ErrorCode::JsonSyntax),
            ("[1,]", ErrorCode::JsonSyntax),
            ("{'a': 1}", ErrorCode::JsonSyntax),
            (r#""\ud800""#, ErrorCode::JsonSurrogate),
            (r#""\x""#, ErrorCode::JsonSyntax),
            ("\"abc", ErrorCode::JsonSyntax),
        ] {
            assert_eq!(loads(text).unwrap_err().code(), code, "{text:?}");
        }
        let deep = "[".repeat(MAX_DEPTH + 2);
        assert_eq!(loads(&deep).unwrap_err().code(), ErrorCode::JsonDepth);
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
