//! Readers of item and AttributeValue inputs that borrow from them: JSON text (the native API and
//! its tests) and the stream form the wasm exports take (`docs/item-codec.md`, "The boundary").
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
use crate::json_lexer::{self, check_depth, is_json_number, Builder, Dialect, JsonStr, Literal};
use alloc::{borrow::Cow, vec::Vec};

/// A parsed JSON value; containers refer to their children in the [`Tree`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    /// The number literal as written (JSON grammar checked).
    Num(&'a str),
    Str(Text<'a>),
    /// Bytes (stream input only; JSON has `\u0000b` tags instead).
    Bytes(&'a [u8]),
    List(Span),
    Map(Span),
    /// A Set's elements (stream input only; JSON has `{"\u0000set": [...]}` instead).
    Set(Span),
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

/// A string of the input: the body of a JSON string between its quotes (escapes not yet decoded),
/// or a stream string.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Text<'a> {
    raw: &'a str,
    form: Form,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Form {
    /// JSON without escapes: the text as it is.
    Json,
    /// JSON with escapes.
    Escaped,
    /// A stream string: the text as it is, a leading U+0000 starting a tag.
    Stream,
    /// A stream string with a lone UTF-16 surrogate (no text: UTF-8 cannot hold it).
    Lone,
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
    /// The text when it has no JSON escapes (compare it with [`is_escaped`] first).
    ///
    /// [`is_escaped`]: Text::is_escaped
    pub(crate) fn raw(self) -> &'a str {
        self.raw
    }

    /// Whether the JSON text has escapes (so that [`raw`](Text::raw) is not the string).
    pub(crate) fn is_escaped(self) -> bool {
        matches!(self.form, Form::Escaped | Form::Lone)
    }

    /// The string's value; borrowed unless it has escapes.
    pub(crate) fn decode(self) -> core::result::Result<Cow<'a, str>, LoneSurrogate> {
        match self.form {
            Form::Json | Form::Stream => Ok(Cow::Borrowed(self.raw)),
            Form::Escaped => json_lexer::unescape(self.raw)
                .map(Cow::Owned)
                .map_err(|_| LoneSurrogate),
            Form::Lone => Err(LoneSurrogate),
        }
    }

    /// The string split into plain text or tag + body; tag bodies are borrowed when written plainly.
    pub(crate) fn read(self) -> core::result::Result<Str<'a>, LoneSurrogate> {
        if self.form == Form::Stream {
            let Some(rest) = self.raw.strip_prefix('\u{0}') else {
                return Ok(Str::Plain(Cow::Borrowed(self.raw)));
            };
            let mut chars = rest.chars();
            let tag = chars.next().unwrap_or('\u{0}');
            return Ok(Str::Tagged(tag, Cow::Borrowed(chars.as_str())));
        }
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

/// Parses one JSON value (surrounding whitespace allowed) with the crate's JSON lexer, strict:
/// no NaN literals, no raw control characters. Errors are `E_JSON_SYNTAX`/`E_JSON_DEPTH`.
pub(crate) fn parse(text: &str) -> Result<Tree<'_>> {
    let strict = Dialect {
        non_finite: false,
        raw_controls: false,
    };
    let mut builder = TreeBuilder {
        tree: Tree {
            root: Node::Null,
            items: Vec::new(),
            entries: Vec::new(),
        },
        item_stack: Vec::new(),
        entry_stack: Vec::new(),
    };
    builder.tree.root = json_lexer::read(text, strict, &mut builder)?;
    Ok(builder.tree)
}

/// Builds a [`Tree`]: containers are marks on the scratch stacks until they close.
struct TreeBuilder<'a> {
    tree: Tree<'a>,
    /// Children of the containers being read, innermost last.
    item_stack: Vec<Node<'a>>,
    entry_stack: Vec<(Text<'a>, Node<'a>)>,
}

fn json_text(s: JsonStr<'_>) -> Text<'_> {
    Text {
        raw: s.raw(),
        form: if s.is_escaped() {
            Form::Escaped
        } else {
            Form::Json
        },
    }
}

impl<'a> Builder<'a> for TreeBuilder<'a> {
    type Value = Node<'a>;
    type List = usize;
    type Map = usize;

    fn literal(&mut self, literal: Literal) -> Node<'a> {
        match literal {
            Literal::Null => Node::Null,
            Literal::Bool(b) => Node::Bool(b),
            // NaN and the infinities are not in the strict dialect: never read.
            Literal::Float(_) => Node::Null,
        }
    }

    fn number(&mut self, literal: &'a str, _: bool) -> Result<Node<'a>> {
        Ok(Node::Num(literal))
    }

    fn string(&mut self, s: JsonStr<'a>) -> Result<Node<'a>> {
        Ok(Node::Str(json_text(s)))
    }

    fn list(&mut self) -> usize {
        self.item_stack.len()
    }

    fn push(&mut self, _: &mut usize, value: Node<'a>) {
        self.item_stack.push(value);
    }

    fn end_list(&mut self, mark: usize) -> Node<'a> {
        Node::List(close(&mut self.tree.items, &mut self.item_stack, mark))
    }

    fn map(&mut self) -> usize {
        self.entry_stack.len()
    }

    fn insert(&mut self, _: &mut usize, key: JsonStr<'a>, value: Node<'a>) -> Result<()> {
        self.entry_stack.push((json_text(key), value));
        Ok(())
    }

    fn end_map(&mut self, mark: usize) -> Node<'a> {
        Node::Map(close(&mut self.tree.entries, &mut self.entry_stack, mark))
    }
}

/// The stream form's codes (`docs/item-codec.md`, "The boundary"); the item codec's output uses
/// them too (`super::stream`). Lengths are LEB128 varints.
pub(crate) mod op {
    pub(crate) const NULL: u8 = 0;
    pub(crate) const FALSE: u8 = 1;
    pub(crate) const TRUE: u8 = 2;
    /// A number literal (JSON grammar): input inline (length, ASCII), output in the text area.
    pub(crate) const NUM: u8 = 3;
    /// A string: input inline (length, UTF-8), output in the text area.
    pub(crate) const STR: u8 = 4;
    /// Output only: a tag letter, then its body in the text area (`i` BigInt, `f` float, `d` Date).
    pub(crate) const TAG: u8 = 5;
    /// Length, then the bytes inline.
    pub(crate) const BYTES: u8 = 6;
    /// Elements until END.
    pub(crate) const LIST: u8 = 7;
    /// Key (STR, or LONE in input) and value pairs until END.
    pub(crate) const MAP: u8 = 8;
    pub(crate) const END: u8 = 9;
    /// Elements until END.
    pub(crate) const SET: u8 = 10;
    /// Output only: an AttributeValue, its type code (index in `AV_TYPES`) and then its value.
    pub(crate) const AV: u8 = 11;
    /// Input only: a string with a lone UTF-16 surrogate, which UTF-8 cannot hold.
    pub(crate) const LONE: u8 = 12;

    /// AttributeValue type keys by their code in an AV op.
    pub(crate) const AV_TYPES: [&str; 10] =
        ["S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"];
}

/// Parses a stream-form input (a JS value the JS layer wrote). Malformed input is `E_ARGUMENT`
/// (the JS layer never writes it); nesting deeper than JSON allows is `E_JSON_DEPTH`.
pub(crate) fn parse_stream(input: &[u8]) -> Result<Tree<'_>> {
    // A guess from the input size (a value takes a few bytes), so that the arenas rarely grow.
    let nodes = input.len() / 8 + 8;
    let mut p = StreamParser {
        s: input,
        pos: 0,
        tree: Tree {
            root: Node::Null,
            items: Vec::with_capacity(nodes),
            entries: Vec::with_capacity(nodes),
        },
        item_stack: Vec::with_capacity(nodes),
        entry_stack: Vec::with_capacity(nodes),
    };
    p.tree.root = p.value(0)?;
    if p.pos != input.len() {
        return Err(malformed());
    }
    Ok(p.tree)
}

fn malformed() -> Error {
    err(ErrorCode::Argument, "malformed item stream")
}

struct StreamParser<'a> {
    s: &'a [u8],
    pos: usize,
    tree: Tree<'a>,
    item_stack: Vec<Node<'a>>,
    entry_stack: Vec<(Text<'a>, Node<'a>)>,
}

impl<'a> StreamParser<'a> {
    fn byte(&mut self) -> Result<u8> {
        let b = *self.s.get(self.pos).ok_or_else(malformed)?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<usize> {
        let mut n = 0usize;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            n |= usize::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
        }
        Err(malformed())
    }

    fn slice(&mut self) -> Result<&'a [u8]> {
        let len = self.varint()?;
        let end = self.pos.checked_add(len).ok_or_else(malformed)?;
        let slice = self.s.get(self.pos..end).ok_or_else(malformed)?;
        self.pos = end;
        Ok(slice)
    }

    fn text(&mut self) -> Result<Text<'a>> {
        let raw = core::str::from_utf8(self.slice()?).map_err(|_| malformed())?;
        Ok(Text {
            raw,
            form: Form::Stream,
        })
    }

    fn at_end(&mut self) -> bool {
        let end = self.s.get(self.pos) == Some(&op::END);
        if end {
            self.pos += 1;
        }
        end
    }

    fn value(&mut self, depth: usize) -> Result<Node<'a>> {
        check_depth(depth)?;
        Ok(match self.byte()? {
            op::NULL => Node::Null,
            op::FALSE => Node::Bool(false),
            op::TRUE => Node::Bool(true),
            op::NUM => {
                let literal = self.text()?.raw;
                if !is_json_number(literal) {
                    return Err(malformed());
                }
                Node::Num(literal)
            }
            op::STR => Node::Str(self.text()?),
            op::LONE => Node::Str(LONE),
            op::BYTES => Node::Bytes(self.slice()?),
            code @ (op::LIST | op::SET) => {
                let mark = self.item_stack.len();
                while !self.at_end() {
                    let value = self.value(depth + 1)?;
                    self.item_stack.push(value);
                }
                let span = close(&mut self.tree.items, &mut self.item_stack, mark);
                if code == op::SET {
                    Node::Set(span)
                } else {
                    Node::List(span)
                }
            }
            op::MAP => {
                let mark = self.entry_stack.len();
                while !self.at_end() {
                    let key = match self.byte()? {
                        op::STR => self.text()?,
                        op::LONE => LONE,
                        _ => return Err(malformed()),
                    };
                    let value = self.value(depth + 1)?;
                    self.entry_stack.push((key, value));
                }
                Node::Map(close(&mut self.tree.entries, &mut self.entry_stack, mark))
            }
            _ => return Err(malformed()),
        })
    }
}

const LONE: Text<'static> = Text {
    raw: "",
    form: Form::Lone,
};

/// Moves the children gathered since `mark` into the arena, contiguous.
fn close<T: Copy>(arena: &mut Vec<T>, stack: &mut Vec<T>, mark: usize) -> Span {
    let start = arena.len();
    arena.extend_from_slice(stack.get(mark..).unwrap_or_default());
    stack.truncate(mark);
    Span {
        start,
        len: arena.len() - start,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::json_lexer::MAX_DEPTH;
    use alloc::string::String;

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
    fn parses_the_stream_form() {
        use op::*;
        let input = [
            &[MAP, STR, 1, b'a', LIST, NUM, 4][..],
            b"-1.5",
            &[BYTES, 2, 0xff, 0],
            &[SET, STR, 3, 0, b'd', b'7', END],
            &[NULL, TRUE, FALSE, LONE, END, LONE, STR, 2],
            "é".as_bytes(),
            &[END],
        ]
        .concat();
        let tree = parse_stream(&input).unwrap();
        let Node::Map(span) = *tree.root() else {
            panic!("not a map")
        };
        let entries = tree.entries(span);
        assert_eq!(entries[0].0.decode().unwrap(), "a");
        assert_eq!(entries[1].0.decode(), Err(LoneSurrogate));
        assert!(
            matches!(entries[1].1, Node::Str(t) if t.read() == Ok(Str::Plain(Cow::Borrowed("é"))))
        );
        let Node::List(list) = entries[0].1 else {
            panic!("not a list")
        };
        let items = tree.items(list);
        assert_eq!(items[0], Node::Num("-1.5"));
        assert_eq!(items[1], Node::Bytes(&[0xff, 0]));
        let Node::Set(set) = items[2] else {
            panic!("not a set")
        };
        assert!(
            matches!(tree.items(set), [Node::Str(t)] if t.read() == Ok(Str::Tagged('d', Cow::Borrowed("7"))))
        );
        assert_eq!(
            &items[3..6],
            &[Node::Null, Node::Bool(true), Node::Bool(false)]
        );
        assert!(matches!(items[6], Node::Str(t) if t.read() == Err(LoneSurrogate)));

        for bad in [
            &[][..],
            &[LIST],
            &[NUM, 2, b'0', b'1'],
            &[STR, 2, b'a'],
            &[STR, 1, 0xff],
            &[MAP, NULL, NULL, END],
            &[TAG],
            &[NULL, NULL],
            &[BYTES, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f],
        ] {
            assert_eq!(
                parse_stream(bad).unwrap_err().code(),
                ErrorCode::Argument,
                "{bad:?}"
            );
        }
        let deep = [LIST].repeat(MAX_DEPTH + 1);
        assert_eq!(
            parse_stream(&deep).unwrap_err().code(),
            ErrorCode::JsonDepth
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
