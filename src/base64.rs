//! Checking RFC 4648 base64 (standard alphabet, `=` padding), as JS writes bytes into item JSON.
//!
//! The item codec never needs the bytes themselves: DynamoDB's size rules need their count, and the
//! text goes back out unchanged. So this validates and counts without decoding. Only the canonical
//! form is accepted (padding present, unused bits zero), so equal bytes always have equal text and
//! binary set elements can be compared as text.

/// Value of each alphabet byte, 0xff for bytes outside it.
const DECODE: [u8; 256] = {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut table = [0xffu8; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// The number of bytes `text` encodes, or `None` if it is not canonical padded base64.
pub(crate) fn decoded_len(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    if !b.len().is_multiple_of(4) {
        return None;
    }
    let pad = b.iter().rev().take(2).take_while(|&&c| c == b'=').count();
    let data = b.get(..b.len() - pad)?;
    if data.iter().any(|&c| DECODE[usize::from(c)] == 0xff) {
        return None;
    }
    // The last character's bits beyond the final byte must be zero (RFC 4648 §3.5, canonical).
    let unused_bits_clear = match (pad, data.last()) {
        (1, Some(&c)) => DECODE[usize::from(c)] & 0b11 == 0,
        (2, Some(&c)) => DECODE[usize::from(c)] & 0b1111 == 0,
        _ => true,
    };
    unused_bits_clear.then_some(b.len() / 4 * 3 - pad)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::decoded_len;

    #[test]
    fn rfc4648_vectors() {
        // RFC 4648 §10: BASE64("") .. BASE64("foobar").
        for (text, len) in [
            ("", 0),
            ("Zg==", 1),
            ("Zm8=", 2),
            ("Zm9v", 3),
            ("Zm9vYg==", 4),
            ("Zm9vYmE=", 5),
            ("Zm9vYmFy", 6),
            ("+/+/", 3),
            ("AAAAAA==", 4),
        ] {
            assert_eq!(decoded_len(text), Some(len), "{text}");
        }
    }

    #[test]
    fn rejects_non_canonical_text() {
        for bad in [
            "Zg",       // padding missing
            "Zg=",      // length not a multiple of 4
            "Z===",     // three pad characters
            "Zh==",     // unused bits set ("f" is Zg==)
            "Zm9=",     // unused bits set ("fo" is Zm8=)
            "Zm9v!A==", // outside the alphabet
            "Zg==Zg==", // padding inside
            "Zm-v",     // base64url alphabet
            "Zm9v\n",   // whitespace
            "====",
        ] {
            assert_eq!(decoded_len(bad), None, "{bad:?}");
        }
    }
}
