//! pynamodb's datetime text: any text parses or fails with E_DATETIME, and what parses formats back
//! to the same text; any i64 formats (in range) to text that parses back to it.
#![no_main]

use dynamodb_mate::datetime;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = core::str::from_utf8(data) {
        if let Ok(micros) = datetime::parse(text) {
            assert_eq!(
                datetime::format(micros).expect("format of a parsed value"),
                text
            );
        }
    }
    let micros = i64::from_le_bytes(core::array::from_fn(|i| data.get(i).copied().unwrap_or(0)));
    if let Ok(text) = datetime::format(micros) {
        assert_eq!(
            datetime::parse(&text).expect("parse of a formatted value"),
            micros
        );
    }
});
