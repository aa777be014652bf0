//! Python's `json` module, byte for byte.
//!
//! pynamodb_mate stores JSON and numbers as `json.dumps(value)`; deterministic encryption makes the
//! exact bytes matter (`1` vs `1.0`, `1e+16`, `"\u00e9"`). [`Value`] keeps what JavaScript values lose:
//! ints versus floats, ints beyond 2^53, NaN/Infinity and dict key order.
//!
//! Two text forms are read and written: Python's own (see [`dumps`], [`loads`]) and the tagged-JSON
//! ("wire") form used across the wasm boundary (standard JSON with U+0000-tagged strings, see
//! `docs/wasm-interface.md`, [`from_wire`], [`to_wire`]). Both are read with the crate's one JSON
//! lexer (`src/json_lexer.rs`).

mod dumps;
mod float_repr;
mod int;
mod loads;
mod tagged;

pub use crate::json_lexer::MAX_DEPTH;
pub use dumps::{dumps, DumpOptions};
pub use float_repr::float_repr;
pub use int::Int;
pub use loads::loads;
pub(crate) use tagged::{
    float_text, parse_js_number, write as write_wire, write_str, write_string,
};
pub use tagged::{from_wire, to_wire};

use alloc::{string::String, vec::Vec};

/// A Python JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(Int),
    Float(f64),
    Str(String),
    List(Vec<Value>),
    /// Insertion-ordered, keys unique (as a Python dict).
    Dict(Vec<(String, Value)>),
}
