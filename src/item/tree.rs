//! A JSON reader for item and AttributeValue texts that borrows from its input.
//!
//! Strings and numbers stay slices of the input, and escapes are decoded only when a string is
//! used. Containers keep their children in two arena vectors shared by the whole tree (children are
//! gathered on a scratch stack and moved into the arena when their container closes, so each
//! container's children are contiguous): a whole item is read with a handful of allocations. Strings
//! with a lone UTF-16 surrogate still parse: the codec reports them at their attribute path. Unlike
//! `pyjson` this keeps tags (U+0000 strings) raw, because the item codec reads tags that plain JSON
//! values may not contain (bytes, dates, sets), and it keeps duplicate keys (JSON.stringify writes
//! none). Raw control characters in strings are refused, as in strict JSON.

use crate::error::{err, Error, ErrorCode, Result};
use crate::pyjson::MAX_DEPTH;
use alloc::{borrow::Cow, string::String, vec::Vec};

/// A parsed JSON value; containers refer to their children in the [`Tree`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    /// The number literal as written (JSON grammar checked).
    Num(&'a str),
    Str(Text<'a>),
    List(Span),
    Map(Span),
}

/// Where a container's children are in the tree's arena.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Span {
    start: usize,
    len: usize,
}

/// A parsed JSON text: the root and the arenas holding every container's children.
#[derive(Debug)]
pub(crate) struct Tree<'a> {
    root: Node<'a>,
    items: Vec<Node<'a>>,
    entries: Vec<(Text<'a>, Node<'a>)>,
}

impl<'a> Tree<'a> {
    pub(crate) fn root(&self) -> &Node<'a> {
        &self.root
    }

    /// The elements of a list node.
    pub(crate) fn items(&self, span: Span) -> &[Node<'a>] {
        self.items
            .get(span.start..span.start + span.len)
            .unwrap_or_default()
    }

    /// The entries of a map node, in text order.
    pub(crate) fn entries(&self, span: Span) -> &[(Text<'a>, Node<'a>)] {
        self.entries
            .get(span.start..span.start + span.len)
            .unwrap_or_default()
    }
}

/// The body of a JSON string between its quotes, escapes not yet decoded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Text<'a> {
    raw: &'a str,
    escaped: bool,
}

/// What a string holds: plain text, or a U+0000 tag letter and the tag's body.
#[derive(Debug, PartialEq)]
pub(crate) enum Str<'a> {
    Plain(Cow<'a, str>),
    /// `'\0'` stands for a string that is U+0000 alone (no tag letter).
    Tagged(char, Cow<'a, str>),
}

/// A `\uD800`-style escape without its other half: no Rust string can hold it.
#[derive(Debug, PartialEq)]
pub(crate) struct LoneSurrogate;

/// How JSON.stringify writes U+0000.
const RAW_TAG: &str = "\\u0000";

impl<'a> Text<'a> {
    /// The JSON text between the quotes, valid to copy into JSON output when not [`escaped`].
    ///
    /// [`escaped`]: Text::is_escaped
    pub(crate) fn raw(self) -> &'a str {
        self.raw
    }

    pub(crate) fn is_escaped(self) -> bool {
        self.escaped
    }

    /// The string's value; borrowed unless it has escapes.
    pub(crate) fn decode(self) -> core::result::Result<Cow<'a, str>, LoneSurrogate> {
        if self.escaped {
            unescape(self.raw).map(Cow::Owned)
        } else {
            Ok(Cow::Borrowed(self.raw))
        }
    }

    /// Appends the string as a JSON string that is never a tag (an object key); returns its UTF-8
    /// length. Unescaped text is copied as it is.
    pub(crate) fn write_key(self, out: &mut String) -> core::result::Result<usize, LoneSurrogate> {
        if self.escaped {
            let key = unescape(self.raw)?;
            crate::pyjson::write_str(out, &key);
            Ok(key.len())
        } else {
            out.push('"');
            out.push_str(self.raw);
            out.push('"');
            Ok(self.raw.len())
        }
    }

    /// The string split into plain text or tag + body; tag bodies are borrowed when written plainly.
    pub(crate) fn read(self) -> core::result::Result<Str<'a>, LoneSurrogate> {
        if let Some(rest) = self.raw.strip_prefix(RAW_TAG) {
            let mut chars = rest.chars();
            if let Some(tag) = chars.next().filter(|&c| c != '\\') {
                if !chars.as_str().contains('\\') {
                    return Ok(Str::Tagged(tag, Cow::Borrowed(chars.as_str())));
                }
            }
        }
        let text = self.decode()?;
        let Some(rest) = text.strip_prefix('\u{0}') else {
            return Ok(Str::Plain(text));
        };
        let tag = rest.chars().next().unwrap_or('\u{0}');
        let mut body = text.into_owned();
        body.drain(..1 + tag.len_utf8().min(body.len() - 1));
        Ok(Str::Tagged(tag, Cow::Owned(body)))
    }
}

/// Parses one JSON value (surrounding whitespace allowed). Errors are `E_JSON_SYNTAX`/`E_JSON_DEPTH`.
pub(crate) fn parse(text: &str) -> Result<Tree<'_>> {
    let mut p = Parser {
        s: text,
        pos: 0,
        tree: Tree {
            root: Node::Null,
            items: Vec::new(),
            entries: Vec::new(),
        },
        item_stack: Vec::new(),
        entry_stack: Vec::new(),
    };
    p.skip_ws();
    p.tree.root = p.value(0)?;
    p.skip_ws();
    if p.pos != text.len() {
        return Err(p.syntax("extra data"));
    }
    Ok(p.tree)
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
    tree: Tree<'a>,
    /// Children of the containers being read, innermost last.
    item_stack: Vec<Node<'a>>,
    entry_stack: Vec<(Text<'a>, Node<'a>)>,
}

impl<'a> Parser<'a> {
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

    fn literal(&mut self, lit: &str, node: Node<'a>) -> Result<Node<'a>> {
        if self.s.as_bytes()[self.pos..].starts_with(lit.as_bytes()) {
            self.pos += lit.len();
            Ok(node)
        } else {
            Err(self.syntax("expecting value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node<'a>> {
        if depth >= MAX_DEPTH {
            return Err(err(
                ErrorCode::JsonDepth,
                alloc::format!("nesting deeper than {MAX_DEPTH}"),
            ));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Node::Str),
            Some(b'n') => self.literal("null", Node::Null),
            Some(b't') => self.literal("true", Node::Bool(true)),
            Some(b'f') => self.literal("false", Node::Bool(false)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.syntax("expecting value")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node<'a>> {
        self.pos += 1;
        let mark = self.entry_stack.len();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(self.close_map(mark));
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
            self.entry_stack.push((key, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(self.close_map(mark));
                }
                _ => return Err(self.syntax("expecting ',' delimiter")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Node<'a>> {
        self.pos += 1;
        let mark = self.item_stack.len();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(self.close_list(mark));
        }
        loop {
            self.skip_ws();
            let value = self.value(depth + 1)?;
            self.item_stack.push(value);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(self.close_list(mark));
                }
                _ => return Err(self.syntax("expecting ',' delimiter")),
            }
        }
    }

    /// Moves the children read since `mark` into the arena, contiguous.
    fn close_list(&mut self, mark: usize) -> Node<'a> {
        let start = self.tree.items.len();
        self.tree
            .items
            .extend_from_slice(self.item_stack.get(mark..).unwrap_or_default());
        self.item_stack.truncate(mark);
        Node::List(Span {
            start,
            len: self.tree.items.len() - start,
        })
    }

    fn close_map(&mut self, mark: usize) -> Node<'a> {
        let start = self.tree.entries.len();
        self.tree
            .entries
            .extend_from_slice(self.entry_stack.get(mark..).unwrap_or_default());
        self.entry_stack.truncate(mark);
        Node::Map(Span {
            start,
            len: self.tree.entries.len() - start,
        })
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`
    fn number(&mut self) -> Result<Node<'a>> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.syntax("expecting value")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.syntax("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.syntax("invalid number"));
            }
        }
        Ok(Node::Num(self.s.get(start..self.pos).unwrap_or_default()))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// Scans a string, checking its escapes; decoding waits for [`Text::decode`].
    fn string(&mut self) -> Result<Text<'a>> {
        self.pos += 1;
        let start = self.pos;
        let mut escaped = false;
        loop {
            // Plain bytes are skipped in one tight loop.
            let rest = self.s.as_bytes().get(self.pos..).unwrap_or_default();
            self.pos += rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len());
            match self.peek() {
                Some(b'"') => {
                    let raw = self.s.get(start..self.pos).unwrap_or_default();
                    self.pos += 1;
                    return Ok(Text { raw, escaped });
                }
                Some(b'\\') => {
                    escaped = true;
                    self.pos += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.pos += 1
                        }
                        Some(b'u') => {
                            let hex = self.s.as_bytes().get(self.pos + 1..self.pos + 5);
                            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                                return Err(self.syntax("invalid \\uXXXX escape"));
                            }
                            self.pos += 5;
                        }
                        _ => return Err(self.syntax("invalid \\escape")),
                    }
                }
                Some(_) => return Err(self.syntax("control character in string")),
                None => return Err(self.syntax("unterminated string")),
            }
        }
    }
}

/// Decodes the escapes of a string body the parser has checked.
fn unescape(raw: &str) -> core::result::Result<String, LoneSurrogate> {
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
            Some(b'u') => unicode_escape(esc)?,
            // `"`, `\` and `/` stand for themselves.
            _ => (esc.chars().next().unwrap_or('\\'), 1),
        };
        out.push(ch);
        rest = esc.get(used..).unwrap_or_default();
    }
    out.push_str(rest);
    Ok(out)
}

/// `uXXXX` (with `esc` starting at the `u`), joined with a following `\uXXXX` low surrogate.
fn unicode_escape(esc: &str) -> core::result::Result<(char, usize), LoneSurrogate> {
    let hex4 = |from: usize| {
        esc.get(from..from + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let first = hex4(1).ok_or(LoneSurrogate)?;
    if (0xd800..0xdc00).contains(&first) && esc.get(5..7) == Some("\\u") {
        if let Some(second @ 0xdc00..=0xdfff) = hex4(7) {
            let code = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
            return char::from_u32(code).map(|c| (c, 11)).ok_or(LoneSurrogate);
        }
    }
    char::from_u32(first).map(|c| (c, 5)).ok_or(LoneSurrogate)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn text(json: &str) -> Text<'_> {
        match *parse(json).unwrap().root() {
            Node::Str(t) => t,
            other => panic!("not a string: {other:?}"),
        }
    }

    #[test]
    fn parses_structure_and_keeps_slices() {
        let tree =
            parse(r#" {"a": [1, -2.5e+3, [[]], true, null], "b": {"c": "x"}, "a": 0} "#).unwrap();
        let Node::Map(span) = *tree.root() else {
            panic!("not a map")
        };
        let entries = tree.entries(span);
        assert_eq!(entries.len(), 3, "duplicate keys are kept");
        let Node::List(list) = entries[0].1 else {
            panic!("not a list")
        };
        let items = tree.items(list);
        assert_eq!(items.len(), 5);
        assert_eq!(&items[..2], &[Node::Num("1"), Node::Num("-2.5e+3")]);
        assert_eq!(&items[3..], &[Node::Bool(true), Node::Null]);
        let Node::List(nested) = items[2] else {
            panic!("not a list")
        };
        assert!(matches!(tree.items(nested), [Node::List(inner)] if tree.items(*inner).is_empty()));
        assert!(!entries[1].0.is_escaped());
        assert_eq!(entries[1].0.raw(), "b");
        let Node::Map(b) = entries[1].1 else {
            panic!("not a map")
        };
        assert!(
            matches!(tree.entries(b), [(key, Node::Str(x))] if key.raw() == "c" && x.raw() == "x")
        );
        assert_eq!(entries[2].1, Node::Num("0"));
    }

    #[test]
    fn decodes_escapes_lazily() {
        let t = text(r#""plain é""#);
        assert!(matches!(t.decode(), Ok(Cow::Borrowed("plain é"))));
        let t = text(r#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#);
        assert_eq!(t.decode().unwrap(), "a\"b\\c/d\né😀");
        assert_eq!(text(r#""\ud800""#).decode(), Err(LoneSurrogate));
        assert_eq!(text(r#""x\udc00y""#).decode(), Err(LoneSurrogate));
        assert_eq!(text(r#""\ud800\u0041""#).decode(), Err(LoneSurrogate));
    }

    #[test]
    fn reads_tags() {
        assert_eq!(
            text(r#""\u0000bZm8=""#).read().unwrap(),
            Str::Tagged('b', Cow::Borrowed("Zm8="))
        );
        assert_eq!(
            text(r#""\u0000s\u0000x""#).read().unwrap(),
            Str::Tagged('s', Cow::Owned("\u{0}x".into()))
        );
        assert_eq!(
            text(r#""\u0000""#).read().unwrap(),
            Str::Tagged('\u{0}', Cow::Owned(String::new()))
        );
        assert_eq!(
            text(r#""\u0000é""#).read().unwrap(),
            Str::Tagged('é', Cow::Borrowed(""))
        );
        assert_eq!(
            text(r#""\u0000\u00e9x""#).read().unwrap(),
            Str::Tagged('é', Cow::Owned("x".into()))
        );
        assert_eq!(
            text(r#""a\u0000""#).read().unwrap(),
            Str::Plain(Cow::Owned("a\u{0}".into()))
        );
    }

    #[test]
    fn rejections() {
        for (bad, code) in [
            ("", ErrorCode::JsonSyntax),
            ("01", ErrorCode::JsonSyntax),
            ("1.", ErrorCode::JsonSyntax),
            ("1e", ErrorCode::JsonSyntax),
            ("-", ErrorCode::JsonSyntax),
            ("NaN", ErrorCode::JsonSyntax),
            ("[1,]", ErrorCode::JsonSyntax),
            ("{\"a\" 1}", ErrorCode::JsonSyntax),
            ("\"a\tb\"", ErrorCode::JsonSyntax),
            (r#""\x""#, ErrorCode::JsonSyntax),
            (r#""\u12""#, ErrorCode::JsonSyntax),
            ("\"abc", ErrorCode::JsonSyntax),
            ("nul", ErrorCode::JsonSyntax),
            ("{} {}", ErrorCode::JsonSyntax),
        ] {
            assert_eq!(parse(bad).unwrap_err().code(), code, "{bad:?}");
        }
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep).unwrap_err().code(), ErrorCode::JsonDepth);
    }
}
