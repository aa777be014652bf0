//! Tests shared by the native, Node and browser runs. On wasm, `#[test]` is wasm-bindgen-test's.

mod envelope;
mod fixtures;
mod floats;
mod item;
mod known_answers;
mod plans;
#[cfg(not(target_arch = "wasm32"))]
mod properties;
mod python_fixtures;
mod sealed;
mod wycheproof;
