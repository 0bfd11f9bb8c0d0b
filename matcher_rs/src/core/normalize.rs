//! Text normalization shared by training, classification and entity search.
//!
//! Every character of the original text is normalized on its own (NFKC, lower case,
//! `ё` → `е`), so each token keeps the byte span it came from: entity hits point back
//! into the text the customer wrote. Decisions taken here, deliberately:
//! - letters and digits build tokens; apostrophes inside a word are dropped ("what's" →
//!   "whats", "don't" → "dont"), every other punctuation mark or symbol separates tokens;
//! - combining marks are dropped, so a decomposed "ё" (е + U+0308) also folds into "е";
//! - digit runs of three or more become a shape token (`#3`, `#4`, `#5+`): amounts and
//!   phone numbers differ in every message, their length says more than their value.

use unicode_normalization::UnicodeNormalization;

/// A token of the normalized text with the byte span it covers in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Lower-cases `text`, applies NFKC and folds `ё` into `е` (the whole text, no tokens).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_normalized(c, &mut out);
    }
    out
}

fn fold(c: char, out: &mut String) {
    for l in c.to_lowercase() {
        out.push(if l == 'ё' { 'е' } else { l });
    }
}

fn push_normalized(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        for n in std::iter::once(c).nfkc() {
            fold(n, out);
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}' | '`')
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Splits `text` into normalized tokens, each with its span in `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut end = 0;
    let mut scratch = String::new();
    for (i, c) in text.char_indices() {
        scratch.clear();
        push_normalized(c, &mut scratch);
        let mut word_char = false;
        for n in scratch.chars() {
            if n.is_alphanumeric() {
                if current.is_empty() {
                    start = i;
                }
                current.push(n);
                word_char = true;
            } else if (is_combining(n) || is_apostrophe(n)) && !current.is_empty() {
                word_char = true;
            }
        }
        if word_char {
            end = i + c.len_utf8();
        } else if !current.is_empty() {
            tokens.push(finish(&mut current, start, end));
        }
    }
    if !current.is_empty() {
        tokens.push(finish(&mut current, start, end));
    }
    tokens
}

fn finish(current: &mut String, start: usize, end: usize) -> Token {
    let raw = std::mem::take(current);
    let digits = raw.chars().count();
    let text = if digits >= 3 && raw.chars().all(|c| c.is_ascii_digit()) {
        match digits {
            3 => "#3".to_owned(),
            4 => "#4".to_owned(),
            _ => "#5+".to_owned(),
        }
    } else {
        raw
    };
    Token { text, start, end }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn folds_case_and_yo() {
        assert_eq!(normalize("Ёлка ТАРИФ"), "елка тариф");
    }

    #[test]
    fn keeps_empty_empty() {
        assert_eq!(normalize(""), "");
        assert!(tokenize("").is_empty());
        assert!(tokenize(" ,.!? ").is_empty());
    }

    #[test]
    fn applies_nfkc_to_compatibility_forms() {
        assert_eq!(texts("ｆｕｌｌ\u{FB01}"), vec!["fullfi"]);
    }

    #[test]
    fn decomposed_yo_folds_like_composed() {
        assert_eq!(texts("е\u{0308}лка"), texts("ёлка"));
    }

    #[test]
    fn joins_apostrophes_and_splits_punctuation() {
        assert_eq!(
            texts("What's up? Don't-stop"),
            vec!["whats", "up", "dont", "stop"]
        );
    }

    #[test]
    fn replaces_long_numbers_by_their_shape() {
        assert_eq!(
            texts("pay 12 or 500 or 8800 to 89161234567"),
            vec!["pay", "12", "or", "#3", "or", "#4", "to", "#5+"]
        );
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let text = "Тариф «Мой онлайн»!";
        let tokens = tokenize(text);
        assert_eq!(&text[tokens[1].start..tokens[2].end], "Мой онлайн");
    }
}
