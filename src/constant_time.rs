//! Byte equality for secrets (keys, authentication tags): every byte is compared, with no early
//! exit, and the result is hidden from the optimiser until the end, so that the time does not
//! depend on where two values differ.

/// Whether `a` and `b` are equal, in time independent of their contents.
pub(crate) fn eq<const N: usize>(a: &[u8; N], b: &[u8; N]) -> bool {
    let diff = a
        .iter()
        .zip(b)
        .fold(0u8, |acc, (x, y)| core::hint::black_box(acc | (x ^ y)));
    diff == 0
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn equal_only_when_every_byte_is() {
        let a: [u8; 32] = core::array::from_fn(|i| i as u8);
        assert!(super::eq(&a, &a.clone()));
        for at in [0, 17, 31] {
            let mut b = a;
            b[at] ^= 0x80;
            assert!(!super::eq(&a, &b), "differs at {at}");
        }
    }
}
