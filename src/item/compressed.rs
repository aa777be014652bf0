//! The `compressed` attribute type: pynamodb_mate's `Compressed*Attribute`, a B holding the gzip
//! of the value's plaintext. Written with MTIME 0, so equal values give equal bytes here (Python's
//! differ by write time: never compare compressed values, see the JS expression checks).

use super::fault::Fault;
use super::payload;
use crate::gzip;
use crate::kind::Kind;
use crate::pyjson::Value;
use alloc::vec::Vec;

/// The decompression bomb guard when the schema names none: 64 MiB.
const DEFAULT_MAX_OUTPUT: usize = 64 << 20;

#[derive(Debug)]
pub(crate) struct Compressed {
    pub(crate) kind: Kind,
    level: u32,
    /// pynamodb_mate 6.x writes JSON with `\u` escapes; 5.3.4.4 writes raw UTF-8. Both read both.
    pub(crate) ensure_ascii: bool,
    max_output: usize,
}

impl Compressed {
    /// The spec fields `kind` (string, binary, json), `level` (0..=9, default 9), `ensureAscii`
    /// (default true) and `maxOutput` (bytes, default 64 MiB); problems are messages for E_SCHEMA.
    pub(crate) fn parse<'v>(
        field: impl Fn(&str) -> Option<&'v Value>,
    ) -> core::result::Result<Compressed, &'static str> {
        let kind = match field("kind") {
            Some(Value::Str(k)) if k == "string" => Kind::String,
            Some(Value::Str(k)) if k == "binary" => Kind::Binary,
            Some(Value::Str(k)) if k == "json" => Kind::Json,
            _ => return Err("\"kind\" must be \"string\", \"binary\" or \"json\""),
        };
        let level = match field("level") {
            None => gzip::DEFAULT_LEVEL,
            Some(Value::Int(n)) => match n.as_str().parse::<u32>() {
                Ok(level) if level <= 9 => level,
                _ => return Err("\"level\" must be an integer from 0 to 9"),
            },
            Some(_) => return Err("\"level\" must be an integer from 0 to 9"),
        };
        let ensure_ascii = match field("ensureAscii") {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err("\"ensureAscii\" must be a boolean"),
        };
        let max_output = match field("maxOutput") {
            None => DEFAULT_MAX_OUTPUT,
            Some(Value::Int(n)) => n
                .as_str()
                .parse::<usize>()
                .map_err(|_| "\"maxOutput\" must be a non-negative integer")?,
            Some(_) => return Err("\"maxOutput\" must be a non-negative integer"),
        };
        Ok(Compressed {
            kind,
            level,
            ensure_ascii,
            max_output,
        })
    }

    pub(crate) fn compress(&self, plaintext: &[u8]) -> Result<Vec<u8>, Fault> {
        gzip::compress(plaintext, self.level, 0).map_err(payload::fault)
    }

    /// Any gzip stream Python or this library wrote, up to `maxOutput` bytes of plaintext.
    pub(crate) fn decompress(&self, stored: &[u8]) -> Result<Vec<u8>, Fault> {
        gzip::decompress(stored, self.max_output).map_err(payload::fault)
    }
}
