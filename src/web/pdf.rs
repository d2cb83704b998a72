//! Text documents as A4 PDF (the case file, issue 11): a title, headings, label and value pairs,
//! list items, paragraphs and small print, wrapped to the page, broken across pages, with a footer
//! on every page ("… · 2 / 5"). Drawn by krilla in DejaVu Sans, embedded and subset, so any
//! Latin-script name prints as typed; widths measured with skrifa to wrap the lines (krilla draws
//! runs of text, it does not lay out paragraphs).

use krilla::Document;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 in points, and the margins.
const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const FOOTER_SIZE: f32 = 8.0;
/// The label column of a fact.
const LABEL_W: f32 = 170.0;

/// One piece of the document, in reading order.
pub enum Block {
    Title(String),
    Heading(String),
    /// A label (bold) and its value beside it.
    Fact(String, String),
    /// A list item, with a bullet.
    Item(String),
    /// Small print under a list item, aligned with its text.
    ItemNote(String),
    Para(String),
    Small(String),
}

#[derive(Clone, Copy, PartialEq)]
enum Face {
    Regular,
    Bold,
}

/// A line placed on a page: where its baseline starts, in which face and size.
struct Line {
    x: f32,
    y: f32,
    face: Face,
    size: f32,
    text: String,
}

/// Widths of text in one face, from the font's horizontal metrics.
struct Measure<'a> {
    font: FontRef<'a>,
}

impl Measure<'_> {
    fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.font.charmap();
        let metrics = self
            .font
            .glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    // A character the font lacks is drawn as its .notdef box: about half an em.
                    .unwrap_or(size * 0.6)
            })
            .sum()
    }
}

/// Lays the blocks out and draws them; the bytes of the PDF.
pub fn render(title: &str, lang: &str, footer: &str, blocks: &[Block]) -> Result<Vec<u8>, String> {
    let regular = FontRef::new(REGULAR).map_err(|e| e.to_string())?;
    let bold = FontRef::new(BOLD).map_err(|e| e.to_string())?;
    let pages = layout(&Measure { font: regular }, &Measure { font: bold }, blocks);
    draw(title, lang, footer, &pages)
}

/// The lines of every page.
fn layout(regular: &Measure, bold: &Measure, blocks: &[Block]) -> Vec<Vec<Line>> {
    let mut out = Layout {
        pages: vec![vec![]],
        y: MARGIN,
    };
    let width = PAGE_W - 2.0 * MARGIN;
    for block in blocks {
        // (face, size, gap before, indent, first-line prefix, text)
        let run = match block {
            Block::Title(t) => (Face::Bold, 16.0, 0.0, 0.0, "", t),
            Block::Heading(t) => {
                // Never the last line of a page: a heading keeps three lines below it.
                out.keep(14.0 + 12.0 * 1.35 + 3.0 * 10.0 * 1.35);
                (Face::Bold, 12.0, 14.0, 0.0, "", t)
            }
            Block::Fact(label, value) => {
                let labels = wrap(bold, label, 9.0, LABEL_W - 8.0);
                let values = wrap(regular, value, 10.0, width - LABEL_W);
                out.y += 3.0;
                out.row(&labels, &values);
                continue;
            }
            Block::Item(t) => (Face::Regular, 10.0, 3.0, 12.0, "• ", t),
            Block::ItemNote(t) => (Face::Regular, 8.0, 0.0, 12.0, "", t),
            Block::Para(t) => (Face::Regular, 10.0, 4.0, 0.0, "", t),
            Block::Small(t) => (Face::Regular, 8.0, 3.0, 0.0, "", t),
        };
        let (face, size, gap, indent, prefix, text) = run;
        let m = if face == Face::Bold { bold } else { regular };
        out.y += gap;
        for (i, line) in wrap(m, text, size, width - indent).into_iter().enumerate() {
            let (x, line) = if i == 0 && !prefix.is_empty() {
                (
                    MARGIN + indent - m.width(prefix, size),
                    format!("{prefix}{line}"),
                )
            } else {
                (MARGIN + indent, line)
            };
            out.place(x, face, size, line);
        }
    }
    out.pages
}

struct Layout {
    pages: Vec<Vec<Line>>,
    /// The top of the next line on the current page.
    y: f32,
}

impl Layout {
    /// Starts a new page unless `height` still fits on this one.
    fn keep(&mut self, height: f32) {
        if self.y + height > PAGE_H - MARGIN - 2.0 * FOOTER_SIZE {
            self.pages.push(vec![]);
            self.y = MARGIN;
        }
    }

    /// A label's lines (bold, 9 pt) and its value's (10 pt) side by side, kept on one page.
    fn row(&mut self, labels: &[String], values: &[String]) {
        let lines = labels.len().max(values.len());
        self.keep(lines as f32 * 10.0 * 1.35);
        let top = self.y;
        let baseline = |i: usize| top + (i + 1) as f32 * 10.0 * 1.35 - 3.0;
        for (i, l) in labels.iter().enumerate() {
            self.push(MARGIN, baseline(i), Face::Bold, 9.0, l.clone());
        }
        for (i, v) in values.iter().enumerate() {
            self.push(
                MARGIN + LABEL_W,
                baseline(i),
                Face::Regular,
                10.0,
                v.clone(),
            );
        }
        self.y = top + lines as f32 * 10.0 * 1.35;
    }

    fn push(&mut self, x: f32, y: f32, face: Face, size: f32, text: String) {
        if let Some(page) = self.pages.last_mut() {
            page.push(Line {
                x,
                y,
                face,
                size,
                text,
            });
        }
    }

    fn place(&mut self, x: f32, face: Face, size: f32, text: String) {
        let height = size * 1.35;
        self.keep(height);
        self.y += height;
        self.push(x, self.y - size * 0.3, face, size, text);
    }
}

/// `text` in lines no wider than `width`: its own line breaks kept, words wrapped, a word wider
/// than the line (a hash, a link) cut where it must be.
fn wrap(m: &Measure, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if m.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if m.width(&line, size) > width {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn draw(title: &str, lang: &str, footer: &str, pages: &[Vec<Line>]) -> Result<Vec<u8>, String> {
    let font = |bytes: &'static [u8]| Font::new(bytes.into(), 0).ok_or("the font did not load");
    let (regular, bold) = (font(REGULAR)?, font(BOLD)?);
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language(lang.to_owned())
            .creator("Netra".to_owned()),
    );
    let total = pages.len();
    let size = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("page size")?;
    for (n, lines) in pages.iter().enumerate() {
        let mut page = doc.start_page_with(size.clone());
        let mut surface = page.surface();
        for l in lines {
            let f = if l.face == Face::Bold {
                &bold
            } else {
                &regular
            };
            surface.draw_text(
                Point::from_xy(l.x, l.y),
                f.clone(),
                l.size,
                &l.text,
                false,
                TextDirection::Auto,
            );
        }
        let foot = format!("{footer} · {} / {total}", n + 1);
        surface.draw_text(
            Point::from_xy(MARGIN, PAGE_H - MARGIN + FOOTER_SIZE),
            regular.clone(),
            FOOTER_SIZE,
            &foot,
            false,
            TextDirection::Auto,
        );
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
#[expect(clippy::expect_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[test]
    fn long_words_and_lines_wrap_inside_the_page_and_pages_break() {
        let m = Measure {
            font: FontRef::new(REGULAR).expect("font"),
        };
        let hash = "a".repeat(200);
        let lines = wrap(&m, &format!("SHA-256 {hash}"), 10.0, 300.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| m.width(l, 10.0) <= 300.0));
        let bold = Measure {
            font: FontRef::new(BOLD).expect("font"),
        };
        let many: Vec<Block> = (0..200)
            .map(|i| Block::Item(format!("baris {i}")))
            .collect();
        let pages = layout(&m, &bold, &many);
        assert!(pages.len() > 2, "{} pages", pages.len());
        let bytes = render("Berkas", "id", "Netra", &many).expect("pdf");
        assert!(bytes.starts_with(b"%PDF-"));
    }
}
