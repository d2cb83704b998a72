//! Reading a page as a browser would: CSS selectors over the parsed HTML (scraper) and the page's
//! text as a reader sees it, instead of slicing the markup as a string.

/// The page as a tree, for the selector helpers below.
fn parse(html: &str) -> scraper::Html {
    scraper::Html::parse_document(html)
}

fn selector(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e}"))
}

/// Whitespace runs as one space, trimmed: text as a reader sees it.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of every element `css` matches, in page order, whitespace squashed.
pub fn select_text(html: &str, css: &str) -> Vec<String> {
    parse(html)
        .select(&selector(css))
        .map(|el| squash(&el.text().collect::<String>()))
        .collect()
}

/// The attribute `attr` of every element `css` matches that has it, in page order.
pub fn select_attr(html: &str, css: &str, attr: &str) -> Vec<String> {
    parse(html)
        .select(&selector(css))
        .filter_map(|el| el.value().attr(attr).map(str::to_owned))
        .collect()
}

/// Whether anything on the page matches `css`.
pub fn has(html: &str, css: &str) -> bool {
    parse(html).select(&selector(css)).next().is_some()
}

/// The whole page's text as a reader sees it: markup dropped, entities decoded, whitespace
/// squashed.
pub fn page_text(html: &str) -> String {
    squash(&parse(html).root_element().text().collect::<String>())
}

/// Whether the page shows `text` (both compared as a reader sees them).
pub fn shows(html: &str, text: &str) -> bool {
    page_text(html).contains(&squash(text))
}

/// Whether the page shows the catalogue message `msg` with each `{arg}` standing for any text
/// (for a message whose argument the test cannot know, such as a generated count).
pub fn shows_pattern(html: &str, msg: &str) -> bool {
    let text = page_text(html);
    let mut rest = text.as_str();
    for part in squash(msg)
        .split("{arg}")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}
