//! Number attributes: JS numbers to DynamoDB N text as Python writes them, and back.
//!
//! pynamodb stores a number as `json.dumps(value)`, so ints stay ints (`10`, any size) and floats
//! use Python's repr (`1.0`, `1e+16`). DynamoDB keeps at most 38 significant digits and magnitudes
//! from 1e-130 to below 1e126; anything else would be refused by the service, so it is refused here
//! first. Reading follows Python's `json.loads`: no `.`/exponent is an int, anything else a float
//! (DynamoDB Local keeps `1.0` as written inside lists and maps, and after an update's SET).

use super::size;
use super::stream::output::Out;
use crate::datetime;
use crate::pyjson::{float_repr, Int};
use alloc::{borrow::Cow, string::String};

/// How a `number` attribute converts values (schema field `"number"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberMode {
    /// Integral values only, written as ints.
    Int,
    /// Written as Python floats (`3` becomes `3.0`).
    Float,
    /// Ints stay ints, floats stay floats (what `json.dumps` does).
    Auto,
}

/// A number as the wire carries it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum WireNumber<'a> {
    /// A JSON literal: an int without `.`/exponent, else a float.
    Literal(&'a str),
    /// A `\u0000i` BigInt body.
    Big(Cow<'a, str>),
    /// A `\u0000f` float (a `PythonFloat`, NaN, ±Infinity or -0).
    Float(f64),
}

const MAX_DIGITS: usize = 38;
const MIN_EXPONENT: i64 = -130;
const MAX_EXPONENT: i64 = 125;

/// The N text Python would store for `number` under `mode`, and its size; problems are E_ITEM_VALUE.
pub(crate) fn to_stored<'a>(
    number: &WireNumber<'a>,
    mode: NumberMode,
) -> Result<(Cow<'a, str>, usize), &'static str> {
    let text = match (number, mode) {
        (WireNumber::Literal(lit), NumberMode::Auto | NumberMode::Int)
            if !lit.contains(['.', 'e', 'E']) =>
        {
            canonical_int(lit).ok_or(INVALID)?
        }
        (WireNumber::Big(digits), NumberMode::Auto | NumberMode::Int) => canonical_int(digits)
            .map(|c| Cow::Owned(c.into_owned()))
            .ok_or(INVALID)?,
        (WireNumber::Float(x), NumberMode::Auto) => float_text(*x)?,
        (_, NumberMode::Int) => {
            let x = as_f64(number)?;
            let int = Int::from_integral_f64(x).map_err(|_| match x {
                _ if !x.is_finite() => NOT_FINITE,
                _ if x.trunc() != x => "not an integer (int attribute)",
                _ => TOO_MANY_DIGITS,
            })?;
            Cow::Owned(int.as_str().into())
        }
        (_, NumberMode::Float | NumberMode::Auto) => float_text(as_f64(number)?)?,
    };
    let size = Decimal::parse(&text).ok_or(INVALID)?.check()?;
    Ok((text, size))
}

const INVALID: &str = "invalid number text";
const TOO_MANY_DIGITS: &str = "more than 38 significant digits (DynamoDB's limit)";
const NOT_FINITE: &str = "NaN and Infinity cannot be stored in DynamoDB";

fn as_f64(number: &WireNumber<'_>) -> Result<f64, &'static str> {
    match number {
        WireNumber::Literal(text) => text.parse().map_err(|_| INVALID),
        WireNumber::Big(text) => canonical_int(text)
            .and_then(|t| t.parse().ok())
            .ok_or(INVALID),
        WireNumber::Float(x) => Ok(*x),
    }
}

fn float_text(x: f64) -> Result<Cow<'static, str>, &'static str> {
    if x.is_finite() {
        Ok(Cow::Owned(float_repr(x)))
    } else {
        Err(NOT_FINITE)
    }
}

/// `-?[0-9]+` without leading zeros or `-0`; borrowed when already so.
fn canonical_int(text: &str) -> Option<Cow<'_, str>> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = digits.trim_start_matches('0');
    Some(match (negative, trimmed) {
        (_, "") => Cow::Borrowed("0"),
        _ if trimmed.len() == digits.len() => Cow::Borrowed(text),
        (true, _) => Cow::Owned(alloc::format!("-{trimmed}")),
        (false, _) => Cow::Borrowed(trimmed),
    })
}

/// The size of stored N text (DynamoDB's rule, [`size::number`]); problems as in [`write_stored`].
pub(crate) fn stored_size(text: &str) -> Result<usize, &'static str> {
    let decimal = Decimal::parse(text).ok_or(STORED_INVALID)?;
    decimal.check().map_err(|_| STORED_LIMITS)
}

/// Writes stored N text as a wire number under `mode`; problems are E_ITEM_STORED. Under `"auto"` a
/// whole float (`1.0`, `1E+2`) is a float tag, so that JS keeps it a Python float (`PythonFloat`).
pub(crate) fn write_stored(
    out: &mut Out,
    text: &str,
    mode: NumberMode,
) -> Result<(), &'static str> {
    let decimal = Decimal::parse(text).ok_or(STORED_INVALID)?;
    decimal.check().map_err(|_| STORED_LIMITS)?;
    match mode {
        NumberMode::Auto | NumberMode::Int if decimal.plain => {
            write_int(out, decimal.negative, decimal.int)
        }
        NumberMode::Int => {
            let int = decimal.integer().ok_or("stored number is not an integer")?;
            let (negative, digits) = match int.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, int.as_str()),
            };
            write_int(out, negative, digits);
        }
        NumberMode::Auto | NumberMode::Float => {
            let x: f64 = text.parse().map_err(|_| STORED_INVALID)?;
            // Under "auto" a whole float (`1.0`) must not come back as an int: it is a float tag.
            out.float(x, mode == NumberMode::Auto);
        }
    }
    Ok(())
}

const STORED_INVALID: &str = "stored N is not a number";
const STORED_LIMITS: &str = "stored N is outside DynamoDB's number limits";

/// An int as a wire value: a literal when JS can hold it exactly, else a `\u0000i` BigInt tag.
fn write_int(out: &mut Out, negative: bool, digits: &str) {
    const MAX_SAFE: &str = "9007199254740991";
    let digits = match digits.trim_start_matches('0') {
        "" => "0",
        d => d,
    };
    let signed = if negative && digits != "0" {
        Cow::Owned(alloc::format!("-{digits}"))
    } else {
        Cow::Borrowed(digits)
    };
    let safe =
        digits.len() < MAX_SAFE.len() || (digits.len() == MAX_SAFE.len() && digits <= MAX_SAFE);
    if safe {
        out.num(&signed);
    } else {
        out.tagged(b'i', &signed);
    }
}

/// The N size of an integer (years 1..=9999 in epoch seconds are far inside DynamoDB's limits).
pub(crate) fn int_size(n: i64) -> usize {
    let mut n = n.unsigned_abs();
    if n == 0 {
        return size::number(0);
    }
    while n.is_multiple_of(10) {
        n /= 10;
    }
    size::number(n.ilog10() as usize + 1)
}

/// Epoch microseconds of a stored TTL (epoch seconds), as pynamodb's `utcfromtimestamp` reads it.
pub(crate) fn stored_epoch_micros(text: &str) -> Result<i64, &'static str> {
    let decimal = Decimal::parse(text).ok_or(STORED_INVALID)?;
    decimal.check().map_err(|_| STORED_LIMITS)?;
    let micros = if decimal.plain {
        // Beyond 12 digits the year is past 9999 anyway; below, the product fits an i64.
        let digits = decimal.int.trim_start_matches('0');
        if digits.len() > 12 {
            return Err(TTL_RANGE);
        }
        let seconds = digits.parse::<i64>().unwrap_or(0);
        let seconds = if decimal.negative { -seconds } else { seconds };
        seconds * 1_000_000
    } else {
        let x: f64 = text.parse().map_err(|_| STORED_INVALID)?;
        if x.abs() >= 1e12 {
            return Err(TTL_RANGE);
        }
        // CPython: modf, then the fraction in microseconds rounded half to even, carried.
        let whole = x.trunc();
        let mut micros = ((x - whole) * 1e6).round_ties_even();
        let mut seconds = whole;
        if micros >= 1e6 {
            micros -= 1e6;
            seconds += 1.0;
        } else if micros < 0.0 {
            micros += 1e6;
            seconds -= 1.0;
        }
        seconds as i64 * 1_000_000 + micros as i64
    };
    datetime::check_range(micros).map_err(|_| TTL_RANGE)?;
    Ok(micros)
}

const TTL_RANGE: &str = "stored TTL is outside years 1..=9999";

/// A decimal number text, split without allocating: `[+-]? digits [. digits] [(e|E) [+-] digits]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decimal<'a> {
    negative: bool,
    int: &'a str,
    frac: &'a str,
    /// Clamped to ±10^15, far beyond any limit checked.
    exp: i64,
    /// Neither `.` nor an exponent: Python reads it as an int.
    plain: bool,
}

impl<'a> Decimal<'a> {
    pub(crate) fn parse(text: &'a str) -> Option<Decimal<'a>> {
        let (negative, rest) = match text.as_bytes().first() {
            Some(b'-') => (true, text.get(1..)?),
            Some(b'+') => (false, text.get(1..)?),
            _ => (false, text),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(i) => (rest.get(..i)?, Some(rest.get(i + 1..)?)),
            None => (rest, None),
        };
        let (int, frac) = match mantissa.split_once('.') {
            Some((int, frac)) => (int, Some(frac)),
            None => (mantissa, None),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let frac_digits = frac.unwrap_or("");
        if int.len() + frac_digits.len() == 0 || !all_digits(int) || !all_digits(frac_digits) {
            return None;
        }
        let exp = match exponent {
            None => 0,
            Some(e) => {
                let (sign, digits) = match e.as_bytes().first() {
                    Some(b'-') => (-1, e.get(1..)?),
                    Some(b'+') => (1, e.get(1..)?),
                    _ => (1, e),
                };
                if digits.is_empty() || !all_digits(digits) {
                    return None;
                }
                let magnitude = digits.bytes().fold(0i64, |n, b| {
                    (n * 10 + i64::from(b - b'0')).min(1_000_000_000_000_000)
                });
                sign * magnitude
            }
        };
        Some(Decimal {
            negative,
            int,
            frac: frac_digits,
            exp,
            plain: frac.is_none() && exponent.is_none(),
        })
    }

    fn digits(&self) -> impl DoubleEndedIterator<Item = u8> + 'a {
        self.int.bytes().chain(self.frac.bytes())
    }

    /// Indexes (into [`digits`](Self::digits)) of the first and last non-zero digit; None for zero.
    fn significant(&self) -> Option<(usize, usize)> {
        let first = self.digits().position(|d| d != b'0')?;
        let from_end = self.digits().rev().position(|d| d != b'0')?;
        Some((first, self.int.len() + self.frac.len() - 1 - from_end))
    }

    /// Digits `first..=last` (indexes into [`digits`](Self::digits)) as characters.
    fn digit_run(&self, first: usize, last: usize) -> impl Iterator<Item = char> + 'a {
        self.digits()
            .enumerate()
            .filter(move |(i, _)| (first..=last).contains(i))
            .map(|(_, d)| char::from(d))
    }

    /// The power of ten of digit `index`.
    fn weight(&self, index: usize) -> i64 {
        self.int.len() as i64 - 1 - index as i64 + self.exp
    }

    /// Checks DynamoDB's limits and returns the N size.
    pub(crate) fn check(&self) -> Result<usize, &'static str> {
        let Some((first, last)) = self.significant() else {
            return Ok(size::number(0));
        };
        let count = last - first + 1;
        if count > MAX_DIGITS {
            return Err(TOO_MANY_DIGITS);
        }
        if !(MIN_EXPONENT..=MAX_EXPONENT).contains(&self.weight(first)) {
            return Err("magnitude outside DynamoDB's range 1e-130 to 9.99e+125");
        }
        Ok(size::number(count))
    }

    /// The exact integer, if integral; call after [`check`](Self::check) (which bounds the length).
    fn integer(&self) -> Option<String> {
        let Some((first, last)) = self.significant() else {
            return Some(String::from("0"));
        };
        let zeros = usize::try_from(self.weight(last)).ok()?;
        let mut out = String::with_capacity(last - first + 2 + zeros);
        if self.negative {
            out.push('-');
        }
        out.extend(self.digit_run(first, last));
        out.extend(core::iter::repeat_n('0', zeros));
        Some(out)
    }

    /// Equal for numerically equal texts (`1`, `1.0`, `10e-1`): how DynamoDB compares set elements.
    pub(crate) fn key(&self) -> (bool, i64, String) {
        match self.significant() {
            None => (false, 0, String::new()),
            Some((first, last)) => (
                self.negative,
                self.weight(first),
                self.digit_run(first, last).collect(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn stored(number: WireNumber<'_>, mode: NumberMode) -> Result<(String, usize), &'static str> {
        to_stored(&number, mode).map(|(t, s)| (t.into_owned(), s))
    }

    fn lit(text: &str, mode: NumberMode) -> Result<(String, usize), &'static str> {
        stored(WireNumber::Literal(text), mode)
    }

    #[test]
    fn writes_what_python_writes() {
        use NumberMode::*;
        // (wire literal, mode, N text, size = 1 + ceil(significant digits / 2))
        for (wire, mode, text, size) in [
            ("0", Auto, "0", 1),
            ("-0", Auto, "0", 1),
            ("10", Auto, "10", 2),
            ("-123", Auto, "-123", 3),
            ("1.5", Auto, "1.5", 2),
            ("3", Float, "3.0", 2),
            ("1e+21", Auto, "1e+21", 2),
            ("1e+21", Int, "1000000000000000000000", 2),
            ("10000000000000000", Float, "1e+16", 2),
            ("1e-7", Auto, "1e-07", 2),
            ("0.000001", Auto, "1e-06", 2),
            ("123456.789", Auto, "123456.789", 6),
            ("2.0", Int, "2", 2),
            ("1180591620717411303424", Int, "1180591620717411303424", 12),
        ] {
            assert_eq!(lit(wire, mode), Ok((text.into(), size)), "{wire} {mode:?}");
        }
        let big = "12345678901234567890123456789012345678"; // 38 digits
        assert_eq!(
            stored(WireNumber::Big(big.into()), Auto),
            Ok((big.into(), 20))
        );
        assert_eq!(
            stored(WireNumber::Big("-007".into()), Int),
            Ok(("-7".into(), 2))
        );
        assert_eq!(
            stored(WireNumber::Big("9007199254740993".into()), Float),
            Ok(("9007199254740992.0".into(), 9))
        );
        assert_eq!(stored(WireNumber::Float(1.0), Auto), Ok(("1.0".into(), 2)));
        assert_eq!(
            stored(WireNumber::Float(-0.0), Auto),
            Ok(("-0.0".into(), 1))
        );
        assert_eq!(stored(WireNumber::Float(4.0), Int), Ok(("4".into(), 2)));
    }

    #[test]
    fn refuses_what_dynamodb_refuses() {
        use NumberMode::*;
        for (number, mode) in [
            (WireNumber::Float(f64::NAN), Auto),
            (WireNumber::Float(f64::INFINITY), Float),
            (WireNumber::Float(f64::NEG_INFINITY), Int),
            (WireNumber::Literal("1.5"), Int),
            (
                WireNumber::Big("123456789012345678901234567890123456789".into()),
                Auto,
            ),
            (WireNumber::Big("12a".into()), Auto),
            (WireNumber::Big("".into()), Float),
            (WireNumber::Literal("1e-131"), Auto),
            (WireNumber::Literal("1e+126"), Auto),
            (WireNumber::Literal("5e-324"), Auto),
            (WireNumber::Literal("1e+300"), Int),
        ] {
            assert!(stored(number.clone(), mode).is_err(), "{number:?} {mode:?}");
        }
        // The boundaries themselves are accepted.
        assert_eq!(lit("1e-130", Auto).unwrap().0, "1e-130");
        assert_eq!(
            lit("9.99999999999999e+125", Auto).unwrap().0,
            "9.99999999999999e+125"
        );
    }

    fn read(text: &str, mode: NumberMode) -> Result<String, &'static str> {
        let mut out = Out::default();
        write_stored(&mut out, text, mode).map(|()| super::super::json::output::to_json(&out))
    }

    #[test]
    fn reads_what_python_reads() {
        use NumberMode::*;
        for (text, mode, wire) in [
            ("10", Auto, "10"),
            ("-0", Auto, "0"),
            ("007", Auto, "7"),
            ("1.5", Auto, "1.5"),
            ("10.50", Auto, "10.5"),
            // Whole floats under "auto" are float tags (JS: PythonFloat), else they would read as ints.
            ("1E+2", Auto, "\"\\u0000f100.0\""),
            ("1.0", Auto, "\"\\u0000f1.0\""),
            ("0.0", Auto, "\"\\u0000f0.0\""),
            ("-3.0", Auto, "\"\\u0000f-3.0\""),
            ("1e+16", Auto, "\"\\u0000f1e16\""),
            ("-0.0", Auto, "-0.0"),
            ("-1E-7", Auto, "-1e-7"),
            ("1E+16", Float, "1e16"),
            ("1.0", Float, "1.0"),
            ("1.0", Int, "1"),
            ("1E+2", Int, "100"),
            ("-12.5e1", Int, "-125"),
            ("5", Float, "5.0"),
            ("9007199254740991", Auto, "9007199254740991"),
            ("9007199254740992", Auto, "\"\\u0000i9007199254740992\""),
            (
                "-99999999999999999999999999999999999999",
                Int,
                "\"\\u0000i-99999999999999999999999999999999999999\"",
            ),
            (
                "1e125",
                Int,
                &alloc::format!("\"\\u0000i1{}\"", "0".repeat(125)),
            ),
        ] {
            assert_eq!(read(text, mode).as_deref(), Ok(wire), "{text} {mode:?}");
        }
        for (text, mode) in [
            ("1.5", Int),
            ("abc", Auto),
            ("", Auto),
            ("1e", Auto),
            ("--1", Auto),
            ("inf", Float),
            ("NaN", Float),
            ("1e999999999999999999999", Int),
            ("1e126", Auto),
        ] {
            assert!(read(text, mode).is_err(), "{text} {mode:?}");
        }
    }

    #[test]
    fn ttl_seconds() {
        assert_eq!(stored_epoch_micros("1700000000"), Ok(1_700_000_000_000_000));
        assert_eq!(stored_epoch_micros("-1"), Ok(-1_000_000));
        // CPython: datetime.utcfromtimestamp(1.5) has microsecond 500000.
        assert_eq!(stored_epoch_micros("1.5"), Ok(1_500_000));
        assert_eq!(stored_epoch_micros("-1.25"), Ok(-1_250_000));
        assert_eq!(stored_epoch_micros("1e3"), Ok(1_000_000_000));
        assert!(stored_epoch_micros("253402300800").is_err()); // year 10000
        assert!(stored_epoch_micros("1e20").is_err());
        assert!(stored_epoch_micros("x").is_err());
    }

    #[test]
    fn integer_sizes() {
        for n in [
            0i64,
            7,
            -10,
            100,
            1_700_000_000,
            -62_135_596_800,
            253_402_300_799,
            i64::MIN,
        ] {
            let text = alloc::format!("{n}");
            assert_eq!(
                int_size(n),
                Decimal::parse(&text).unwrap().check().unwrap(),
                "{n}"
            );
        }
    }

    #[test]
    fn numeric_keys() {
        let key = |t: &str| Decimal::parse(t).unwrap().key();
        assert_eq!(key("1"), key("1.0"));
        assert_eq!(key("1"), key("10e-1"));
        assert_eq!(key("0"), key("-0.0"));
        assert_ne!(key("1"), key("-1"));
        assert_ne!(key("1"), key("10"));
    }
}
