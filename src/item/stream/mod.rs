//! The stream form items cross the wasm boundary in (`docs/item-codec.md`, "The boundary"): JS
//! writes an input as codes with inline UTF-8 and bytes ([`input`] reads it); the item codec answers
//! with codes and a text area ([`output`] writes it).

pub(crate) mod input;
pub(crate) mod output;

/// The stream form's codes, for input and output. Lengths are LEB128 varints.
pub(crate) mod op {
    pub(crate) const NULL: u8 = 0;
    pub(crate) const FALSE: u8 = 1;
    pub(crate) const TRUE: u8 = 2;
    /// A number literal (JSON grammar): input inline (length, ASCII), output in the text area.
    pub(crate) const NUM: u8 = 3;
    /// A string: input inline (length, UTF-8), output in the text area.
    pub(crate) const STR: u8 = 4;
    /// Output only: a tag letter, then its body in the text area (`i` BigInt, `f` float, `d` Date).
    pub(crate) const TAG: u8 = 5;
    /// Length, then the bytes inline.
    pub(crate) const BYTES: u8 = 6;
    /// Elements until END.
    pub(crate) const LIST: u8 = 7;
    /// Key (STR, or LONE in input) and value pairs until END.
    pub(crate) const MAP: u8 = 8;
    pub(crate) const END: u8 = 9;
    /// Elements until END.
    pub(crate) const SET: u8 = 10;
    /// Output only: an AttributeValue, its type code (index in `AV_TYPES`) and then its value.
    pub(crate) const AV: u8 = 11;
    /// Input only: a string with a lone UTF-16 surrogate, which UTF-8 cannot hold.
    pub(crate) const LONE: u8 = 12;

    /// AttributeValue type keys by their code in an AV op.
    pub(crate) const AV_TYPES: [&str; 10] =
        ["S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"];
}
