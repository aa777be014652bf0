//! base85 (pynamodb_mate's CTR envelope fields): any text decodes or fails with E_BASE85; decoded
//! bytes re-encode to text that decodes to the same bytes; encode/decode round-trips any bytes.
#![no_main]

use dynamodb_mate::base85;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = core::str::from_utf8(data) {
        if let Ok(bytes) = base85::decode(text) {
            assert_eq!(
                base85::decode(&base85::encode(&bytes)).expect("re-decode"),
                bytes
            );
        }
    }
    assert_eq!(
        base85::decode(&base85::encode(data)).expect("round trip"),
        data
    );
});
