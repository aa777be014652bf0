//! Arbitrary-precision integers, kept as canonical decimal text.
//!
//! The codec never does arithmetic on JSON integers; it only needs to carry them exactly between
//! Python text and JavaScript BigInt, so a validated decimal string is the whole representation.

use crate::error::{err, ErrorCode, Result};
use alloc::string::{String, ToString};

/// CPython's default `sys.get_int_max_str_digits()`: Python refuses to parse longer integers.
pub const MAX_DIGITS: usize = 4300;

/// An integer in canonical decimal form: optional `-`, no leading zeros, never `-0`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Int(String);

impl Int {
    /// Parses `-?[0-9]+` (leading zeros are normalised away).
    pub fn parse(text: &str) -> Result<Int> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(ErrorCode::JsonSyntax, "invalid integer literal"));
        }
        let trimmed = digits.trim_start_matches('0');
        if trimmed.len() > MAX_DIGITS {
            return Err(err(
                ErrorCode::JsonType,
                alloc::format!("integer has more than {MAX_DIGITS} digits (Python's limit)"),
            ));
        }
        Ok(match (negative, trimmed.is_empty()) {
            (_, true) => Int("0".to_string()),
            (true, false) => Int(alloc::format!("-{trimmed}")),
            (false, false) => Int(trimmed.to_string()),
        })
    }

    pub fn from_i128(n: i128) -> Int {
        Int(n.to_string())
    }

    /// The exact integer value of an integral finite float within ±2^127.
    pub fn from_integral_f64(x: f64) -> Result<Int> {
        if !x.is_finite() || x.trunc() != x {
            return Err(err(ErrorCode::JsonType, "number is not an integer"));
        }
        if x.abs() >= 1.7e38 {
            return Err(err(
                ErrorCode::JsonType,
                "integer-valued float is too large to convert",
            ));
        }
        Ok(Int::from_i128(x as i128))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when JavaScript can hold the value exactly in a `number` (|n| <= 2^53 - 1).
    pub fn is_safe_js_integer(&self) -> bool {
        const MAX_SAFE: &str = "9007199254740991";
        let digits = self.0.trim_start_matches('-');
        digits.len() < MAX_SAFE.len() || (digits.len() == MAX_SAFE.len() && digits <= MAX_SAFE)
    }
}
