//! The buckets officials report neutrality cases in (issue 11): every case state falls in one.
//! Which state goes where is data (`state_buckets`, migration 000023), shown to staff.

codes! {
    /// An official reporting bucket, in the order the figures are shown.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Bucket {
        AwaitingVerification = "awaiting_verification",
        UnderExamination = "under_examination",
        AwaitingPpk = "awaiting_ppk",
        Sanctioned = "sanctioned",
        NotProven = "not_proven",
        Rejected = "rejected",
        Cancelled = "cancelled",
        Forwarded = "forwarded",
        /// The reported person retired, resigned, was dismissed or died before a decision.
        ClosedWithoutDecision = "closed_without_decision",
    }
}
