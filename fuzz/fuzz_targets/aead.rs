//! The authenticated envelopes. Selector byte (the first) even: the rest is stored bytes, which
//! must open or fail with an error. Odd: the rest is a plaintext that is sealed (bit 1: randomized),
//! then one byte of the envelope is changed (position and XOR from the next two bytes; XOR 0 leaves
//! it intact): an intact envelope opens to the plaintext, a changed one never opens, and no
//! envelope opens under another table, attribute or key.
#![no_main]

use dynamodb_mate::aead::{self, Context};
use dynamodb_mate::ErrorCode;
use libfuzzer_sys::fuzz_target;

const MASTER: [u8; 32] = [7; 32];
const CTX: Context<'static> = Context {
    table: "t",
    attribute: "a",
    item: None,
};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    if selector & 1 == 0 {
        let _ = aead::key_id(rest);
        let _ = aead::decrypt(&MASTER, CTX, rest);
        return;
    }
    let (at, xor, plaintext) = match rest {
        [at, xor, plaintext @ ..] => (usize::from(*at), *xor, plaintext),
        _ => return,
    };
    let deterministic = selector & 2 == 0;
    let nonce: [u8; 12] = core::array::from_fn(|i| plaintext.get(i).copied().unwrap_or(0));
    let mut sealed =
        aead::encrypt(&MASTER, "k1", CTX, plaintext, deterministic, &nonce).expect("seal");
    assert_eq!(aead::key_id(&sealed).expect("key id"), "k1");
    for (table, attribute) in [("t2", "a"), ("t", "b"), ("ta", ""), ("", "ta")] {
        let moved = aead::decrypt(&MASTER, Context::new(table, attribute), &sealed);
        assert_eq!(
            moved.expect_err("opened elsewhere").code(),
            ErrorCode::AeadContext
        );
    }
    let other = aead::decrypt(&[8; 32], CTX, &sealed);
    assert_eq!(
        other.expect_err("opened under another key").code(),
        ErrorCode::AeadWrongKey
    );
    let at = at % sealed.len();
    sealed[at] ^= xor;
    match aead::decrypt(&MASTER, CTX, &sealed) {
        Ok(opened) => {
            assert_eq!(xor, 0, "a changed envelope opened");
            assert_eq!(opened, plaintext);
        }
        Err(e) => assert_ne!(xor, 0, "an intact envelope failed: {e}"),
    }
});
