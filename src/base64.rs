//! RFC 4648 base64 (standard alphabet, `=` padding), as JS writes bytes into item JSON.
//!
//! Plain binary attributes never need the bytes themselves: DynamoDB's size rules need their count,
//! and the text goes back out unchanged, so [`decoded_len`] validates and counts without decoding.
//! Compressed and encrypted attributes transform the bytes, so they [`decode`] and [`encode`]. Only
//! the canonical form is accepted (padding present, unused bits zero), so equal bytes always have
//! equal text and binary set elements can be compared as text.

use alloc::{string::String, vec::Vec};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Value of each alphabet byte, 0xff for bytes outside it.
const DECODE: [u8; 256] = {
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

/// The bytes of canonical padded base64 `text`, or `None` (as [`decoded_len`] refuses).
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    let len = decoded_len(text)?;
    let mut out = Vec::with_capacity(len + 2);
    for chunk in text.as_bytes().chunks_exact(4) {
        let mut word = 0u32;
        for &c in chunk {
            // `decoded_len` checked the alphabet; `=` (0xff in the table) counts as zero bits.
            let bits = DECODE[usize::from(c)];
            word = word << 6 | if bits == 0xff { 0 } else { u32::from(bits) };
        }
        out.extend_from_slice(&word.to_be_bytes()[1..]);
    }
    out.truncate(len);
    Some(out)
}

/// Appends the canonical padded base64 of `bytes` to `out`.
pub(crate) fn encode(out: &mut String, bytes: &[u8]) {
    out.reserve(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let word = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(word >> (18 - 6 * i) & 0x3f) as usize]));
            } else {
                out.push('=');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::{decode, decoded_len, encode};

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
            let bytes = decode(text).unwrap();
            assert_eq!(bytes.len(), len);
            let mut again = alloc::string::String::new();
            encode(&mut again, &bytes);
            assert_eq!(again, text);
        }
        assert_eq!(decode("Zm9vYmE=").unwrap(), b"fooba");
        assert_eq!(decode("+/+/").unwrap(), [0xfb, 0xff, 0xbf]);
    }

    #[test]
    fn every_length_round_trips() {
        let bytes: alloc::vec::Vec<u8> = (0..=255u8).collect();
        for len in 0..bytes.len() {
            let mut text = alloc::string::String::new();
            encode(&mut text, &bytes[..len]);
            assert_eq!(decode(&text).unwrap(), &bytes[..len]);
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
            assert_eq!(decode(bad), None, "{bad:?}");
        }
    }
}
