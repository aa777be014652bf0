//! Item errors with the attribute path they happened at (`Url.meta.a`, `Url.tags[2]`).
//!
//! The path is collected while the error unwinds, so the success path builds no strings. Problems
//! are fixed texts or lengths: values never appear, and neither do keys of dynamic maps (they are
//! data too), so a path stops at the dynamic attribute.

use crate::error::{err, Error, ErrorCode};
use alloc::{borrow::Cow, string::String, vec::Vec};
use core::fmt::Write;

/// An item error before it knows its model name; `path` is innermost first.
#[derive(Debug, Clone)]
pub(crate) struct Fault {
    code: ErrorCode,
    problem: Cow<'static, str>,
    path: Vec<Segment>,
}

#[derive(Debug, Clone)]
enum Segment {
    Name(String),
    Index(usize),
}

impl Fault {
    pub(crate) fn new(code: ErrorCode, problem: impl Into<Cow<'static, str>>) -> Fault {
        Fault {
            code,
            problem: problem.into(),
            path: Vec::new(),
        }
    }

    /// The fault happened inside the attribute (JS property) `name`.
    pub(crate) fn at(mut self, name: &str) -> Fault {
        self.path.push(Segment::Name(name.into()));
        self
    }

    /// The fault happened inside list element `index`.
    pub(crate) fn at_index(mut self, index: usize) -> Fault {
        self.path.push(Segment::Index(index));
        self
    }

    /// `E_CODE: Model.path: problem`.
    pub(crate) fn into_error(self, model: &str) -> Error {
        let mut message = String::from(model);
        for segment in self.path.iter().rev() {
            let _ = match segment {
                Segment::Name(name) => write!(message, ".{name}"),
                Segment::Index(i) => write!(message, "[{i}]"),
            };
        }
        let _ = write!(message, ": {}", self.problem);
        err(self.code, message)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn paths_read_outside_in() {
        let e = Fault::new(ErrorCode::ItemValue, "not an integer")
            .at("a")
            .at_index(2)
            .at("meta")
            .into_error("Url");
        assert_eq!(e.to_string(), "E_ITEM_VALUE: Url.meta[2].a: not an integer");
        let e = Fault::new(ErrorCode::ItemType, "not an object").into_error("Url");
        assert_eq!(e.to_string(), "E_ITEM_TYPE: Url: not an object");
    }
}
