//! The model's feature table: feature hash → what scoring needs of the feature, in one
//! flat open-addressing array (linear probing, at most half full). A message looks up a
//! few hundred n-grams in a table too large for the cache; here each lookup costs one
//! memory access where a general map costs two (control bytes, then the entry), and the
//! slots of a whole message are prefetched before any is read.

use serde::{Deserialize, Serialize};

/// A hash table from non-zero `u64` hashes (well mixed already) to `V`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FeatureTable<V> {
    /// `(key, value)`; key 0 marks an empty slot (a key of 0 is stored as 1).
    slots: Vec<(u64, V)>,
    len: usize,
}

impl<V: Copy + Default> FeatureTable<V> {
    pub fn from_entries(entries: impl ExactSizeIterator<Item = (u64, V)>) -> Self {
        let capacity = (entries.len() * 2).max(8).next_power_of_two();
        let mut table = Self {
            slots: vec![(0, V::default()); capacity],
            len: 0,
        };
        for (key, value) in entries {
            let key = key.max(1);
            let mut i = table.slot(key);
            while table.slots[i].0 != 0 && table.slots[i].0 != key {
                i = (i + 1) & (capacity - 1);
            }
            if table.slots[i].0 == 0 {
                table.len += 1;
            }
            table.slots[i] = (key, value);
        }
        table
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        key as usize & (self.slots.len() - 1)
    }

    #[inline]
    pub fn get(&self, key: u64) -> Option<&V> {
        let key = key.max(1);
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        loop {
            let (k, ref v) = self.slots[i];
            if k == key {
                return Some(v);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Asks the CPU to start loading `key`'s slot, so lookups of many keys overlap.
    #[inline]
    pub fn prefetch(&self, key: u64) {
        prefetch(self.slots.get(self.slot(key.max(1))));
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Heap size in bytes.
    pub fn size_bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<(u64, V)>()
    }
}

/// Hints the CPU to bring `value` into the cache (no-op off x86_64 or for `None`).
#[inline]
pub fn prefetch<T>(value: Option<&T>) {
    #[cfg(target_arch = "x86_64")]
    if let Some(value) = value {
        // SAFETY: SSE is part of the x86_64 baseline, and a prefetch only hints the
        // cache: it never faults and reads nothing into the program.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                (value as *const T).cast(),
            );
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_only_those() {
        let table =
            FeatureTable::from_entries((0..1000u32).map(|k| (u64::from(k) * 0x9e37_79b9, k)));
        assert_eq!(table.len(), 1000);
        for k in 0..1000u32 {
            table.prefetch(u64::from(k));
            assert_eq!(table.get(u64::from(k) * 0x9e37_79b9), Some(&k));
        }
        assert_eq!(table.get(7), None);
        // Key 0 is stored as 1 and still found.
        let zero = FeatureTable::from_entries([(0u64, 5u8)].into_iter());
        assert_eq!(zero.get(0), Some(&5));
    }
}
