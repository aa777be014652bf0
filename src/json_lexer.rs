//! The crate's one JSON text reader: the grammar, strings with escapes and surrogate pairs, numbers,
//! literals, the depth limit and the error messages (`E_JSON_SYNTAX`, `E_JSON_DEPTH`,
//! `E_JSON_SURROGATE`: Python's `json` wording, at a byte offset). Numbers follow Python's NUMBER_RE,
//! which is JSON's grammar: what it leaves unread (`1.`, `01`) is refused by what follows.
//!
//! What a value becomes is left to a [`Builder`]: `pyjson` builds owned Python values (its Python
//! and tagged-JSON dialects), the item codec's JSON input builds a tree that borrows from the text.
//! Strings are handed over as [`JsonStr`] slices checked here and decoded by the builder, only if
//! and when it needs their value.

use crate::error::{err, Error, ErrorCode, Result};
use alloc::{borrow::Cow, string::String};

/// Deepest nesting accepted or produced; Python itself fails near 1000 with a RecursionError.
pub const MAX_DEPTH: usize = 512;

/// `E_JSON_DEPTH` unless `depth` (containers around the value) is below [`MAX_DEPTH`].
pub(crate) fn check_depth(depth: usize) -> Result<()> {
    if depth >= MAX_DEPTH {
        return Err(err(
            ErrorCode::JsonDepth,
            alloc::format!("nesting deeper than {MAX_DEPTH}"),
        ));
    }
    Ok(())
}

/// What the text may contain beyond strict JSON.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dialect {
    /// `NaN`, `Infinity` and `-Infinity` literals (Python's `json.loads`).
    pub(crate) non_finite: bool,
    /// Raw control characters inside strings (pynamodb_mate 5.x reads with `strict=False`).
    pub(crate) raw_controls: bool,
}

/// A literal other than a number or string.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Literal {
    Null,
    Bool(bool),
    /// NaN or ±Infinity (only in a [`Dialect`] with `non_finite`).
    Float(f64),
}

/// A string of the text: its body between the quotes, escapes checked but not decoded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct JsonStr<'a> {
    raw: &'a str,
    /// Byte offset of the body in the text, for error positions.
    start: usize,
    escaped: bool,
}

/// A `\uD800`-style escape without its other half (no Rust string can hold it); `end` is the
/// offset in the string body just after it.
#[derive(Debug, PartialEq)]
pub(crate) struct LoneSurrogate {
    pub(crate) end: usize,
}

impl<'a> JsonStr<'a> {
    /// The body as written (the value itself unless [`is_escaped`](JsonStr::is_escaped)).
    pub(crate) fn raw(self) -> &'a str {
        self.raw
    }

    pub(crate) fn is_escaped(self) -> bool {
        self.escaped
    }

    /// The value; borrowed unless the string has escapes.
    pub(crate) fn decode(self) -> core::result::Result<Cow<'a, str>, LoneSurrogate> {
        if self.escaped {
            unescape(self.raw).map(Cow::Owned)
        } else {
            Ok(Cow::Borrowed(self.raw))
        }
    }

    /// The value, a lone surrogate being `E_JSON_SURROGATE` at its position in the text.
    pub(crate) fn into_string(self) -> Result<String> {
        self.decode().map(Cow::into_owned).map_err(|lone| {
            err(
                ErrorCode::JsonSurrogate,
                alloc::format!(
                    "lone surrogate \\u escape before byte {}",
                    self.start + lone.end
                ),
            )
        })
    }
}

/// Makes values out of what the reader finds. Containers are built through an accumulator of the
/// builder's choice (a vector, or a mark on a scratch stack).
pub(crate) trait Builder<'a> {
    type Value;
    type List;
    type Map;
    fn literal(&mut self, literal: Literal) -> Self::Value;
    /// A number literal as written (JSON's grammar checked); `is_float` when it has `.` or `e`.
    fn number(&mut self, literal: &'a str, is_float: bool) -> Result<Self::Value>;
    fn string(&mut self, s: JsonStr<'a>) -> Result<Self::Value>;
    fn list(&mut self) -> Self::List;
    fn push(&mut self, list: &mut Self::List, value: Self::Value);
    fn end_list(&mut self, list: Self::List) -> Self::Value;
    fn map(&mut self) -> Self::Map;
    fn insert(&mut self, map: &mut Self::Map, key: JsonStr<'a>, value: Self::Value) -> Result<()>;
    fn end_map(&mut self, map: Self::Map) -> Self::Value;
}

/// Reads one JSON value (surrounding whitespace allowed) with `builder`.
pub(crate) fn read<'a, B: Builder<'a>>(
    text: &'a str,
    dialect: Dialect,
    builder: &mut B,
) -> Result<B::Value> {
    let mut lexer = Lexer {
        s: text,
        pos: 0,
        dialect,
    };
    lexer.skip_ws();
    let value = lexer.value(builder, 0)?;
    lexer.skip_ws();
    if lexer.pos != text.len() {
        return Err(lexer.syntax("extra data"));
    }
    Ok(value)
}

struct Lexer<'a> {
    s: &'a str,
    pos: usize,
    dialect: Dialect,
}

impl<'a> Lexer<'a> {
    fn syntax(&self, what: &str) -> Error {
        err(
            ErrorCode::JsonSyntax,
            alloc::format!("{what} at byte {}", self.pos),
        )
    }

    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, lit: &str) -> bool {
        let found = self.s.as_bytes()[self.pos..].starts_with(lit.as_bytes());
        if found {
            self.pos += lit.len();
        }
        found
    }

    fn value<B: Builder<'a>>(&mut self, b: &mut B, depth: usize) -> Result<B::Value> {
        check_depth(depth)?;
        let non_finite = self.dialect.non_finite;
        let literal = match self.peek() {
            Some(b'{') => return self.object(b, depth),
            Some(b'[') => return self.array(b, depth),
            Some(b'"') => {
                let s = self.string()?;
                return b.string(s);
            }
            Some(b'n') if self.eat("null") => Literal::Null,
            Some(b't') if self.eat("true") => Literal::Bool(true),
            Some(b'f') if self.eat("false") => Literal::Bool(false),
            Some(b'N') if non_finite && self.eat("NaN") => Literal::Float(f64::NAN),
            Some(b'I') if non_finite && self.eat("Infinity") => Literal::Float(f64::INFINITY),
            Some(b'-') if non_finite && self.eat("-Infinity") => Literal::Float(f64::NEG_INFINITY),
            Some(b'-' | b'0'..=b'9') => return self.number(b),
            _ => return Err(self.syntax("expecting value")),
        };
        Ok(b.literal(literal))
    }

    fn object<B: Builder<'a>>(&mut self, b: &mut B, depth: usize) -> Result<B::Value> {
        self.pos += 1;
        let mut map = b.map();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(b.end_map(map));
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
            let value = self.value(b, depth + 1)?;
            b.insert(&mut map, key, value)?;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(b.end_map(map));
                }
                _ => return Err(self.syntax("expecting ',' delimiter")),
            }
        }
    }

    fn array<B: Builder<'a>>(&mut self, b: &mut B, depth: usize) -> Result<B::Value> {
        self.pos += 1;
        let mut list = b.list();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(b.end_list(list));
        }
        loop {
            self.skip_ws();
            let value = self.value(b, depth + 1)?;
            b.push(&mut list, value);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(b.end_list(list));
                }
                _ => return Err(self.syntax("expecting ',' delimiter")),
            }
        }
    }

    fn number<B: Builder<'a>>(&mut self, b: &mut B) -> Result<B::Value> {
        let rest = self.s.get(self.pos..).unwrap_or_default();
        let Some((len, is_float)) = number_prefix(rest) else {
            return Err(self.syntax("expecting value"));
        };
        self.pos += len;
        b.number(rest.get(..len).unwrap_or_default(), is_float)
    }

    fn string(&mut self) -> Result<JsonStr<'a>> {
        self.pos += 1; // opening quote
        let start = self.pos;
        let mut escaped = false;
        let strict = !self.dialect.raw_controls;
        loop {
            // Plain bytes are skipped in one tight loop.
            let rest = self.s.as_bytes().get(self.pos..).unwrap_or_default();
            self.pos += rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || (strict && b < 0x20))
                .unwrap_or(rest.len());
            match self.peek() {
                Some(b'"') => {
                    let raw = self.s.get(start..self.pos).unwrap_or_default();
                    self.pos += 1;
                    return Ok(JsonStr {
                        raw,
                        start,
                        escaped,
                    });
                }
                Some(b'\\') => {
                    escaped = true;
                    self.pos += 1;
                    self.escape()?;
                }
                Some(_) => return Err(self.syntax("control character in string")),
                None => return Err(self.syntax("unterminated string")),
            }
        }
    }

    /// Checks the escape after a backslash.
    fn escape(&mut self) -> Result<()> {
        let c = self
            .peek()
            .ok_or_else(|| self.syntax("unterminated string"))?;
        self.pos += 1;
        match c {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Ok(()),
            b'u' => {
                let hex = self.s.as_bytes().get(self.pos..self.pos + 4);
                if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                    return Err(self.syntax("invalid \\uXXXX escape"));
                }
                self.pos += 4;
                Ok(())
            }
            _ => Err(self.syntax("invalid \\escape")),
        }
    }
}

/// The length of the number at the start of `text` by Python's NUMBER_RE,
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, and whether it has a fraction or exponent.
/// What follows the match (`1.` leaves the `.`) is the caller's to refuse.
fn number_prefix(text: &str) -> Option<(usize, bool)> {
    let b = text.as_bytes();
    let digits = |from: usize| {
        b.get(from..)
            .map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let mut pos = usize::from(b.first() == Some(&b'-'));
    match b.get(pos) {
        Some(b'0') => pos += 1,
        Some(b'1'..=b'9') => pos += digits(pos),
        _ => return None,
    }
    let mut is_float = false;
    if b.get(pos) == Some(&b'.') && digits(pos + 1) > 0 {
        pos += 1 + digits(pos + 1);
        is_float = true;
    }
    if matches!(b.get(pos), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(pos + 1), Some(b'+' | b'-')));
        let n = digits(pos + 1 + sign);
        if n > 0 {
            pos += 1 + sign + n;
            is_float = true;
        }
    }
    Some((pos, is_float))
}

/// Whether `text` is exactly one JSON number literal.
pub(crate) fn is_json_number(text: &str) -> bool {
    number_prefix(text).is_some_and(|(len, _)| len == text.len())
}

/// Decodes the escapes of a string body the lexer has checked.
pub(crate) fn unescape(raw: &str) -> core::result::Result<String, LoneSurrogate> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('\\') {
        out.push_str(rest.get(..i).unwrap_or_default());
        let esc = rest.get(i + 1..).unwrap_or_default();
        let (ch, used) = match esc.as_bytes().first() {
            Some(b'b') => ('\u{8}', 1),
            Some(b'f') => ('\u{c}', 1),
            Some(b'n') => ('\n', 1),
            Some(b'r') => ('\r', 1),
            Some(b't') => ('\t', 1),
            Some(b'u') => unicode_escape(esc).map_err(|used| LoneSurrogate {
                end: raw.len() - esc.len() + used,
            })?,
            // `"`, `\` and `/` stand for themselves.
            _ => (esc.chars().next().unwrap_or('\\'), 1),
        };
        out.push(ch);
        rest = esc.get(used..).unwrap_or_default();
    }
    out.push_str(rest);
    Ok(out)
}

/// `uXXXX` (with `esc` starting at the `u`), joined with a following `\uXXXX` low surrogate; a lone
/// surrogate is the length of its escape.
fn unicode_escape(esc: &str) -> core::result::Result<(char, usize), usize> {
    let hex4 = |from: usize| {
        esc.get(from..from + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let first = hex4(1).ok_or(5usize)?;
    if (0xd800..0xdc00).contains(&first) && esc.get(5..7) == Some("\\u") {
        if let Some(second @ 0xdc00..=0xdfff) = hex4(7) {
            let code = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
            return char::from_u32(code).map(|c| (c, 11)).ok_or(11usize);
        }
    }
    char::from_u32(first).map(|c| (c, 5)).ok_or(5usize)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// Reads a text into a compact description of what the builder saw (strings decoded).
    struct Echo;

    impl<'a> Builder<'a> for Echo {
        type Value = String;
        type List = String;
        type Map = String;
        fn literal(&mut self, literal: Literal) -> String {
            alloc::format!("{literal:?}")
        }
        fn number(&mut self, literal: &'a str, is_float: bool) -> Result<String> {
            Ok(alloc::format!(
                "{}{literal}",
                if is_float { "f" } else { "i" }
            ))
        }
        fn string(&mut self, s: JsonStr<'a>) -> Result<String> {
            Ok(alloc::format!("{:?}", s.into_string()?))
        }
        fn list(&mut self) -> String {
            "[".into()
        }
        fn push(&mut self, list: &mut String, value: String) {
            list.push_str(&value);
            list.push(' ');
        }
        fn end_list(&mut self, list: String) -> String {
            list + "]"
        }
        fn map(&mut self) -> String {
            "{".into()
        }
        fn insert(&mut self, map: &mut String, key: JsonStr<'a>, value: String) -> Result<()> {
            map.push_str(&alloc::format!("{}:{value} ", key.into_string()?));
            Ok(())
        }
        fn end_map(&mut self, map: String) -> String {
            map + "}"
        }
    }

    const STRICT: Dialect = Dialect {
        non_finite: false,
        raw_controls: false,
    };
    const PYTHON: Dialect = Dialect {
        non_finite: true,
        raw_controls: true,
    };

    fn echo(text: &str, dialect: Dialect) -> Result<String> {
        read(text, dialect, &mut Echo)
    }

    fn message(text: &str, dialect: Dialect) -> String {
        alloc::format!("{}", echo(text, dialect).unwrap_err())
    }

    #[test]
    fn reads_every_token() {
        assert_eq!(
            echo(
                r#" {"a": [1, -2.5e+3, true, null, "x\n\u00e9\ud83d\ude00"], "b": {}} "#,
                STRICT
            )
            .unwrap(),
            r#"{a:[i1 f-2.5e+3 Bool(true) Null "x\né😀" ] b:{} }"#
        );
        assert_eq!(
            echo("[NaN, -Infinity, \"a\tb\"]", PYTHON).unwrap(),
            "[Float(NaN) Float(-inf) \"a\\tb\" ]"
        );
    }

    #[test]
    fn errors_name_the_problem_and_python_position() {
        for (text, dialect, expected) in [
            ("", STRICT, "E_JSON_SYNTAX: expecting value at byte 0"),
            ("01", STRICT, "E_JSON_SYNTAX: extra data at byte 1"),
            ("1.", STRICT, "E_JSON_SYNTAX: extra data at byte 1"),
            (
                "[1e]",
                STRICT,
                "E_JSON_SYNTAX: expecting ',' delimiter at byte 2",
            ),
            ("NaN", STRICT, "E_JSON_SYNTAX: expecting value at byte 0"),
            ("nul", STRICT, "E_JSON_SYNTAX: expecting value at byte 0"),
            ("[1,]", STRICT, "E_JSON_SYNTAX: expecting value at byte 3"),
            (
                "{'a': 1}",
                STRICT,
                "E_JSON_SYNTAX: expecting property name enclosed in double quotes at byte 1",
            ),
            (
                "{\"a\" 1}",
                STRICT,
                "E_JSON_SYNTAX: expecting ':' delimiter at byte 5",
            ),
            (
                "\"a\tb\"",
                STRICT,
                "E_JSON_SYNTAX: control character in string at byte 2",
            ),
            (
                r#""\x""#,
                STRICT,
                "E_JSON_SYNTAX: invalid \\escape at byte 3",
            ),
            (
                r#""\u12""#,
                STRICT,
                "E_JSON_SYNTAX: invalid \\uXXXX escape at byte 3",
            ),
            (
                "\"abc",
                STRICT,
                "E_JSON_SYNTAX: unterminated string at byte 4",
            ),
            (
                "\"a\\",
                PYTHON,
                "E_JSON_SYNTAX: unterminated string at byte 3",
            ),
            (
                r#"["\ud800x"]"#,
                STRICT,
                "E_JSON_SURROGATE: lone surrogate \\u escape before byte 8",
            ),
            (
                r#""\ud800\u0041""#,
                STRICT,
                "E_JSON_SURROGATE: lone surrogate \\u escape before byte 7",
            ),
            (
                r#""a\udc00""#,
                STRICT,
                "E_JSON_SURROGATE: lone surrogate \\u escape before byte 8",
            ),
        ] {
            assert_eq!(message(text, dialect), expected, "{text:?}");
        }
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(
            message(&deep, STRICT),
            "E_JSON_DEPTH: nesting deeper than 512"
        );
        assert!(echo(&"[".repeat(MAX_DEPTH - 1), STRICT)
            .is_err_and(|e| e.code() == ErrorCode::JsonSyntax));
    }

    #[test]
    fn json_number_grammar() {
        for good in ["0", "-0", "12", "1.5", "-0.25e-3", "1E+21", "9e9"] {
            assert!(is_json_number(good), "{good}");
        }
        for bad in [
            "", "-", "01", "1.", ".5", "1e", "1e+", "+1", "1.5.5", "NaN", "0x1", "1 ",
        ] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }

    #[test]
    fn decodes_escapes_only_when_asked() {
        let s = |text| {
            let mut found = None;
            struct Keep<'k, 'a>(&'k mut Option<JsonStr<'a>>);
            impl<'a> Builder<'a> for Keep<'_, 'a> {
                type Value = ();
                type List = ();
                type Map = ();
                fn literal(&mut self, _: Literal) {}
                fn number(&mut self, _: &'a str, _: bool) -> Result<()> {
                    Ok(())
                }
                fn string(&mut self, s: JsonStr<'a>) -> Result<()> {
                    *self.0 = Some(s);
                    Ok(())
                }
                fn list(&mut self) {}
                fn push(&mut self, _: &mut (), _: ()) {}
                fn end_list(&mut self, _: ()) {}
                fn map(&mut self) {}
                fn insert(&mut self, _: &mut (), _: JsonStr<'a>, _: ()) -> Result<()> {
                    Ok(())
                }
                fn end_map(&mut self, _: ()) {}
            }
            read(text, STRICT, &mut Keep(&mut found)).unwrap();
            found.unwrap()
        };
        let plain = s(r#""plain é""#);
        assert!(!plain.is_escaped());
        assert!(matches!(plain.decode(), Ok(Cow::Borrowed("plain é"))));
        assert_eq!(
            s(r#""a\"b\\c\/d\b\f\r\t""#).decode().unwrap(),
            "a\"b\\c/d\u{8}\u{c}\r\t"
        );
        assert_eq!(s(r#""\ud800""#).decode(), Err(LoneSurrogate { end: 6 }));
        assert_eq!(s(r#""x\udc00y""#).decode(), Err(LoneSurrogate { end: 7 }));
    }
}
