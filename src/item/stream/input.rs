//! Reads the stream form the wasm exports take (a JS value the JS layer wrote) into a [`Tree`].

use super::op;
use crate::error::{err, Error, ErrorCode, Result};
use crate::item::tree::{Node, Text, Tree, TreeBuilder};
use crate::json_lexer::{check_depth, is_json_number};

/// Reads a stream-form input (a JS value the JS layer wrote). Malformed input is `E_ARGUMENT`
/// (the JS layer never writes it); nesting deeper than JSON allows is `E_JSON_DEPTH`.
pub(crate) fn read(input: &[u8]) -> Result<Tree<'_>> {
    // A guess from the input size (a value takes a few bytes), so that the arenas rarely grow.
    let nodes = input.len() / 8 + 8;
    let mut p = StreamReader {
        s: input,
        pos: 0,
        tree: TreeBuilder::with_capacity(nodes),
    };
    let root = p.value(0)?;
    if p.pos != input.len() {
        return Err(malformed());
    }
    Ok(p.tree.finish(root))
}

fn malformed() -> Error {
    err(ErrorCode::Argument, "malformed item stream")
}

struct StreamReader<'a> {
    s: &'a [u8],
    pos: usize,
    tree: TreeBuilder<'a>,
}

impl<'a> StreamReader<'a> {
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
        Ok(Text::stream(raw))
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
                let literal = self.text()?.raw();
                if !is_json_number(literal) {
                    return Err(malformed());
                }
                Node::Num(literal)
            }
            op::STR => Node::Str(self.text()?),
            op::LONE => Node::Str(Text::LONE),
            op::BYTES => Node::Bytes(self.slice()?),
            code @ (op::LIST | op::SET) => {
                let mark = self.tree.item_mark();
                while !self.at_end() {
                    let value = self.value(depth + 1)?;
                    self.tree.push_item(value);
                }
                let span = self.tree.close_items(mark);
                if code == op::SET {
                    Node::Set(span)
                } else {
                    Node::List(span)
                }
            }
            op::MAP => {
                let mark = self.tree.entry_mark();
                while !self.at_end() {
                    let key = match self.byte()? {
                        op::STR => self.text()?,
                        op::LONE => Text::LONE,
                        _ => return Err(malformed()),
                    };
                    let value = self.value(depth + 1)?;
                    self.tree.push_entry(key, value);
                }
                Node::Map(self.tree.close_entries(mark))
            }
            _ => return Err(malformed()),
        })
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::item::tree::{LoneSurrogate, Str};
    use crate::json_lexer::MAX_DEPTH;
    use alloc::borrow::Cow;

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
        let tree = read(&input).unwrap();
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
                read(bad).unwrap_err().code(),
                ErrorCode::Argument,
                "{bad:?}"
            );
        }
        let deep = [LIST].repeat(MAX_DEPTH + 1);
        assert_eq!(read(&deep).unwrap_err().code(), ErrorCode::JsonDepth);
    }
}
