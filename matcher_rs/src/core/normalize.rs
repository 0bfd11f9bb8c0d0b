//! Text normalization shared by training and classification.

/// Lower-cases `text` and folds `ё` into `е`, so that spelling variants of the same
/// Russian word meet in one feature.
pub fn normalize(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_yo() {
        assert_eq!(normalize("Ёлка ТАРИФ"), "елка тариф");
    }

    #[test]
    fn keeps_empty_empty() {
        assert_eq!(normalize(""), "");
    }
}
