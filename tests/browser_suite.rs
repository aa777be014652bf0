//! The codec suite in a browser: `wasm-pack test --headless --chrome` runs this file
//! (the browser configuration below is what makes the runner use Chromium instead of Node).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "suite/mod.rs"]
mod suite;
