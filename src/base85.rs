//! Python's `base64.b85encode` / `b85decode` (RFC 1924 alphabet, no `z`/`y` shortcuts).
//!
//! pynamodb_mate stores the CTR nonce and ciphertext in this form.

use crate::error::{err, ErrorCode, Result};
use alloc::{string::String, vec::Vec};

const ALPHABET: &[u8; 85] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";

/// Reverse table: byte -> digit value, 0xff for bytes outside the alphabet.
const DECODE: [u8; 256] = {
    let mut table = [0xffu8; 256];
    let mut i = 0;
    while i < 85 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Encodes like Python: zero-pad to 4 bytes, 5 digits per word, drop as many digits as pad bytes.
pub fn encode(data: &[u8]) -> String {
    let mut out = Vec::with_capacity(data.len().div_ceil(4) * 5);
    for chunk in data.chunks(4) {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        let mut n = u32::from_be_bytes(word);
        let mut digits = [0u8; 5];
        for d in digits.iter_mut().rev() {
            *d = ALPHABET[(n % 85) as usize];
            n /= 85;
        }
        out.extend_from_slice(&digits[..chunk.len() + 1]);
    }
    // Every byte pushed comes from the ASCII alphabet.
    String::from_utf8(out).unwrap_or_default()
}

/// Decodes like Python: pad with `~` to a multiple of 5, decode, drop the padded bytes.
pub fn decode(text: &str) -> Result<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 5 * 4 + 4);
    for (index, chunk) in bytes.chunks(5).enumerate() {
        let mut n: u64 = 0;
        for i in 0..5 {
            let c = chunk.get(i).copied().unwrap_or(b'~');
            let v = DECODE[c as usize];
            if v == 0xff {
                return Err(err(
                    ErrorCode::Base85,
                    alloc::format!("invalid base85 character at position {}", index * 5 + i),
                ));
            }
            n = n * 85 + u64::from(v);
        }
        if n > u64::from(u32::MAX) {
            return Err(err(
                ErrorCode::Base85,
                alloc::format!(
                    "base85 group starting at position {} overflows 32 bits",
                    index * 5
                ),
            ));
        }
        out.extend_from_slice(&(n as u32).to_be_bytes()[..chunk.len() - 1]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn python_vectors() {
        // base64.b85encode values computed with CPython 3.11.
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"\x00"), "00");
        assert_eq!(encode(b"hello"), "Xk~0{Zv");
        assert_eq!(encode(&[0xff; 4]), "|NsC0");
        assert_eq!(decode("Xk~0{Zv").unwrap(), b"hello");
    }

    #[test]
    fn rejects_bad_text() {
        // Python quirk kept: a lone trailing digit decodes to nothing unless its group overflows.
        assert_eq!(decode("X").unwrap(), b"");
        assert_eq!(decode("ab\"cd").unwrap_err().code(), ErrorCode::Base85);
        assert_eq!(decode("~~~~~").unwrap_err().code(), ErrorCode::Base85);
    }
}
