//! PDFs built around fuzzed objects, with the marker planted in the document information, XMP
//! packets and a page's private data, in the current revision and in an older one left behind by
//! an incremental update; the cross-reference data is right, or wrong so that the reader has to
//! rebuild it.
//!
//! The planted objects come before every fuzzed byte in the file: a fuzzed stream with a wrong
//! length, read to the next `endstream`, could otherwise swallow a planted object and make the
//! marker page content, which the cleaner rightly keeps. Fuzzed dictionary entries come before
//! the planted entries of the same dictionary, so a duplicate key cannot override them, and
//! hold no delimiters (see `entries`).
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use netra_fuzz::{MARKER, check, fuzzed};

#[derive(Arbitrary, Debug)]
enum Body {
    Dictionary(Vec<u8>),
    Stream { dict: Vec<u8>, content: Vec<u8> },
    Raw(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
struct Input {
    older_revision: bool,
    info_direct: bool,
    catalog_extra: Vec<u8>,
    page_extra: Vec<u8>,
    trailer_extra: Vec<u8>,
    objects: Vec<Body>,
    /// 0: right; 1: `startxref` points nowhere; 2: every offset is off by `shift`.
    xref: u8,
    shift: u8,
    tail: Vec<u8>,
}

fn text(marker_free: &[u8]) -> String {
    String::from_utf8_lossy(&fuzzed(marker_free)).into_owned()
}

/// Fuzzed entries for a dictionary that also holds planted entries after them: without the
/// delimiters that open a string, an array, a dictionary or a comment, they cannot swallow the
/// planted entries and turn the marker into the value of some other key (which the cleaner
/// rightly keeps).
fn entries(marker_free: &[u8]) -> String {
    let safe: Vec<u8> = fuzzed(marker_free)
        .into_iter()
        .filter(|b| !b"()<>[]{}%\\".contains(b))
        .collect();
    String::from_utf8_lossy(&safe).into_owned()
}

fn marker() -> String {
    String::from_utf8_lossy(MARKER).into_owned()
}

fn xmp_stream() -> Vec<u8> {
    let packet = format!(
        "<x:xmpmeta><dc:creator>{}</dc:creator></x:xmpmeta>",
        marker()
    );
    format!(
        "<< /Type /Metadata /Subtype /XML /Length {} >>\nstream\n{packet}\nendstream",
        packet.len()
    )
    .into_bytes()
}

struct Writer {
    file: Vec<u8>,
    offsets: Vec<(u32, usize)>,
}

impl Writer {
    fn object(&mut self, number: u32, body: &[u8]) {
        self.offsets.push((number, self.file.len()));
        self.file
            .extend_from_slice(format!("{number} 0 obj\n").as_bytes());
        self.file.extend_from_slice(body);
        self.file.extend_from_slice(b"\nendobj\n");
    }

    /// Writes the cross-reference table of the objects written since the last one, and the
    /// trailer. Answers where the table starts.
    fn revision(&mut self, trailer: &str, input: &Input) -> usize {
        let xref = self.file.len();
        self.file.extend_from_slice(b"xref\n");
        let shift = if input.xref == 2 {
            usize::from(input.shift)
        } else {
            0
        };
        for (number, offset) in std::mem::take(&mut self.offsets) {
            let line = format!("{number} 1\n{:010} 00000 n \n", offset + shift);
            self.file.extend_from_slice(line.as_bytes());
        }
        let start = if input.xref == 1 { xref + 7 } else { xref };
        let end = format!("trailer\n{trailer}\nstartxref\n{start}\n%%EOF\n");
        self.file.extend_from_slice(end.as_bytes());
        xref
    }
}

fuzz_target!(|input: Input| {
    let mut out = Writer {
        file: b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec(),
        offsets: Vec::new(),
    };
    let info = format!(
        "<< /Author ({m}) /Creator ({m}) /Producer ({m}) /Title ({m}) >>",
        m = marker()
    );
    let mut prev = String::new();
    if input.older_revision {
        out.object(3, &xmp_stream());
        out.object(4, info.as_bytes());
        out.object(1, b"<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>");
        out.object(2, b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>");
        out.object(5, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] >>");
        let first = out.revision("<< /Size 6 /Root 1 0 R /Info 4 0 R >>", &input);
        prev = format!(" /Prev {first}");
    }

    out.object(6, info.as_bytes());
    out.object(7, &xmp_stream());
    let first_fuzzed = 20;
    let count = u32::try_from(input.objects.len()).unwrap_or(0);
    let contents: String = (first_fuzzed..first_fuzzed + count)
        .map(|n| format!("{n} 0 R "))
        .collect();
    let page = format!(
        "<< {} /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] /Contents [{contents}] \
         /Metadata 7 0 R /PieceInfo << /App << /Private ({}) >> >> >>",
        entries(&input.page_extra),
        marker()
    );
    out.object(
        1,
        format!(
            "<< {} /Type /Catalog /Pages 2 0 R /Metadata 7 0 R >>",
            entries(&input.catalog_extra)
        )
        .as_bytes(),
    );
    out.object(2, b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>");
    out.object(5, page.as_bytes());
    // A document information dictionary written in the trailer comes after the fuzzed objects:
    // they must not be able to open a string there that would run on into it.
    let text = if input.info_direct { entries } else { text };
    for (number, body) in (first_fuzzed..).zip(&input.objects) {
        let body = match body {
            Body::Dictionary(inside) => format!("<< {} >>", text(inside)).into_bytes(),
            Body::Stream { dict, content } => {
                let content = fuzzed(content);
                let mut body = format!("<< {} /Length {} >>\nstream\n", text(dict), content.len())
                    .into_bytes();
                body.extend_from_slice(&content);
                body.extend_from_slice(b"\nendstream");
                body
            }
            Body::Raw(raw) if input.info_direct => entries(raw).into_bytes(),
            Body::Raw(raw) => fuzzed(raw),
        };
        out.object(number, &body);
    }
    let info_entry = if input.info_direct {
        info.clone()
    } else {
        "6 0 R".to_string()
    };
    let trailer = format!(
        "<< {} /Size {} /Root 1 0 R /Info {info_entry}{prev} >>",
        entries(&input.trailer_extra),
        first_fuzzed + count
    );
    out.revision(&trailer, &input);
    out.file.extend_from_slice(&fuzzed(&input.tail));
    check(out.file);
});
