//! How a binary (or binary set element) attribute stores its bytes.
//!
//! pynamodb < 6 base64-encoded top-level binary values once more before sending them, so DynamoDB
//! holds the base64 *text* as the B value; pynamodb 6 reads and writes such tables with
//! `legacy_encoding=True` (`docs/upgrading_binary.rst` there), and so does a spec with
//! `"legacyEncoding": true` here. Conditions and update values go through the same encoding, so
//! they compare and write what an item write stores.

use super::fault::Fault;
use crate::base64;
use crate::error::ErrorCode;
use alloc::{borrow::Cow, string::String};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// The bytes themselves (pynamodb 6's `legacy_encoding=False`).
    Raw,
    /// The canonical padded base64 text of the bytes (pynamodb's `legacy_encoding=True`).
    LegacyBase64,
}

impl Encoding {
    /// The B bytes stored for `bytes`.
    pub(crate) fn stored<'b>(self, bytes: Cow<'b, [u8]>) -> Cow<'b, [u8]> {
        match self {
            Encoding::Raw => bytes,
            Encoding::LegacyBase64 => {
                let mut text = String::new();
                base64::encode(&mut text, &bytes);
                Cow::Owned(text.into_bytes())
            }
        }
    }

    /// The bytes that stored B bytes `stored` hold. Only canonical base64 is read back (what every
    /// pynamodb version writes), so that equal values always have equal stored bytes.
    pub(crate) fn read<'b>(self, stored: Cow<'b, [u8]>) -> Result<Cow<'b, [u8]>, Fault> {
        match self {
            Encoding::Raw => Ok(stored),
            Encoding::LegacyBase64 => core::str::from_utf8(&stored)
                .ok()
                .and_then(base64::decode)
                .map(Cow::Owned)
                .ok_or_else(|| {
                    Fault::new(
                        ErrorCode::ItemStored,
                        "a legacyEncoding binary value is not canonical padded base64 text",
                    )
                }),
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::Encoding;
    use alloc::borrow::Cow;

    #[test]
    fn legacy_bytes_are_their_base64_text() {
        // pynamodb's own example (docs/upgrading_binary.rst): CA FE F0 0D is stored as "yv7wDQ==".
        let stored = Encoding::LegacyBase64.stored(Cow::Borrowed(&[0xca, 0xfe, 0xf0, 0x0d][..]));
        assert_eq!(&*stored, b"yv7wDQ==");
        let read = Encoding::LegacyBase64.read(stored).unwrap();
        assert_eq!(&*read, [0xca, 0xfe, 0xf0, 0x0d]);
        assert_eq!(&*Encoding::LegacyBase64.stored(Cow::Borrowed(&[][..])), b"");
        assert_eq!(&*Encoding::Raw.stored(Cow::Borrowed(&[1u8][..])), [1]);
    }

    #[test]
    fn legacy_reads_refuse_what_is_not_canonical_base64() {
        for bad in [
            &b"yv7wDQ"[..],
            b"yv7wDR==",
            b"yv7w\nDQ==",
            b"\xff\xfe",
            b"yv7-DQ==",
        ] {
            let e = Encoding::LegacyBase64.read(Cow::Borrowed(bad)).unwrap_err();
            assert_eq!(
                e.into_error("M").code(),
                crate::error::ErrorCode::ItemStored
            );
        }
    }
}
