//! gzip: any bytes inflate within the output limit or fail with an error; what we compress inflates
//! back unchanged; inflated bytes read as each value kind or fail cleanly.
#![no_main]

use dynamodb_mate::{gzip, kind};
use libfuzzer_sys::fuzz_target;

/// Small, so that gzip bombs hit the guard quickly (and never the fuzzer's memory limit).
const LIMIT: usize = 64 << 10;

fuzz_target!(|data: &[u8]| {
    if let Ok(out) = gzip::decompress(data, LIMIT) {
        assert!(out.len() <= LIMIT, "output passed max_output");
        let kind = [kind::Kind::String, kind::Kind::Json, kind::Kind::Number][data.len() % 3];
        let _ = kind::from_plaintext(kind, out);
    }
    let level = (data.len() % 10) as u32;
    let packed = gzip::compress(data, level, 0).expect("compress");
    assert_eq!(
        gzip::decompress(&packed, data.len()).expect("round trip"),
        data
    );
});
