//! The codec test suite: runs natively (`cargo test`) and as wasm in Node
//! (`wasm-pack test --node`). `browser_suite.rs` runs the same modules in headless Chromium.

mod suite;
