//! The canonical bytes of an item's primary key, which randomized aead values are bound to
//! (`docs/envelope.md`, "The item part"). The same key gives the same bytes whether it comes from
//! the JS item being written, the AttributeValues DynamoDB returns, or the `Key` of an update: for
//! each key attribute, hash then range,
//!
//! ```text
//! name length (u32 BE) | DynamoDB name (UTF-8) | type tag (b'S', b'N' or b'B') | value length (u32 BE) | value
//! ```
//!
//! where an S value is its UTF-8, a B value its bytes, and an N value its canonical decimal text:
//! no exponent, no leading or trailing zeros, no `+`, `0` for zero (`1.0` → `1`, `1e2` → `100`,
//! `-0.50` → `-0.5`), as DynamoDB normalizes numbers (servers that store the text as sent give the
//! same bytes).

use super::fault::Fault;
use super::number::Decimal;
use crate::error::ErrorCode;
use alloc::{string::String, vec::Vec};

/// Appends one key attribute's part to `out`.
pub(crate) fn push(out: &mut Vec<u8>, db_name: &str, tag: u8, value: &[u8]) {
    out.extend_from_slice(&(db_name.len() as u32).to_be_bytes());
    out.extend_from_slice(db_name.as_bytes());
    out.push(tag);
    out.extend_from_slice(&(value.len() as u32).to_be_bytes());
    out.extend_from_slice(value);
}

/// The canonical text of N text `text` (see the module doc); E_ITEM_VALUE when it is no number.
pub(crate) fn canonical_number(text: &str) -> Result<String, Fault> {
    let decimal = Decimal::parse(text)
        .ok_or_else(|| Fault::new(ErrorCode::ItemValue, "a number key is not a decimal number"))?;
    // DynamoDB's limits bound the text's length.
    decimal
        .check()
        .map_err(|problem| Fault::new(ErrorCode::ItemValue, problem))?;
    let (negative, weight, digits) = decimal.key();
    if digits.is_empty() {
        return Ok(String::from("0"));
    }
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    let count = digits.len() as i64;
    if weight >= count - 1 {
        // An integer: the digits, then zeros down to the units.
        out.push_str(&digits);
        out.extend(core::iter::repeat_n('0', (weight - (count - 1)) as usize));
    } else if weight >= 0 {
        let (int, frac) = digits.split_at(weight as usize + 1);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else {
        out.push_str("0.");
        out.extend(core::iter::repeat_n('0', (-weight - 1) as usize));
        out.push_str(&digits);
    }
    Ok(out)
}

/// The fault of an item whose key attribute `name` is missing or not of a key type.
pub(crate) fn missing(name: &str) -> Fault {
    Fault::new(
        ErrorCode::ItemRequired,
        alloc::format!(
            "randomized aead values are bound to the item's key, and key attribute {name} has no value"
        ),
    )
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn numbers_read_as_dynamodb_normalizes_them() {
        for (text, canonical) in [
            ("0", "0"),
            ("-0", "0"),
            ("0.000", "0"),
            ("1", "1"),
            ("1.0", "1"),
            ("+1.00", "1"),
            ("1e2", "100"),
            ("1E+2", "100"),
            ("100", "100"),
            ("0100", "100"),
            ("12.50", "12.5"),
            ("-0.50", "-0.5"),
            ("5e-3", "0.005"),
            ("0.005", "0.005"),
            ("123.456e1", "1234.56"),
            ("-1.5E-1", "-0.15"),
            ("9.99e+125", &alloc::format!("999{}", "0".repeat(123))),
        ] {
            assert_eq!(canonical_number(text).unwrap(), canonical, "{text}");
        }
        for bad in ["1x", "1e999999"] {
            let e = canonical_number(bad).unwrap_err().into_error("M");
            assert_eq!(e.code(), ErrorCode::ItemValue, "{bad}");
        }
    }

    #[test]
    fn parts_are_length_prefixed() {
        let mut out = Vec::new();
        push(&mut out, "id", b'S', b"ab");
        push(&mut out, "n", b'N', b"1");
        assert_eq!(
            out,
            b"\0\0\0\x02idS\0\0\0\x02ab\0\0\0\x01nN\0\0\0\x011".to_vec()
        );
    }
}
