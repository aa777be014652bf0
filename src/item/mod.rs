//! The item codec: a whole item between JS and DynamoDB in one call each way, with pynamodb's
//! semantics for every plain attribute type (`docs/item-codec.md`).
//!
//! A [`Schema`] is parsed once per model. [`encode_item`] turns the item's wire JSON into
//! AttributeValues keyed by `dbName` plus the item size by DynamoDB's rules, refusing what DynamoDB
//! or Python could not take back; [`decode_item`] reads a stored item back into wire JSON;
//! [`item_size`] sizes stored AttributeValues without a schema.
//! Errors name the model and attribute path, never a value.
//!
//! ```
//! use dynamodb_mate::item::{self, Schema};
//!
//! let schema = Schema::parse(r#"{"model": "Url", "attributes": [
//!     {"name": "url", "type": "string"},
//!     {"name": "hits", "dbName": "h", "type": "number", "number": "float"}]}"#).unwrap();
//! let encoded = item::encode_item(&schema, r#"{"url": "https://x.io", "hits": 3}"#).unwrap();
//! assert_eq!(encoded, r#"{"item":{"url":{"S":"https://x.io"},"h":{"N":"3.0"}},"size":18}"#);
//! let decoded = item::decode_item(&schema, r#"{"url": {"S": "https://x.io"}, "h": {"N": "3"}}"#).unwrap();
//! assert_eq!(decoded, r#"{"url":"https://x.io","hits":3.0}"#);
//! ```

mod binary;
mod compressed;
mod decode;
mod encode;
mod encrypted;
mod fault;
mod js_value;
mod json;
mod key;
mod number;
mod payload;
mod schema;
mod size;
mod stored_size;
mod stream;
mod tree;

pub use decode::{decode_item, decode_item_stream};
pub use encode::{encode_item, encode_item_stream, encode_value, encode_value_stream};
pub use schema::Schema;
pub use size::MAX_ITEM_SIZE;
pub use stored_size::{item_size, size_stream, value_size};
#[cfg(all(test, target_arch = "wasm32"))]
pub(crate) use stream::op;
pub use stream::output::Out as Output;
