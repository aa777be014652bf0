//! pynamodb's `UTCDateTimeAttribute` text: `YYYY-MM-DDTHH:MM:SS.ffffff+0000`, always 31 characters.
//!
//! Lexicographic order equals time order, which the status tracker's index relies on. Values are
//! epoch microseconds (i64) so that microseconds survive, over Python's whole year range 1..=9999.

use crate::error::{err, ErrorCode, Result};
use alloc::string::String;

const MICROS_PER_DAY: i64 = 86_400_000_000;
/// 0001-01-01T00:00:00 and 10000-01-01T00:00:00 in epoch microseconds.
const MIN_MICROS: i64 = -62_135_596_800_000_000;
const MAX_MICROS_EXCLUSIVE: i64 = 253_402_300_800_000_000;

/// Formats epoch microseconds as pynamodb writes them.
pub fn format(epoch_micros: i64) -> Result<String> {
    let mut out = String::with_capacity(31);
    write(&mut out, epoch_micros)?;
    Ok(out)
}

/// Appends [`format`]'s text to `out` (the item codec writes many datetimes into one buffer).
pub fn write(out: &mut String, epoch_micros: i64) -> Result<()> {
    check_range(epoch_micros)?;
    let days = epoch_micros.div_euclid(MICROS_PER_DAY);
    let in_day = epoch_micros.rem_euclid(MICROS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    let secs = in_day / 1_000_000;
    // Digits placed by hand: several times faster than `write!`, and every field is in range.
    let mut text = *b"0000-00-00T00:00:00.000000+0000";
    for (end, width, value) in [
        (4, 4, y),
        (7, 2, m),
        (10, 2, d),
        (13, 2, secs / 3600),
        (16, 2, secs / 60 % 60),
        (19, 2, secs % 60),
        (26, 6, in_day % 1_000_000),
    ] {
        let mut value = value;
        for digit in text[end - width..end].iter_mut().rev() {
            *digit = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    out.push_str(core::str::from_utf8(&text).unwrap_or_default());
    Ok(())
}

/// Python's `datetime` holds years 1..=9999 only; anything outside cannot be read back there.
pub fn check_range(epoch_micros: i64) -> Result<()> {
    if (MIN_MICROS..MAX_MICROS_EXCLUSIVE).contains(&epoch_micros) {
        Ok(())
    } else {
        Err(err(ErrorCode::Datetime, "datetime outside years 1..=9999"))
    }
}

/// Parses exactly the shape [`format`] writes (pynamodb's reader accepts nothing else).
pub fn parse(text: &str) -> Result<i64> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 31
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            19 => c == b'.',
            26 => c == b'+',
            _ => c.is_ascii_digit(),
        })
        && &b[26..] == b"+0000";
    if !shape_ok {
        return Err(err(
            ErrorCode::Datetime,
            "expected YYYY-MM-DDTHH:MM:SS.ffffff+0000",
        ));
    }
    let num = |from: usize, to: usize| -> i64 {
        b[from..to]
            .iter()
            .fold(0, |n, &c| n * 10 + i64::from(c - b'0'))
    };
    let (y, mo, d) = (num(0, 4), num(5, 7), num(8, 10));
    let (h, mi, s, us) = (num(11, 13), num(14, 16), num(17, 19), num(20, 26));
    if y < 1
        || !(1..=12).contains(&mo)
        || d < 1
        || d > days_in_month(y, mo)
        || h > 23
        || mi > 59
        || s > 59
    {
        return Err(err(ErrorCode::Datetime, "date or time field out of range"));
    }
    let days = days_from_civil(y, mo, d);
    Ok(days * MICROS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1_000_000 + us)
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's `days_from_civil`: proleptic Gregorian date to days since 1970-01-01.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(format(0).unwrap(), "1970-01-01T00:00:00.000000+0000");
        assert_eq!(format(-1).unwrap(), "1969-12-31T23:59:59.999999+0000");
        assert_eq!(
            format(MIN_MICROS).unwrap(),
            "0001-01-01T00:00:00.000000+0000"
        );
        assert_eq!(
            format(MAX_MICROS_EXCLUSIVE - 1).unwrap(),
            "9999-12-31T23:59:59.999999+0000"
        );
        assert_eq!(
            parse("2024-02-29T12:34:56.000001+0000").unwrap(),
            1_709_210_096_000_001
        );
        assert_eq!(
            format(MAX_MICROS_EXCLUSIVE).unwrap_err().code(),
            ErrorCode::Datetime
        );
    }

    #[test]
    fn strict_shape() {
        for bad in [
            "2023-02-29T00:00:00.000000+0000",
            "2024-01-01T00:00:00.000000+00:00",
            "2024-01-01T00:00:00+0000",
            "2024-01-01 00:00:00.000000+0000",
            "2024-13-01T00:00:00.000000+0000",
            "2024-01-01T24:00:00.000000+0000",
            "0000-01-01T00:00:00.000000+0000",
            "2024-01-01T00:00:00.000000+0100",
        ] {
            assert_eq!(parse(bad).unwrap_err().code(), ErrorCode::Datetime, "{bad}");
        }
    }
}
