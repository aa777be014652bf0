//! gzip (RFC 1952) as pynamodb_mate writes and reads it.
//!
//! Python writes `gzip.compress(data)`: one member, level 9, `XFL=2`, `OS=255`, MTIME = write time.
//! Python reads any stream: several members, optional header fields, zero padding between members.
//! The framing is done here; raw deflate comes from zlib-rs (through flate2), chosen over
//! miniz_oxide for speed (see README, "Build choices").

use crate::error::{err, ErrorCode, Result};
use alloc::vec::Vec;
use core::cell::RefCell;
use flate2::{Compress, Compression, Crc, Decompress, FlushCompress, FlushDecompress, Status};

/// pynamodb_mate's level (`gzip.compress` default).
pub const DEFAULT_LEVEL: u32 = 9;

const FHCRC: u8 = 0x02;
const FEXTRA: u8 = 0x04;
const FNAME: u8 = 0x08;
const FCOMMENT: u8 = 0x10;
const RESERVED: u8 = 0xe0;

std::thread_local! {
    /// Deflate and inflate states, kept between calls and reset before each use: allocating and
    /// clearing a level-9 deflate state (about 300 KB) cost more than compressing a small value.
    static DEFLATERS: RefCell<[Option<Compress>; 10]> = const { RefCell::new([const { None }; 10]) };
    static INFLATER: RefCell<Option<Decompress>> = const { RefCell::new(None) };
}

/// Runs `f` with a freshly reset deflate state of `level` (0..=9).
fn with_deflater<T>(level: u32, f: impl FnOnce(&mut Compress) -> T) -> T {
    DEFLATERS.with_borrow_mut(|states| {
        let state = states[level as usize]
            .get_or_insert_with(|| Compress::new(Compression::new(level), false));
        state.reset();
        f(state)
    })
}

/// Runs `f` with a freshly reset raw-inflate state.
fn with_inflater<T>(f: impl FnOnce(&mut Decompress) -> T) -> T {
    INFLATER.with_borrow_mut(|state| {
        let state = state.get_or_insert_with(|| Decompress::new(false));
        state.reset(false);
        f(state)
    })
}

/// Plans for a caller that deflates and inflates itself (node:zlib, in js/codec/node-native.mjs);
/// JS reads these offsets from js/generated/constants.mjs.
pub(crate) mod plan {
    /// [`super::member_plan`], in u32s: where the deflate data starts and ends, then the
    /// trailer's CRC-32 and size (mod 2^32) of the data.
    pub(crate) const MEMBER_BODY_START: usize = 0;
    pub(crate) const MEMBER_BODY_END: usize = 1;
    pub(crate) const MEMBER_CRC: usize = 2;
    pub(crate) const MEMBER_SIZE: usize = 3;
}

const TRAILER_LEN: usize = 8;

/// The member header this library writes: no optional fields, MTIME given, XFL as CPython, OS 255
/// (also for a caller whose deflate writes a gzip header of its own of the same length: zlib's).
pub fn header(level: u32, mtime: u32) -> Result<[u8; 10]> {
    if level > 9 {
        return Err(err(ErrorCode::Argument, "gzip level must be 0..=9"));
    }
    // XFL as CPython's gzip module sets it: 2 = slowest/best, 4 = fastest.
    let xfl = match level {
        9 => 2,
        1 => 4,
        _ => 0,
    };
    let m = mtime.to_le_bytes();
    Ok([0x1f, 0x8b, 8, 0, m[0], m[1], m[2], m[3], xfl, 0xff])
}

/// The member trailer: CRC-32 and size (mod 2^32) of the uncompressed data, little-endian.
fn trailer(crc: u32, len: u32) -> [u8; TRAILER_LEN] {
    let (c, l) = (crc.to_le_bytes(), len.to_le_bytes());
    [c[0], c[1], c[2], c[3], l[0], l[1], l[2], l[3]]
}

/// The plan of a one-member stream for a caller that inflates it (see `plan`): its header read as
/// [`decompress`] reads it, its trailer the last 8 bytes (the caller checks that the deflate data
/// ends there and matches the trailer, else leaves the stream to [`decompress`]).
pub fn member_plan(data: &[u8]) -> Result<Vec<u32>> {
    let body_start = read_header(data, 0)?;
    let body_end = data
        .len()
        .checked_sub(TRAILER_LEN)
        .filter(|&end| end >= body_start)
        .ok_or_else(|| {
            err(
                ErrorCode::GzipTruncated,
                "gzip member ends before its trailer",
            )
        })?;
    let t = &data[body_end..];
    let mut out = alloc::vec![0; 4];
    out[plan::MEMBER_BODY_START] = body_start as u32;
    out[plan::MEMBER_BODY_END] = body_end as u32;
    out[plan::MEMBER_CRC] = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
    out[plan::MEMBER_SIZE] = u32::from_le_bytes([t[4], t[5], t[6], t[7]]);
    Ok(out)
}

/// Compresses `data` into one gzip member with the given level (0..=9) and MTIME.
pub fn compress(data: &[u8], level: u32, mtime: u32) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    out.extend_from_slice(&header(level, mtime)?);

    with_deflater(level, |deflater| loop {
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity().max(1024));
        }
        let consumed = deflater.total_in() as usize;
        let status = deflater
            .compress_vec(&data[consumed..], &mut out, FlushCompress::Finish)
            .map_err(|_| err(ErrorCode::GzipData, "deflate failed"))?;
        if status == Status::StreamEnd {
            return Ok(());
        }
    })?;
    let mut crc = Crc::new();
    crc.update(data);
    out.extend_from_slice(&trailer(crc.sum(), data.len() as u32));
    Ok(out)
}

/// Decompresses every member of a gzip stream, failing once the output would pass `max_output`.
pub fn decompress(data: &[u8], max_output: usize) -> Result<Vec<u8>> {
    if data.is_empty() {
        return Err(err(
            ErrorCode::GzipHeader,
            "empty input is not a gzip stream",
        ));
    }
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        pos = read_header(data, pos)?;
        let member_start = out.len();
        pos = inflate_member(data, pos, &mut out, max_output)?;
        let trailer = data.get(pos..pos + 8).ok_or_else(|| {
            err(
                ErrorCode::GzipTruncated,
                "gzip member ends before its trailer",
            )
        })?;
        let mut crc = Crc::new();
        crc.update(&out[member_start..]);
        let want_crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
        let want_len = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
        if crc.sum() != want_crc || (out.len() - member_start) as u32 != want_len {
            return Err(err(
                ErrorCode::GzipChecksum,
                "gzip CRC32 or length trailer mismatch",
            ));
        }
        pos += 8;
        // Like CPython, zero bytes between or after members are padding.
        while data.get(pos) == Some(&0) {
            pos += 1;
        }
        if pos == data.len() {
            return Ok(out);
        }
    }
}

/// Validates a member header at `pos` and returns where its deflate data starts.
fn read_header(data: &[u8], pos: usize) -> Result<usize> {
    let truncated = || err(ErrorCode::GzipTruncated, "gzip header is truncated");
    let fixed = data.get(pos..pos + 10).ok_or_else(|| {
        if data[pos..].iter().zip([0x1f, 0x8b]).all(|(a, b)| *a == b) {
            truncated()
        } else {
            err(ErrorCode::GzipHeader, "not a gzip stream (bad magic bytes)")
        }
    })?;
    if fixed[0] != 0x1f || fixed[1] != 0x8b {
        return Err(err(
            ErrorCode::GzipHeader,
            "not a gzip stream (bad magic bytes)",
        ));
    }
    if fixed[2] != 8 {
        return Err(err(
            ErrorCode::GzipHeader,
            "unsupported gzip compression method",
        ));
    }
    let flags = fixed[3];
    if flags & RESERVED != 0 {
        return Err(err(
            ErrorCode::GzipHeader,
            "reserved gzip header flags are set",
        ));
    }
    let mut p = pos + 10;
    if flags & FEXTRA != 0 {
        let len = data.get(p..p + 2).ok_or_else(truncated)?;
        p += 2 + usize::from(u16::from_le_bytes([len[0], len[1]]));
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            let field = data.get(p..).ok_or_else(truncated)?;
            let end = field.iter().position(|&b| b == 0).ok_or_else(truncated)?;
            p += end + 1;
        }
    }
    if flags & FHCRC != 0 {
        let stored = data.get(p..p + 2).ok_or_else(truncated)?;
        let mut crc = Crc::new();
        crc.update(&data[pos..p]);
        if (crc.sum() & 0xffff) as u16 != u16::from_le_bytes([stored[0], stored[1]]) {
            return Err(err(ErrorCode::GzipHeader, "gzip header CRC16 mismatch"));
        }
        p += 2;
    }
    if p > data.len() {
        return Err(truncated());
    }
    Ok(p)
}

/// Inflates one raw deflate stream starting at `pos`, appending to `out`; returns the end position.
fn inflate_member(data: &[u8], pos: usize, out: &mut Vec<u8>, max_output: usize) -> Result<usize> {
    let too_large = || {
        err(
            ErrorCode::GzipTooLarge,
            alloc::format!("output exceeds the {max_output}-byte limit"),
        )
    };
    // First allocation: the trailer's ISIZE (exact for a single member), but never more than deflate's
    // 1032:1 maximum ratio allows, so a forged ISIZE cannot make us allocate gigabytes up front.
    let isize_hint = data.len().checked_sub(4).map_or(0, |i| {
        u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]) as usize
    });
    let first = isize_hint
        .min((data.len() - pos).saturating_mul(1032))
        .max(256);
    let member_start_len = out.len();
    with_inflater(|inflater| loop {
        if out.len() == out.capacity() {
            let room = max_output.saturating_add(1).saturating_sub(out.len());
            if room == 0 {
                return Err(too_large());
            }
            let want = if out.len() == member_start_len {
                first
            } else {
                out.len()
            };
            out.reserve_exact(want.min(room));
        }
        let consumed = inflater.total_in() as usize;
        let produced_before = inflater.total_out();
        let status = inflater
            .decompress_vec(&data[pos + consumed..], out, FlushDecompress::None)
            .map_err(|_| err(ErrorCode::GzipData, "corrupt deflate data"))?;
        if out.len() > max_output {
            return Err(too_large());
        }
        match status {
            Status::StreamEnd => return Ok(pos + inflater.total_in() as usize),
            _ if inflater.total_in() as usize == data.len() - pos
                && inflater.total_out() == produced_before
                && out.len() < out.capacity() =>
            {
                return Err(err(
                    ErrorCode::GzipTruncated,
                    "gzip data ends inside a member",
                ));
            }
            _ => {}
        }
    })
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    // CPython 3.11: gzip.compress(b"hello", mtime=0) (3.11 writes OS=3, 3.12+ writes OS=255).
    const PY_HELLO: [u8; 25] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9,
        0x07, 0x00, 0x86, 0xa6, 0x10, 0x36, 0x05, 0x00, 0x00, 0x00,
    ];

    #[test]
    fn member_plan_locates_what_compress_wrote() {
        let packed = compress(b"hello hello hello", 6, 7).unwrap();
        assert_eq!(&packed[..10], &header(6, 7).unwrap());
        let plan = member_plan(&packed).unwrap();
        let (start, end) = (
            plan[plan::MEMBER_BODY_START] as usize,
            plan[plan::MEMBER_BODY_END] as usize,
        );
        assert_eq!((start, end), (10, packed.len() - 8));
        let mut crc = Crc::new();
        crc.update(b"hello hello hello");
        assert_eq!(plan[plan::MEMBER_CRC], crc.sum());
        assert_eq!(plan[plan::MEMBER_SIZE], 17);
        assert_eq!(
            member_plan(&packed[..12]).unwrap_err().code(),
            ErrorCode::GzipTruncated
        );
        assert_eq!(
            member_plan(b"not gzip at all!!!").unwrap_err().code(),
            ErrorCode::GzipHeader
        );
    }

    #[test]
    fn reads_python_and_round_trips() {
        assert_eq!(decompress(&PY_HELLO, 100).unwrap(), b"hello");
        let packed = compress(b"hello hello hello", 9, 0).unwrap();
        assert_eq!(&packed[..10], &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]);
        assert_eq!(decompress(&packed, 100).unwrap(), b"hello hello hello");
        assert_eq!(decompress(&compress(b"", 6, 7).unwrap(), 0).unwrap(), b"");
    }

    #[test]
    fn multi_member_padding_and_header_fields() {
        let mut two = compress(b"ab", 1, 0).unwrap();
        two.extend_from_slice(&[0, 0]);
        two.extend_from_slice(&compress(b"cd", 0, 0).unwrap());
        assert_eq!(decompress(&two, 100).unwrap(), b"abcd");

        // FEXTRA + FNAME + FCOMMENT + FHCRC around the same deflate body.
        let body = &PY_HELLO[10..];
        let mut header = alloc::vec![
            0x1f,
            0x8b,
            8,
            FEXTRA | FNAME | FCOMMENT | FHCRC,
            1,
            2,
            3,
            4,
            0,
            3
        ];
        header.extend_from_slice(&[2, 0, b'x', b'y']);
        header.extend_from_slice(b"name\0comment\0");
        let mut crc = Crc::new();
        crc.update(&header);
        header.extend_from_slice(&((crc.sum() & 0xffff) as u16).to_le_bytes());
        header.extend_from_slice(body);
        assert_eq!(decompress(&header, 100).unwrap(), b"hello");
    }

    #[test]
    fn errors_have_distinct_codes() {
        let code = |d: &[u8], max| decompress(d, max).unwrap_err().code();
        assert_eq!(code(b"", 10), ErrorCode::GzipHeader);
        assert_eq!(code(b"hello world", 10), ErrorCode::GzipHeader);
        assert_eq!(code(&PY_HELLO[..5], 10), ErrorCode::GzipTruncated);
        assert_eq!(code(&PY_HELLO[..15], 10), ErrorCode::GzipTruncated);
        assert_eq!(code(&PY_HELLO[..22], 10), ErrorCode::GzipTruncated);
        let mut bad_crc = PY_HELLO;
        bad_crc[18] ^= 1;
        assert_eq!(code(&bad_crc, 10), ErrorCode::GzipChecksum);
        let mut bad_data = PY_HELLO;
        bad_data[10] = 0xff;
        assert_eq!(code(&bad_data, 10), ErrorCode::GzipData);
        assert_eq!(code(&PY_HELLO, 4), ErrorCode::GzipTooLarge);
        let mut trailing = PY_HELLO.to_vec();
        trailing.push(7);
        assert_eq!(code(&trailing, 10), ErrorCode::GzipHeader);
        assert_eq!(
            compress(b"", 10, 0).unwrap_err().code(),
            ErrorCode::Argument
        );
    }

    #[test]
    fn kept_states_start_fresh_each_call() {
        let text = b"the same text, the same text, the same bytes";
        let first = compress(text, 9, 0).unwrap();
        // Interleaved levels, an inflate that fails half-way, then the same calls again.
        compress(b"other data at another level", 1, 0).unwrap();
        let mut corrupt = first.clone();
        corrupt[12] ^= 0xff;
        assert!(decompress(&corrupt, 100).is_err());
        assert!(decompress(&PY_HELLO[..15], 100).is_err());
        assert_eq!(compress(text, 9, 0).unwrap(), first);
        assert_eq!(decompress(&first, 100).unwrap(), text);
        assert_eq!(decompress(&PY_HELLO, 100).unwrap(), b"hello");
    }

    #[test]
    fn bomb_is_stopped_at_the_limit() {
        let bomb = compress(&alloc::vec![0u8; 10 << 20], 9, 0).unwrap();
        assert!(bomb.len() < 20_000);
        assert_eq!(
            decompress(&bomb, 1 << 20).unwrap_err().code(),
            ErrorCode::GzipTooLarge
        );
        assert_eq!(decompress(&bomb, 10 << 20).unwrap().len(), 10 << 20);
    }
}
