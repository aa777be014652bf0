//! One error type for the whole codec core.
//!
//! Every failure carries a stable [`ErrorCode`] (what JS code branches on) and a short message that
//! names the problem. Messages are built only from lengths, positions and option names: never from
//! key bytes or plaintext, so they are safe to log.

use alloc::string::String;
use core::fmt;

/// Stable error codes; their string forms are part of the public JS API (`error.code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    Argument,
    KeyLength,
    /// An encrypted attribute was used before its keys were set.
    KeyNotSet,
    GzipHeader,
    GzipData,
    GzipTruncated,
    GzipChecksum,
    GzipTooLarge,
    Base85,
    JsonSyntax,
    JsonType,
    JsonSurrogate,
    JsonDepth,
    Datetime,
    Utf8,
    LegacyLength,
    LegacyPadding,
    LegacyEnvelope,
    AeadFormat,
    AeadVersion,
    AeadTruncated,
    AeadUnknownKeyId,
    AeadWrongKey,
    AeadContext,
    AeadTampered,
    Random,
    Schema,
    ItemRequired,
    ItemType,
    ItemValue,
    ItemUnknown,
    ItemTooLarge,
    ItemStored,
}

impl ErrorCode {
    /// The code as JS sees it.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Argument => "E_ARGUMENT",
            ErrorCode::KeyLength => "E_KEY_LENGTH",
            ErrorCode::KeyNotSet => "E_KEY_NOT_SET",
            ErrorCode::GzipHeader => "E_GZIP_HEADER",
            ErrorCode::GzipData => "E_GZIP_DATA",
            ErrorCode::GzipTruncated => "E_GZIP_TRUNCATED",
            ErrorCode::GzipChecksum => "E_GZIP_CHECKSUM",
            ErrorCode::GzipTooLarge => "E_GZIP_TOO_LARGE",
            ErrorCode::Base85 => "E_BASE85",
            ErrorCode::JsonSyntax => "E_JSON_SYNTAX",
            ErrorCode::JsonType => "E_JSON_TYPE",
            ErrorCode::JsonSurrogate => "E_JSON_SURROGATE",
            ErrorCode::JsonDepth => "E_JSON_DEPTH",
            ErrorCode::Datetime => "E_DATETIME",
            ErrorCode::Utf8 => "E_UTF8",
            ErrorCode::LegacyLength => "E_LEGACY_LENGTH",
            ErrorCode::LegacyPadding => "E_LEGACY_PADDING",
            ErrorCode::LegacyEnvelope => "E_LEGACY_ENVELOPE",
            ErrorCode::AeadFormat => "E_AEAD_FORMAT",
            ErrorCode::AeadVersion => "E_AEAD_VERSION",
            ErrorCode::AeadTruncated => "E_AEAD_TRUNCATED",
            ErrorCode::AeadUnknownKeyId => "E_AEAD_UNKNOWN_KEY_ID",
            ErrorCode::AeadWrongKey => "E_AEAD_WRONG_KEY",
            ErrorCode::AeadContext => "E_AEAD_CONTEXT",
            ErrorCode::AeadTampered => "E_AEAD_TAMPERED",
            ErrorCode::Random => "E_RANDOM",
            ErrorCode::Schema => "E_SCHEMA",
            ErrorCode::ItemRequired => "E_ITEM_REQUIRED",
            ErrorCode::ItemType => "E_ITEM_TYPE",
            ErrorCode::ItemValue => "E_ITEM_VALUE",
            ErrorCode::ItemUnknown => "E_ITEM_UNKNOWN",
            ErrorCode::ItemTooLarge => "E_ITEM_TOO_LARGE",
            ErrorCode::ItemStored => "E_ITEM_STORED",
        }
    }
}

/// A codec failure: a code plus a message that is safe to log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: String,
}

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    /// `E_CODE: message`, the form the JS layer parses back into a typed error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = core::result::Result<T, Error>;

/// Shorthand used across the crate: `Err(err(ErrorCode::X, "..."))`.
pub(crate) fn err(code: ErrorCode, message: impl Into<String>) -> Error {
    Error::new(code, message)
}
