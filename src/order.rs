//! One sort for the whole crate. Each `sort_by` on another element type instantiates its own copy
//! of the standard library's sorts (5–10 KB of wasm each, 16 KB for the one left), so callers sort
//! indices through this heapsort: O(n log n), a few hundred bytes.

use alloc::vec::Vec;
use core::cmp::Ordering;

/// `0..len` ordered by `cmp`, stably (equal keys keep their index order).
pub(crate) fn sorted_indices(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut index: Vec<usize> = (0..len).collect();
    let less = |index: &[usize], a: usize, b: usize| {
        let (x, y) = (index[a], index[b]);
        cmp(x, y).then(x.cmp(&y)) == Ordering::Less
    };
    // Sift `root` down the max-heap `index[..end]`.
    let sift = |index: &mut [usize], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(index, child, child + 1) {
            child += 1;
        }
        if !less(index, root, child) {
            return;
        }
        index.swap(root, child);
        root = child;
    };
    for root in (0..len / 2).rev() {
        sift(&mut index, root, len);
    }
    for end in (1..len).rev() {
        index.swap(0, end);
        sift(&mut index, 0, end);
    }
    index
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 7u32;
        for len in [0usize, 1, 2, 3, 10, 257] {
            let keys: Vec<u32> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    seed % 50
                })
                .collect();
            let order = sorted_indices(len, &|a, b| keys[a].cmp(&keys[b]));
            let mut expected: Vec<usize> = (0..len).collect();
            expected.sort_by_key(|&i| keys[i]); // stable
            assert_eq!(order, expected);
        }
    }
}
