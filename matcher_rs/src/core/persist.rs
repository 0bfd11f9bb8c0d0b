//! The versioned model file: magic bytes, a format version, a checksum of the payload,
//! then the postcard-encoded payload. A file of an unknown version or one that fails the
//! checksum is refused with a typed error instead of being half-read.

use std::path::Path;

use super::error::{MatcherError, Result};
use super::matcher::{Matcher, Stored};

const MAGIC: &[u8; 8] = b"OMNIMTCH";
/// Bump whenever the stored structures change shape.
pub const FORMAT_VERSION: u32 = 2;
const HEADER: usize = 8 + 4 + 8;

fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

impl Matcher {
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let payload = postcard::to_stdvec(&self.stored())
            .map_err(|e| MatcherError::CorruptModel(e.to_string()))?;
        let mut out = Vec::with_capacity(HEADER + payload.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&checksum(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        Ok(out)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Err(MatcherError::CorruptModel(
                "not an omniroute matcher file".into(),
            ));
        }
        let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
        if version != FORMAT_VERSION {
            return Err(MatcherError::UnsupportedVersion {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let sum = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
        let payload = &bytes[HEADER..];
        if checksum(payload) != sum {
            return Err(MatcherError::CorruptModel("checksum mismatch".into()));
        }
        let stored: Stored =
            postcard::from_bytes(payload).map_err(|e| MatcherError::CorruptModel(e.to_string()))?;
        Matcher::assemble(stored)
    }

    /// Writes to a temporary file first and renames it, so a crash never leaves a
    /// half-written model under `path`.
    pub fn save(&self, path: &Path) -> Result<()> {
        let bytes = self.to_bytes()?;
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    }

    pub fn load(path: &Path) -> Result<Self> {
        Self::from_bytes(&std::fs::read(path)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::matcher::tests::tiny;

    #[test]
    fn round_trip_gives_identical_results() {
        let m = tiny();
        let back = Matcher::from_bytes(&m.to_bytes().unwrap()).unwrap();
        for text in ["where is my card", "top up", "", "Ебург"] {
            assert_eq!(m.classify(text, 3), back.classify(text, 3));
        }
    }

    #[test]
    fn refuses_unknown_version_and_corruption() {
        let mut bytes = tiny().to_bytes().unwrap();
        let mut future = bytes.clone();
        future[8] = 99;
        assert!(matches!(
            Matcher::from_bytes(&future),
            Err(MatcherError::UnsupportedVersion { found: 99, .. })
        ));
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        assert!(matches!(
            Matcher::from_bytes(&bytes),
            Err(MatcherError::CorruptModel(_))
        ));
        assert!(matches!(
            Matcher::from_bytes(b"short"),
            Err(MatcherError::CorruptModel(_))
        ));
    }
}
