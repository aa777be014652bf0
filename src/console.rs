//! AWS console URLs of a table and of an item: the routes of pynamodb_mate's `ConsoleUrlMaker`,
//! with every key value percent-encoded.
//!
//! pynamodb_mate inserts key values raw, so a key with `&`, `#`, `%`, `+` or a space gives a URL
//! that opens another item or none. Here a key value is encoded as a URI component (UTF-8, every
//! byte outside RFC 3986's unreserved `A-Z a-z 0-9 - . _ ~` as `%XX`): keys made only of unreserved
//! characters give pynamodb_mate's exact URL, and any other key decodes back to itself with
//! `decodeURIComponent` as well as with `URLSearchParams` (no literal `+` is left to become a space).
//! Region and table are checked instead of encoded: the region is a host name label, and DynamoDB
//! table names only have unreserved characters.
//!
//! ```
//! use dynamodb_mate::console;
//!
//! let url = console::item_detail("us-east-1", "users", "a&b c", Some("1.5")).unwrap();
//! assert_eq!(url, "https://us-east-1.console.aws.amazon.com/dynamodbv2/home?region=us-east-1\
//!     #edit-item?table=users&itemMode=2&pk=a%26b%20c&sk=1.5\
//!     &ref=%23item-explorer%3Ftable%3Dusers&route=ROUTE_ITEM_EXPLORER");
//! ```

use crate::error::{err, ErrorCode, Result};
use alloc::{format, string::String};

/// The table's overview page (settings, indexes, metrics).
pub fn table_overview(region: &str, table: &str) -> Result<String> {
    Ok(format!(
        "{}#table?initialTagKey=&name={}&tab=overview",
        home(region)?,
        table_name(table)?
    ))
}

/// The table's item explorer.
pub fn table_items(region: &str, table: &str) -> Result<String> {
    Ok(format!(
        "{}#item-explorer?initialTagKey=&maximize=true&table={}",
        home(region)?,
        table_name(table)?
    ))
}

/// One item's page. `hash` and `range` are the key values as stored (S: the string, N: the number
/// text, B: base64). Without a range key the route holds the bare token `sk`, as pynamodb_mate's.
pub fn item_detail(region: &str, table: &str, hash: &str, range: Option<&str>) -> Result<String> {
    let table = table_name(table)?;
    let sk = match range {
        Some(range) => format!("sk={}", encode_component(range)),
        None => String::from("sk"),
    };
    // `ref` is the route the console returns to, itself encoded as one parameter value.
    let back = encode_component(&format!("#item-explorer?table={table}"));
    Ok(format!(
        "{}#edit-item?table={table}&itemMode=2&pk={}&{sk}&ref={back}&route=ROUTE_ITEM_EXPLORER",
        home(region)?,
        encode_component(hash),
    ))
}

fn home(region: &str) -> Result<String> {
    // A host name label (us-east-1, cn-north-1, us-gov-west-1): anything else would change the host.
    let label = !region.is_empty()
        && region.len() <= 63
        && region.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !label {
        return Err(err(
            ErrorCode::Argument,
            "region must be an AWS region name (lower-case letters and digits joined by '-', e.g. us-east-1)",
        ));
    }
    Ok(format!(
        "https://{region}.console.aws.amazon.com/dynamodbv2/home?region={region}"
    ))
}

fn table_name(table: &str) -> Result<&str> {
    let valid = (3..=255).contains(&table.len()) && table.bytes().all(is_table_byte);
    if !valid {
        return Err(err(
            ErrorCode::Argument,
            "table must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)",
        ));
    }
    Ok(table)
}

fn is_table_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes the UTF-8 bytes of `text` outside RFC 3986's unreserved set (upper-case hex).
fn encode_component(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if is_unreserved(b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// The wasm-bindgen exports (`docs/wasm-interface.md`); `js/console/` is the only caller.
mod exports {
    use alloc::string::{String, ToString};
    use wasm_bindgen::prelude::*;

    fn js(e: crate::Error) -> JsError {
        JsError::new(&e.to_string())
    }

    #[wasm_bindgen(js_name = consoleTableOverviewUrl)]
    pub fn table_overview_url(region: &str, table: &str) -> Result<String, JsError> {
        super::table_overview(region, table).map_err(js)
    }

    #[wasm_bindgen(js_name = consoleTableItemsUrl)]
    pub fn table_items_url(region: &str, table: &str) -> Result<String, JsError> {
        super::table_items(region, table).map_err(js)
    }

    #[wasm_bindgen(js_name = consoleItemDetailUrl)]
    pub fn item_detail_url(
        region: &str,
        table: &str,
        hash: &str,
        range: Option<String>,
    ) -> Result<String, JsError> {
        super::item_detail(region, table, hash, range.as_deref()).map_err(js)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    const HOME: &str = "https://eu-west-1.console.aws.amazon.com/dynamodbv2/home?region=eu-west-1";

    /// `decodeURIComponent` for what `encode_component` writes.
    fn decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn table_urls_are_pynamodb_mates() {
        assert_eq!(
            table_overview("eu-west-1", "my-table_1.x").unwrap(),
            format!("{HOME}#table?initialTagKey=&name=my-table_1.x&tab=overview")
        );
        assert_eq!(
            table_items("eu-west-1", "my-table_1.x").unwrap(),
            format!("{HOME}#item-explorer?initialTagKey=&maximize=true&table=my-table_1.x")
        );
    }

    #[test]
    fn plain_keys_are_inserted_as_pynamodb_mate_does() {
        let tail = "&ref=%23item-explorer%3Ftable%3Dusers&route=ROUTE_ITEM_EXPLORER";
        assert_eq!(
            item_detail("eu-west-1", "users", "alice_1.x~-", None).unwrap(),
            format!("{HOME}#edit-item?table=users&itemMode=2&pk=alice_1.x~-&sk{tail}")
        );
        assert_eq!(
            item_detail("eu-west-1", "users", "u1", Some("-1.5")).unwrap(),
            format!("{HOME}#edit-item?table=users&itemMode=2&pk=u1&sk=-1.5{tail}")
        );
        // An empty range value is a parameter with an empty value, not the bare token.
        assert!(item_detail("eu-west-1", "users", "u1", Some(""))
            .unwrap()
            .contains("&pk=u1&sk=&ref="));
    }

    #[test]
    fn other_characters_are_percent_encoded_as_utf8() {
        assert_eq!(
            encode_component("a b&c#d/e%f+g=h?i"),
            "a%20b%26c%23d%2Fe%25f%2Bg%3Dh%3Fi"
        );
        assert_eq!(encode_component("!*'()"), "%21%2A%27%28%29");
        assert_eq!(encode_component("é😀"), "%C3%A9%F0%9F%98%80");
        assert_eq!(encode_component("\0\n\u{7f}"), "%00%0A%7F");
        assert_eq!(encode_component("base64+/="), "base64%2B%2F%3D");
    }

    #[test]
    fn every_character_decodes_back() {
        let all: String = (0u32..0x800)
            .chain([0xfffd, 0x1f600, 0x10ffff])
            .filter_map(char::from_u32)
            .collect();
        let encoded = encode_component(&all);
        assert!(encoded.bytes().all(|b| is_unreserved(b) || b == b'%'));
        assert_eq!(decode(&encoded), all);
    }

    #[test]
    fn regions_and_tables_that_would_change_the_url_are_refused() {
        for region in [
            "",
            "US-EAST-1",
            "evil.com/x",
            "us east",
            "us--east",
            "-us",
            "us-",
            "a".repeat(64).as_str(),
        ] {
            let e = table_items(region, "users").unwrap_err();
            assert_eq!(e.code(), ErrorCode::Argument, "{region}");
        }
        assert!(table_items("us-gov-west-1", "users").is_ok());
        for table in ["ab", "a b c", "a&b", "tâble", "x".repeat(256).as_str()] {
            let e = item_detail("us-east-1", table, "k", None).unwrap_err();
            assert_eq!(e.code(), ErrorCode::Argument, "{table}");
        }
    }
}
