//! DynamoDB's item size rules (the "Item sizes and formats" page of the DynamoDB developer guide).
//!
//! An item's size is the sum over its attributes of the name's UTF-8 length plus the value's size:
//! S is its UTF-8 length, B its byte count, N `1 + ceil(significant digits / 2)`, BOOL and NULL one
//! byte, L and M three bytes plus, per element, one byte and the element's size (and for M the
//! key's UTF-8 length), and a set the sum of its elements. Writes above 400 KB fail, so the codec
//! refuses them before a request is made.

use super::fault::Fault;
use crate::error::ErrorCode;

/// DynamoDB's limits that the JS layer applies too (generated into `js/generated/constants.mjs`).
pub mod limit {
    /// The largest item DynamoDB accepts: 400 KB.
    pub const MAX_ITEM_SIZE: usize = 409_600;
}
pub use limit::MAX_ITEM_SIZE;

/// BOOL and NULL.
pub(crate) const FLAG: usize = 1;

/// The fixed overhead of an L or M value.
pub(crate) const CONTAINER: usize = 3;

/// The overhead of each L or M element.
pub(crate) const ELEMENT: usize = 1;

/// An N value with `significant` digits (leading and trailing zeros trimmed; zero has none).
pub(crate) fn number(significant: usize) -> usize {
    1 + significant.div_ceil(2)
}

/// Refuses an item over [`MAX_ITEM_SIZE`], naming its largest attribute (by JS name) and sizes.
pub(crate) fn check_item(total: usize, largest: Option<(&str, usize)>) -> Result<(), Fault> {
    if total <= MAX_ITEM_SIZE {
        return Ok(());
    }
    let largest = largest
        .map(|(name, size)| alloc::format!("; the largest attribute is {name} ({size} bytes)"))
        .unwrap_or_default();
    Err(Fault::new(
        ErrorCode::ItemTooLarge,
        alloc::format!("item is {total} bytes, over DynamoDB's limit of {MAX_ITEM_SIZE}{largest}"),
    ))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn number_sizes() {
        assert_eq!(number(0), 1); // zero
        assert_eq!(number(1), 2);
        assert_eq!(number(2), 2);
        assert_eq!(number(3), 3);
        assert_eq!(number(38), 20); // the most digits DynamoDB keeps
    }

    #[test]
    fn limit_is_inclusive() {
        assert!(check_item(MAX_ITEM_SIZE, None).is_ok());
        let e = check_item(MAX_ITEM_SIZE + 1, Some(("body", 409_000)))
            .unwrap_err()
            .into_error("Page");
        assert_eq!(e.code(), ErrorCode::ItemTooLarge);
        assert_eq!(
            e.message(),
            "Page: item is 409601 bytes, over DynamoDB's limit of 409600; the largest attribute is body (409000 bytes)"
        );
    }
}
