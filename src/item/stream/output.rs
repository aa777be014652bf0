//! Writes the item codec's output in the stream form (`docs/item-codec.md`, "The boundary"): codes
//! and inline bytes in one area, every string's UTF-8 in a text area that JS decodes with one call
//! and slices by UTF-16 length. The native API renders the same output as JSON text
//! (`json::output`).

use super::op;
use crate::pyjson;
use alloc::vec::Vec;

/// AttributeValue types, by their code in an AV op (`op::AV_TYPES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AvType {
    S = 0,
    N = 1,
    B = 2,
    Bool = 3,
    Null = 4,
    L = 5,
    M = 6,
    Ss = 7,
    Ns = 8,
    Bs = 9,
}

/// A position to go back to when a value written after it turns out to be omitted.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark {
    codes: usize,
    text: usize,
}

/// The item codec's output in the stream form: values, containers closed by an end code, map keys
/// as strings; the codes and the text area (`docs/item-codec.md`).
#[derive(Debug, Default)]
pub struct Out {
    codes: Vec<u8>,
    text: Vec<u8>,
}

impl Out {
    pub(crate) fn with_capacity(bytes: usize) -> Out {
        Out {
            codes: Vec::with_capacity(bytes / 4 + 64),
            text: Vec::with_capacity(bytes + 64),
        }
    }

    fn varint(&mut self, mut n: usize) {
        while n >= 0x80 {
            self.codes.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.codes.push(n as u8);
    }

    /// Appends `s` to the text area and its UTF-16 length to the codes.
    fn push_text(&mut self, s: &str) {
        // UTF-16 units: one per UTF-8 sequence (continuation bytes are 0b10xxxxxx), two for 4-byte ones.
        let units = if s.is_ascii() {
            s.len()
        } else {
            s.bytes()
                .map(|b| match b {
                    0x80..=0xbf => 0,
                    0xf0..=0xff => 2,
                    _ => 1,
                })
                .sum()
        };
        self.varint(units);
        self.text.extend_from_slice(s.as_bytes());
    }

    pub(crate) fn null(&mut self) {
        self.codes.push(op::NULL);
    }

    pub(crate) fn bool(&mut self, b: bool) {
        self.codes.push(if b { op::TRUE } else { op::FALSE });
    }

    /// A number literal (JSON grammar).
    pub(crate) fn num(&mut self, literal: &str) {
        self.codes.push(op::NUM);
        self.push_text(literal);
    }

    /// A float: a number literal, or an `f` tag for NaN, ±Infinity and, when `keep_type`, whole
    /// floats, which JS reads as `PythonFloat` (`pyjson::float_text`).
    pub(crate) fn float(&mut self, x: f64, keep_type: bool) {
        match pyjson::float_text(&mut ryu::Buffer::new(), x, keep_type) {
            (true, text) => self.tagged(b'f', text),
            (false, text) => self.num(text),
        }
    }

    pub(crate) fn str(&mut self, s: &str) {
        self.codes.push(op::STR);
        self.push_text(s);
    }

    /// A wire tag: `i` (BigInt digits), `f` (float text), `d` (Date epoch microseconds).
    pub(crate) fn tagged(&mut self, tag: u8, body: &str) {
        self.codes.extend_from_slice(&[op::TAG, tag]);
        self.push_text(body);
    }

    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.codes.push(op::BYTES);
        self.varint(b.len());
        self.codes.extend_from_slice(b);
    }

    pub(crate) fn list(&mut self) {
        self.codes.push(op::LIST);
    }

    pub(crate) fn map(&mut self) {
        self.codes.push(op::MAP);
    }

    pub(crate) fn set(&mut self) {
        self.codes.push(op::SET);
    }

    pub(crate) fn end(&mut self) {
        self.codes.push(op::END);
    }

    /// An AttributeValue of type `ty`; its value follows.
    pub(crate) fn av(&mut self, ty: AvType) {
        self.codes.extend_from_slice(&[op::AV, ty as u8]);
    }

    pub(crate) fn mark(&self) -> Mark {
        Mark {
            codes: self.codes.len(),
            text: self.text.len(),
        }
    }

    pub(crate) fn truncate(&mut self, mark: Mark) {
        self.codes.truncate(mark.codes);
        self.text.truncate(mark.text);
    }

    /// The codes (lengths of text-area strings in UTF-16 units).
    pub fn codes(&self) -> &[u8] {
        &self.codes
    }

    /// The text area: the UTF-8 of every string, number literal and tag body, in order.
    pub fn text(&self) -> &[u8] {
        &self.text
    }
}
