//! What every form shares: the text as it may be stored.

/// Text as it may be stored: CRLF from textareas becomes LF, and control characters other than
/// tab and newline are dropped (PostgreSQL refuses NUL in text; no form field needs the others).
pub fn clean_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_are_dropped_but_lines_and_tabs_kept() {
        assert_eq!(super::clean_text("a\0b\r\nc\td\u{7}"), "ab\nc\td");
    }
}
