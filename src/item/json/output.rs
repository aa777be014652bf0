//! Renders the item codec's stream output ([`Out`]) as JSON text, for the native API and its tests.

use crate::base64;
use crate::item::stream::{op, output::Out};
use crate::pyjson;
use alloc::string::String;

/// The output as the native API's JSON text: AttributeValues in the SDK's shape, bytes as
/// `"\u0000b<base64>"`, tags as `"\u0000<letter><body>"`, Sets as `{"\u0000set": [...]}`, strings
/// starting with U+0000 escaped as `"\u0000s..."` (`docs/item-codec.md`).
pub(crate) fn to_json(out: &Out) -> String {
    let mut r = Renderer {
        codes: out.codes(),
        text: core::str::from_utf8(out.text()).unwrap_or_default(),
        json: String::with_capacity(out.codes().len() + out.text().len() * 2),
    };
    while !r.codes.is_empty() {
        r.value();
    }
    r.json
}

/// Reads the codes the [`Out`] methods wrote (so, unlike input, never malformed).
struct Renderer<'o> {
    codes: &'o [u8],
    text: &'o str,
    json: String,
}

impl<'o> Renderer<'o> {
    fn byte(&mut self) -> u8 {
        let (&b, rest) = self.codes.split_first().unwrap_or((&op::END, &[]));
        self.codes = rest;
        b
    }

    fn varint(&mut self) -> usize {
        let mut n = 0;
        let mut shift = 0;
        loop {
            let b = self.byte();
            n |= usize::from(b & 0x7f) << shift;
            shift += 7;
            if b < 0x80 || shift > 28 {
                return n;
            }
        }
    }

    /// The next string of the text area (its UTF-16 length is in the codes).
    fn text(&mut self) -> &'o str {
        let mut units = self.varint();
        let mut end = 0;
        for c in self.text.chars() {
            if units == 0 {
                break;
            }
            units = units.saturating_sub(c.len_utf16());
            end += c.len_utf8();
        }
        let (s, rest) = self.text.split_at(end);
        self.text = rest;
        s
    }

    fn value(&mut self) {
        match self.byte() {
            op::NULL => self.json.push_str("null"),
            op::FALSE => self.json.push_str("false"),
            op::TRUE => self.json.push_str("true"),
            op::NUM => {
                let literal = self.text();
                self.json.push_str(literal);
            }
            op::STR => {
                let s = self.text();
                pyjson::write_string(&mut self.json, s);
            }
            op::TAG => {
                let tag = char::from(self.byte());
                let body = self.text();
                let tagged = alloc::format!("\u{0}{tag}{body}");
                pyjson::write_str(&mut self.json, &tagged);
            }
            op::BYTES => {
                let len = self.varint();
                let (bytes, rest) = self.codes.split_at(len.min(self.codes.len()));
                self.codes = rest;
                self.json.push_str("\"\\u0000b");
                base64::encode(&mut self.json, bytes);
                self.json.push('"');
            }
            op::LIST => self.elements('[', ']'),
            op::SET => {
                self.json.push_str("{\"\\u0000set\":");
                self.elements('[', ']');
                self.json.push('}');
            }
            op::MAP => {
                self.json.push('{');
                let mut first = true;
                while self.codes.first().is_some_and(|&c| c != op::END) {
                    if !first {
                        self.json.push(',');
                    }
                    first = false;
                    self.byte(); // the key's STR code
                    let key = self.text();
                    pyjson::write_str(&mut self.json, key);
                    self.json.push(':');
                    self.value();
                }
                self.byte();
                self.json.push('}');
            }
            op::AV => {
                let ty = op::AV_TYPES
                    .get(usize::from(self.byte()))
                    .copied()
                    .unwrap_or_default();
                self.json.push_str("{\"");
                self.json.push_str(ty);
                self.json.push_str("\":");
                self.value();
                self.json.push('}');
            }
            _ => {}
        }
    }

    fn elements(&mut self, open: char, close: char) {
        self.json.push(open);
        let mut first = true;
        while self.codes.first().is_some_and(|&c| c != op::END) {
            if !first {
                self.json.push(',');
            }
            first = false;
            self.value();
        }
        self.byte();
        self.json.push(close);
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::item::stream::output::AvType;

    #[test]
    fn renders_every_code_as_json() {
        let mut out = Out::default();
        out.map();
        out.str("a\"b");
        out.av(AvType::L);
        out.list();
        out.av(AvType::S);
        out.str("\u{0}x é😀");
        out.av(AvType::B);
        out.bytes(b"fo");
        out.end();
        out.str("v");
        out.set();
        out.num("1e0");
        out.tagged(b'i', "123456789012345678901");
        out.tagged(b'd', "-1");
        out.null();
        out.bool(true);
        out.bool(false);
        out.end();
        let mark = out.mark();
        out.str("omitted");
        out.str("value");
        out.truncate(mark);
        out.end();
        assert_eq!(
            to_json(&out),
            concat!(
                r#"{"a\"b":{"L":[{"S":"\u0000s\u0000x é😀"},{"B":"\u0000bZm8="}]},"#,
                r#""v":{"\u0000set":[1e0,"\u0000i123456789012345678901","\u0000d-1",null,true,false]}}"#
            )
        );
        // UTF-16 lengths: "\u{0}x é😀" is 6 units (the emoji is two).
        let s_value = [op::AV, AvType::S as u8, op::STR, 6];
        assert!(out.codes().windows(4).any(|w| w == s_value));
        assert!(core::str::from_utf8(out.text())
            .unwrap()
            .starts_with("a\"b\u{0}x é😀"));
    }
}
