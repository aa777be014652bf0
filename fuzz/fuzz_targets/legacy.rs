//! pynamodb_mate's ECB and CTR-envelope bytes: any stored bytes decrypt (and read as the selected
//! kind) or fail with an error; our own ciphertexts decrypt back. The first byte picks the mode
//! (bit 0: ECB or CTR) and the kind (bits 1-3); the rest is the stored value.
#![no_main]

use dynamodb_mate::kind::Kind;
use dynamodb_mate::{legacy, value};
use libfuzzer_sys::fuzz_target;

const KINDS: [Kind; 6] = [
    Kind::String,
    Kind::Binary,
    Kind::Number,
    Kind::Int,
    Kind::Float,
    Kind::Json,
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, stored)) = data.split_first() else {
        return;
    };
    // The committed seeds are the fixtures' values under this password.
    let key = legacy::key_from_password("my-password");
    let deterministic = selector & 1 == 0;
    let kind = KINDS[usize::from(selector >> 1) % KINDS.len()];
    let _ = value::legacy_decrypt(&key, kind, stored, deterministic);
    if deterministic {
        let sealed = legacy::ecb_encrypt(&key, stored);
        assert_eq!(
            legacy::ecb_decrypt(&key, &sealed).expect("ECB round trip"),
            stored
        );
    } else {
        let nonce: [u8; 8] = core::array::from_fn(|i| stored.get(i).copied().unwrap_or(0));
        let sealed = legacy::ctr_encrypt(&key, stored, &nonce);
        assert_eq!(
            legacy::ctr_decrypt(&key, &sealed).expect("CTR round trip"),
            stored
        );
    }
});
