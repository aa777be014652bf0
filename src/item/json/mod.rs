//! The item codec's JSON text forms, kept for the native Rust API and its tests (production goes
//! through the stream form): [`input`] reads items and AttributeValues written as JSON text,
//! [`output`] renders the stream output as JSON text (`docs/item-codec.md`, "JSON text forms").

pub(crate) mod input;
pub(crate) mod output;
