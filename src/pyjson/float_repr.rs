//! Python's `repr(float)`.
//!
//! Python prints the shortest digit string that round-trips, the nearest one to the exact value,
//! and on an exact tie the even one (`1000000000000000.25` → `...0.2`). Ryu makes the same choice
//! (Rust's own `{:e}` rounds that tie up), so the digits come from Ryu and only the layout is
//! Python's: scientific notation when the decimal exponent is below -4 or at least 16, an exponent
//! with a sign and two or more digits, and `.0` kept on integral values.

use alloc::string::String;

/// Formats `x` exactly as CPython's `repr(x)` / `json.dumps(x)` do (`NaN` and `Infinity` as json).
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return String::from("NaN");
    }
    if x.is_infinite() {
        return String::from(if x > 0.0 { "Infinity" } else { "-Infinity" });
    }
    let (digits, exponent) = shortest_digits(x.abs());

    let mut out = String::with_capacity(digits.len() + 8);
    if x.is_sign_negative() {
        out.push('-');
    }
    if !(-4..16).contains(&exponent) {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exponent < 0 { '-' } else { '+' });
        out.push_str(&alloc::format!("{:02}", exponent.unsigned_abs()));
    } else if exponent >= 0 {
        let int_len = exponent as usize + 1;
        if digits.len() <= int_len {
            out.push_str(&digits);
            out.extend(core::iter::repeat_n('0', int_len - digits.len()));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..int_len]);
            out.push('.');
            out.push_str(&digits[int_len..]);
        }
    } else {
        out.push_str("0.");
        out.extend(core::iter::repeat_n('0', (-exponent - 1) as usize));
        out.push_str(&digits);
    }
    out
}

/// The shortest round-trip digits of a finite `x >= 0` and its decimal exponent (`x = d.ddd × 10^e`).
fn shortest_digits(x: f64) -> (String, i32) {
    if x == 0.0 {
        return (String::from("0"), 0);
    }
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format_finite(x);
    let (mantissa, exp) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: String = int_part.chars().chain(frac_part.chars()).collect();
    let first = all.find(|c| c != '0').unwrap_or(0);
    let digits = all[first..].trim_end_matches('0');
    let exponent = int_part.len() as i32 - 1 - first as i32 + exp;
    (
        String::from(if digits.is_empty() { "0" } else { digits }),
        exponent,
    )
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::float_repr;

    #[test]
    fn python_layout() {
        let cases = [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1.5, "1.5"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.2345e-7, "1.2345e-07"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (123456.789, "123456.789"),
            (-2.5e-5, "-2.5e-05"),
            (f64::from_bits(0x430c_6bf5_2634_0002), "1000000000000000.2"), // 1e15 + 0.25: a tie
            (0.3, "0.3"),
            (2.5e-323, "2.5e-323"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(x), want, "{x:e}");
        }
    }
}
