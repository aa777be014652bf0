//! Python's json.loads and the wire form: any text parses or fails with an error; what parses dumps
//! to text that parses and dumps to the same text (both `ensure_ascii` settings); wire values
//! round-trip through `to_wire`.
#![no_main]

use dynamodb_mate::pyjson::{self, DumpOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = pyjson::loads(text) {
        for ensure_ascii in [true, false] {
            let options = DumpOptions {
                ensure_ascii,
                ..DumpOptions::default()
            };
            // loads refuses lone surrogates and nesting past MAX_DEPTH, so dumps has nothing to refuse.
            let dumped = pyjson::dumps(&value, &options).expect("dumps of a loaded value");
            let again = pyjson::loads(&dumped).expect("loads of dumps");
            assert_eq!(
                pyjson::dumps(&again, &options).expect("dumps again"),
                dumped
            );
        }
        let wire = pyjson::to_wire(&value);
        let back = pyjson::from_wire(&wire).expect("from_wire of to_wire");
        assert_eq!(pyjson::to_wire(&back), wire);
    }
    if let Ok(value) = pyjson::from_wire(text) {
        let wire = pyjson::to_wire(&value);
        assert_eq!(
            pyjson::to_wire(&pyjson::from_wire(&wire).expect("wire round trip")),
            wire
        );
    }
});
