//! Reads an item or AttributeValues given as JSON text (the native API and its tests) into a
//! [`Tree`], with the crate's JSON lexer in its strict dialect: no NaN literals, no raw control
//! characters in strings.

use crate::error::Result;
use crate::item::tree::{Node, Text, Tree, TreeBuilder};
use crate::json_lexer::{self, Builder, Dialect, JsonStr, Literal};

/// Reads one JSON value (surrounding whitespace allowed). Errors are `E_JSON_SYNTAX`/`E_JSON_DEPTH`.
pub(crate) fn read(text: &str) -> Result<Tree<'_>> {
    let strict = Dialect {
        non_finite: false,
        raw_controls: false,
    };
    let mut builder = TreeBuilder::with_capacity(0);
    let root = json_lexer::read(text, strict, &mut builder)?;
    Ok(builder.finish(root))
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
        Ok(Node::Str(Text::json(s)))
    }

    fn list(&mut self) -> usize {
        self.item_mark()
    }

    fn push(&mut self, _: &mut usize, value: Node<'a>) {
        self.push_item(value);
    }

    fn end_list(&mut self, mark: usize) -> Node<'a> {
        Node::List(self.close_items(mark))
    }

    fn map(&mut self) -> usize {
        self.entry_mark()
    }

    fn insert(&mut self, _: &mut usize, key: JsonStr<'a>, value: Node<'a>) -> Result<()> {
        self.push_entry(Text::json(key), value);
        Ok(())
    }

    fn end_map(&mut self, mark: usize) -> Node<'a> {
        Node::Map(self.close_entries(mark))
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::error::ErrorCode;
    use crate::item::tree::{LoneSurrogate, Str};
    use crate::json_lexer::MAX_DEPTH;
    use alloc::{borrow::Cow, string::String};

    fn text(json: &str) -> Text<'_> {
        match *read(json).unwrap().root() {
            Node::Str(t) => t,
            other => panic!("not a string: {other:?}"),
        }
    }

    #[test]
    fn parses_structure_and_keeps_slices() {
        let tree =
            read(r#" {"a": [1, -2.5e+3, [[]], true, null], "b": {"c": "x"}, "a": 0} "#).unwrap();
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

    /// The grammar's errors are the lexer's (`json_lexer`'s tests); the strict dialect's are these.
    #[test]
    fn strict_dialect() {
        for bad in ["NaN", "[-Infinity]", "\"a\tb\"", "{\"a\nb\": 1}"] {
            assert_eq!(
                read(bad).unwrap_err().code(),
                ErrorCode::JsonSyntax,
                "{bad:?}"
            );
        }
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(read(&deep).unwrap_err().code(), ErrorCode::JsonDepth);
    }
}
