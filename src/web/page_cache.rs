//! Pages that are the same for every visitor but for a few tokens (the public report form: 72 KB,
//! 1,070 options), rendered once with placeholders and kept both plain and gzip-compressed, so a
//! request costs a copy, not a render and a compression.
//!
//! The compressed form is built from pieces: each fixed piece is deflated on its own, ending on a
//! byte boundary (a sync flush), and each token goes between them as a stored (uncompressed)
//! deflate block. The gzip checksum of the whole is combined from the pieces' checksums and the
//! tokens', so the answer is a valid gzip stream (RFC 1951 §3.2.4, RFC 1952) built without
//! compressing anything per request.

use flate2::{Compress, Compression, Crc, FlushCompress, Status};

/// A page with holes: `fixed[0] hole[0] fixed[1] hole[1] … fixed[n]`.
pub struct Skeleton {
    fixed: Vec<String>,
    /// Which value fills each hole (an index into the values given to `plain` / `gzip`).
    holes: Vec<usize>,
    deflated: Vec<Vec<u8>>,
    crcs: Vec<Crc>,
}

impl Skeleton {
    /// Cuts `page` at every occurrence of each marker (marker `i` becomes value `i`). None when
    /// compression failed, which it does not in practice; the caller then renders as before.
    pub fn new(page: &str, markers: &[&str]) -> Option<Self> {
        let mut fixed = Vec::new();
        let mut holes = Vec::new();
        let mut rest = page;
        loop {
            let next = markers
                .iter()
                .enumerate()
                .filter_map(|(i, m)| rest.find(m).map(|at| (at, i, m.len())))
                .min();
            match next {
                Some((at, i, len)) => {
                    fixed.push(rest[..at].to_owned());
                    holes.push(i);
                    rest = &rest[at + len..];
                }
                None => {
                    fixed.push(rest.to_owned());
                    break;
                }
            }
        }
        let last = fixed.len() - 1;
        let deflated = fixed
            .iter()
            .enumerate()
            .map(|(i, f)| deflate(f.as_bytes(), i == last))
            .collect::<Option<Vec<_>>>()?;
        let crcs = fixed
            .iter()
            .map(|f| {
                let mut c = Crc::new();
                c.update(f.as_bytes());
                c
            })
            .collect();
        Some(Self {
            fixed,
            holes,
            deflated,
            crcs,
        })
    }

    /// The page with its holes filled.
    pub fn plain(&self, values: &[&str]) -> String {
        let mut out =
            String::with_capacity(self.fixed.iter().map(String::len).sum::<usize>() + 128);
        for (i, f) in self.fixed.iter().enumerate() {
            out.push_str(f);
            if let Some(&h) = self.holes.get(i) {
                out.push_str(values.get(h).copied().unwrap_or(""));
            }
        }
        out
    }

    /// The page with its holes filled, as a gzip stream.
    pub fn gzip(&self, values: &[&str]) -> Vec<u8> {
        let size: usize = self.deflated.iter().map(Vec::len).sum();
        let mut out = Vec::with_capacity(size + 256);
        out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        let mut crc = Crc::new();
        for (i, d) in self.deflated.iter().enumerate() {
            out.extend_from_slice(d);
            crc.combine(&self.crcs[i]);
            if let Some(&h) = self.holes.get(i) {
                let v = values.get(h).copied().unwrap_or("").as_bytes();
                for chunk in v.chunks(u16::MAX as usize) {
                    // A stored block that is not the last: BFINAL 0, BTYPE 00, padded to the byte.
                    let len = chunk.len() as u16;
                    out.push(0);
                    out.extend_from_slice(&len.to_le_bytes());
                    out.extend_from_slice(&(!len).to_le_bytes());
                    out.extend_from_slice(chunk);
                }
                crc.update(v);
            }
        }
        out.extend_from_slice(&crc.sum().to_le_bytes());
        out.extend_from_slice(&crc.amount().to_le_bytes());
        out
    }
}

/// The skeleton of one page per language, each kept while the caller's key (what the page was
/// rendered from: a day, a version of the lists) stays the same.
pub struct PageCache<K> {
    slots: std::sync::RwLock<Vec<(&'static str, K, std::sync::Arc<Skeleton>)>>,
}

impl<K> Default for PageCache<K> {
    fn default() -> Self {
        Self {
            slots: std::sync::RwLock::default(),
        }
    }
}

impl<K: PartialEq> PageCache<K> {
    /// The skeleton for this language and key; `render` makes it when there is none yet.
    pub fn get(
        &self,
        lang: &'static str,
        key: K,
        render: impl FnOnce() -> Option<Skeleton>,
    ) -> Option<std::sync::Arc<Skeleton>> {
        if let Some((_, _, s)) = self
            .slots
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|(l, k, _)| *l == lang && *k == key)
        {
            return Some(s.clone());
        }
        let skeleton = std::sync::Arc::new(render()?);
        let mut slots = self.slots.write().unwrap_or_else(|e| e.into_inner());
        slots.retain(|(l, _, _)| *l != lang);
        slots.push((lang, key, skeleton.clone()));
        Some(skeleton)
    }
}

/// The answer: gzip when the client takes it, plain otherwise.
pub fn respond(
    req: &actix_web::HttpRequest,
    skeleton: &Skeleton,
    values: &[&str],
) -> actix_web::HttpResponse {
    use actix_web::http::header::{CONTENT_ENCODING, VARY};
    let mut r = actix_web::HttpResponse::Ok();
    r.content_type("text/html; charset=utf-8")
        .insert_header((VARY, "Accept-Encoding"));
    if accepts_gzip(req) {
        r.insert_header((CONTENT_ENCODING, "gzip"))
            .body(skeleton.gzip(values))
    } else {
        r.body(skeleton.plain(values))
    }
}

/// Raw deflate of one piece: ending with a sync flush (byte-aligned, not final) or, for the last
/// piece, finished.
fn deflate(data: &[u8], last: bool) -> Option<Vec<u8>> {
    let mut c = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(data.len() / 3 + 1024);
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    loop {
        if out.capacity() - out.len() < 1024 {
            out.reserve(out.capacity().max(4096));
        }
        let consumed = c.total_in() as usize;
        let status = c.compress_vec(&data[consumed..], &mut out, flush).ok()?;
        let all_in = c.total_in() as usize == data.len();
        match status {
            Status::StreamEnd => return Some(out),
            _ if !last && all_in && out.len() < out.capacity() => return Some(out),
            _ => {}
        }
    }
}

/// Whether the client takes gzip (`Accept-Encoding`, with a q-value other than 0).
pub fn accepts_gzip(req: &actix_web::HttpRequest) -> bool {
    req.headers()
        .get_all(actix_web::http::header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (coding.eq_ignore_ascii_case("gzip") || coding == "*") && !refused
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn gunzip(bytes: &[u8]) -> String {
        let mut s = String::new();
        let read = flate2::read::GzDecoder::new(bytes).read_to_string(&mut s);
        assert!(read.is_ok(), "not a valid gzip stream: {read:?}");
        s
    }

    #[test]
    fn the_gzip_form_inflates_to_the_plain_form_with_every_hole_filled() {
        let page = format!(
            "<html>{}<input value=\"@A@\"><input value=\"@B@\">{}@A@</html>",
            "<option>Kota Palangka Raya</option>".repeat(2000),
            "x".repeat(70_000)
        );
        let s = Skeleton::new(&page, &["@A@", "@B@"]).unwrap_or_else(|| unreachable!());
        let values = ["csrf-123", "token-456"];
        let plain = s.plain(&values);
        assert_eq!(
            plain,
            page.replace("@A@", "csrf-123").replace("@B@", "token-456")
        );
        let gz = s.gzip(&values);
        assert_eq!(gunzip(&gz), plain);
        assert!(gz.len() < plain.len() / 10, "{} bytes", gz.len());
        // Another visitor's tokens: the same fixed pieces, other holes.
        assert_eq!(gunzip(&s.gzip(&["a", "b"])), s.plain(&["a", "b"]));
    }

    #[test]
    fn a_page_without_holes_or_with_a_hole_at_either_end_is_still_valid() {
        for page in ["plain page", "@A@ at the start", "at the end @A@", "@A@"] {
            let s = Skeleton::new(page, &["@A@"]).unwrap_or_else(|| unreachable!());
            assert_eq!(gunzip(&s.gzip(&["v"])), page.replace("@A@", "v"));
        }
    }

    #[test]
    fn gzip_is_offered_only_to_clients_that_take_it() {
        let req = |v: &str| {
            actix_web::test::TestRequest::default()
                .insert_header(("accept-encoding", v))
                .to_http_request()
        };
        assert!(accepts_gzip(&req("gzip, deflate, br")));
        assert!(accepts_gzip(&req("br;q=1.0, GZIP;q=0.5")));
        assert!(!accepts_gzip(&req("gzip;q=0, br")));
        assert!(!accepts_gzip(&req("br, zstd")));
        assert!(!accepts_gzip(
            &actix_web::test::TestRequest::default().to_http_request()
        ));
    }
}
