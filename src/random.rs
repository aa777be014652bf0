//! Nonces from the platform's CSPRNG (`crypto.getRandomValues` in wasm, the OS elsewhere).

use crate::error::{err, ErrorCode, Result};

pub fn bytes<const N: usize>() -> Result<[u8; N]> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf)
        .map_err(|_| err(ErrorCode::Random, "the platform random source failed"))?;
    Ok(buf)
}
