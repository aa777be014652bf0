//! One sort for the whole crate: each `sort_by` on another element type instantiates its own copy of
//! the standard library's sort (5–10 KB of wasm each), so callers sort indices through this one.

use alloc::vec::Vec;
use core::cmp::Ordering;

/// `0..len` ordered by `cmp` (unstable: callers compare distinct keys, or only test for equal ones).
pub(crate) fn sorted_indices(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut index: Vec<usize> = (0..len).collect();
    index.sort_unstable_by(|&a, &b| cmp(a, b));
    index
}
