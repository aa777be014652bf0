//! The codec core of dynamodb-mate: everything deterministic that a JavaScript service needs to
//! share DynamoDB items and S3 objects with Python's pynamodb_mate, compiled to WebAssembly.
//!
//! No I/O happens here. Every failure is an [`Error`] with a stable [`ErrorCode`]; nothing panics on
//! any input (property tests and fuzz targets check it), because a panic in wasm is a trap that
//! would take the JS caller down with it.
//!
//! ```
//! use dynamodb_mate::{gzip, legacy, pyjson};
//!
//! // Python: json.dumps({"price": 1.0, "n": 10**20})
//! let v = pyjson::loads(r#"{"price": 1.0, "n": 100000000000000000000}"#).unwrap();
//! assert_eq!(pyjson::dumps(&v, &Default::default()).unwrap(), r#"{"price": 1.0, "n": 100000000000000000000}"#);
//!
//! // pynamodb_mate's deterministic encryption, byte-exact.
//! let key = legacy::key_from_password("my-password");
//! let stored = legacy::ecb_encrypt(&key, b"alice@example.com");
//! assert_eq!(legacy::ecb_decrypt(&key, &stored).unwrap(), b"alice@example.com");
//!
//! let packed = gzip::compress(b"<html>...</html>", gzip::DEFAULT_LEVEL, 0).unwrap();
//! assert_eq!(gzip::decompress(&packed, 1 << 20).unwrap(), b"<html>...</html>");
//! ```

#![deny(unsafe_code)]
#![warn(missing_debug_implementations, rust_2018_idioms)]
// Without the item codec (the codec-only module), helpers that only it calls are unused.
#![cfg_attr(not(feature = "item"), allow(dead_code, unused_imports))]

extern crate alloc;

pub mod aead;
pub mod aead_ring;
mod base64;
pub mod base85;
pub mod console;
mod constant_time;
pub mod datetime;
mod error;
pub mod gcm_siv;
pub mod gzip;
pub mod hash;
#[cfg(feature = "item")]
pub mod item;
mod json_lexer;
pub mod kind;
pub mod legacy;
mod order;
pub mod pyjson;
mod random;
pub mod value;
mod wasm;

pub use error::{Error, ErrorCode, Result};

/// The README's Rust examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
