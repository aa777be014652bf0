//! Nonces from the platform's CSPRNG (`crypto.getRandomValues` in wasm, the OS elsewhere), drawn
//! from a small per-thread pool: one call into the platform source costs about as much as sealing
//! 1 KiB (a system call behind it, 3–6 µs in Node here) whatever its size up to a few KiB, so the
//! bytes are fetched `POOL` at a time, as Node's own `crypto.randomUUID` does. Each byte is handed
//! out once and zeroed as it leaves the pool.

use crate::error::{err, ErrorCode, Result};
use core::cell::RefCell;

/// Bytes fetched per call into the platform source: 85 GCM nonces.
const POOL: usize = 1024;

std::thread_local! {
    /// The pool and the start of its unused bytes (`POOL`: empty).
    static RANDOM: RefCell<([u8; POOL], usize)> = const { RefCell::new(([0; POOL], POOL)) };
}

pub fn bytes<const N: usize>() -> Result<[u8; N]> {
    const { assert!(N <= POOL) };
    RANDOM.with_borrow_mut(|(pool, at)| {
        if POOL - *at < N {
            getrandom::fill(pool)
                .map_err(|_| err(ErrorCode::Random, "the platform random source failed"))?;
            *at = 0;
        }
        let taken = &mut pool[*at..*at + N];
        let mut out = [0u8; N];
        out.copy_from_slice(taken);
        taken.fill(0);
        *at += N;
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use alloc::collections::BTreeSet;

    #[test]
    fn pooled_nonces_are_never_handed_out_twice() {
        // Across many refills, with sizes that do not divide the pool.
        let mut seen = BTreeSet::new();
        for _ in 0..(4 * POOL / 12) {
            assert!(seen.insert(bytes::<12>().unwrap().to_vec()));
            assert!(seen.insert(bytes::<8>().unwrap().to_vec()));
        }
        RANDOM.with_borrow(|(pool, at)| assert!(pool[..*at].iter().all(|&b| b == 0)));
    }
}
