//! The item codec's input as read: a tree that borrows from the input, built by the JSON text
//! reader (`json::input`, the native API and its tests) and the stream reader (`stream::input`, the
//! wasm exports; `docs/item-codec.md`, "The boundary").
//!
//! Strings and numbers stay slices of the input, and escapes are decoded only when a string is
//! used. Containers keep their children in two arena vectors shared by the whole tree (children are
//! gathered on a scratch stack and moved into the arena when their container closes, so each
//! container's children are contiguous): a whole item is read with a handful of allocations. Strings
//! with a lone UTF-16 surrogate still parse: the codec reports them at their attribute path. Unlike
//! `pyjson` this keeps tags (U+0000 strings) raw, because the item codec reads tags that plain JSON
//! values may not contain (bytes, dates, sets), and it keeps duplicate keys (JSON.stringify writes
//! none).

use crate::json_lexer::JsonStr;
use alloc::{borrow::Cow, vec::Vec};

/// A value of the input; containers refer to their children in the [`Tree`].
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

/// A read input: the root and the arenas holding every container's children.
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
    /// A string of a JSON text.
    pub(super) fn json(s: JsonStr<'a>) -> Text<'a> {
        let form = if s.is_escaped() {
            Form::Escaped
        } else {
            Form::Json
        };
        Text { raw: s.raw(), form }
    }

    /// A string of the stream form.
    pub(super) fn stream(raw: &'a str) -> Text<'a> {
        Text {
            raw,
            form: Form::Stream,
        }
    }

    /// A stream string with a lone surrogate.
    pub(super) const LONE: Text<'static> = Text {
        raw: "",
        form: Form::Lone,
    };

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
            Form::Escaped => crate::json_lexer::unescape(self.raw)
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

/// A tree being read: the arenas, and the children of the containers still open (innermost last).
#[derive(Debug)]
pub(super) struct TreeBuilder<'a> {
    tree: Tree<'a>,
    item_stack: Vec<Node<'a>>,
    entry_stack: Vec<(Text<'a>, Node<'a>)>,
}

impl<'a> TreeBuilder<'a> {
    /// Room for about `nodes` values without growing.
    pub(super) fn with_capacity(nodes: usize) -> TreeBuilder<'a> {
        TreeBuilder {
            tree: Tree {
                root: Node::Null,
                items: Vec::with_capacity(nodes),
                entries: Vec::with_capacity(nodes),
            },
            item_stack: Vec::with_capacity(nodes),
            entry_stack: Vec::with_capacity(nodes),
        }
    }

    /// Where the elements of a list or set opened now start.
    pub(super) fn item_mark(&self) -> usize {
        self.item_stack.len()
    }

    pub(super) fn push_item(&mut self, value: Node<'a>) {
        self.item_stack.push(value);
    }

    /// The elements pushed since `mark`, moved into the arena.
    pub(super) fn close_items(&mut self, mark: usize) -> Span {
        close(&mut self.tree.items, &mut self.item_stack, mark)
    }

    /// Where the entries of a map opened now start.
    pub(super) fn entry_mark(&self) -> usize {
        self.entry_stack.len()
    }

    pub(super) fn push_entry(&mut self, key: Text<'a>, value: Node<'a>) {
        self.entry_stack.push((key, value));
    }

    /// The entries pushed since `mark`, moved into the arena.
    pub(super) fn close_entries(&mut self, mark: usize) -> Span {
        close(&mut self.tree.entries, &mut self.entry_stack, mark)
    }

    pub(super) fn finish(mut self, root: Node<'a>) -> Tree<'a> {
        self.tree.root = root;
        self.tree
    }
}

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
