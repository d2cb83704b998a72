//! The kinds of document staff keep on a case (issue 11; DOMAIN.md §3.3: "attached documents
//! (BAP = examination record, SK = decision letter)").

codes! {
    /// A case document's kind, stored as its `as_str` name.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum DocumentKind {
        /// The letter a referral came with (Bawaslu, SP4N-LAPOR!) or the finding's memo.
        Referral = "referral",
        /// A summons letter (panggilan I or II).
        Summons = "summons",
        /// The examination record (Berita Acara Pemeriksaan).
        Bap = "bap",
        /// The decree (Surat Keputusan) imposing the sanction.
        Sk = "sk",
        /// An objection or appeal (keberatan, banding) and its answer.
        Objection = "objection",
        Other = "other",
    }
}

/// The longest title a document may have.
pub const TITLE_MAX: usize = 200;
