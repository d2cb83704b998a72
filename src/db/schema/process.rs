//! The tables of a case's process beyond the report (issue 11): referral letters, case documents,
//! summonses, hearings, and the official bucket of each state.

diesel::table! {
    /// The referring letter of a case staff opened (migration 000020); none for a public report.
    referrals (report_id) {
        report_id -> BigInt,
        letter_number -> Text,
        letter_date -> Nullable<Date>,
        sender -> Text,
        opened_by -> BigInt,
    }
}

diesel::table! {
    /// Documents staff upload to a case (migration 000021); never shown to the reporter.
    case_documents (id) {
        id -> BigInt,
        report_id -> BigInt,
        kind -> Text,
        title -> Text,
        filename -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        uploaded_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    case_document_blobs (document_id) {
        document_id -> BigInt,
        data -> Binary,
    }
}

diesel::table! {
    /// Summons letters (panggilan I and II) of a case (migration 000022).
    summonses (id) {
        id -> BigInt,
        report_id -> BigInt,
        round -> Integer,
        letter_number -> Text,
        letter_date -> Date,
        appear_on -> Date,
        place -> Text,
        outcome -> Nullable<Text>,
        created_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Hearings of the examining team or the Majelis Kode Etik (migration 000022).
    hearings (id) {
        id -> BigInt,
        report_id -> BigInt,
        body -> Text,
        held_on -> Date,
        members -> Text,
        asn_present -> Bool,
        bap_document_id -> BigInt,
        created_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// The official bucket of every case state (migration 000023).
    state_buckets (state) {
        state -> Text,
        bucket -> Text,
    }
}

diesel::table! {
    /// The keberatan or banding against a case's decree, and its outcome (migration 000024).
    objections (report_id) {
        report_id -> BigInt,
        kind -> Text,
        filed_on -> Date,
        window_end -> Date,
        late -> Bool,
        filed_by -> BigInt,
        filed_at -> Timestamp,
        outcome -> Nullable<Text>,
        decision_number -> Nullable<Text>,
        decision_date -> Nullable<Date>,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
    }
}
