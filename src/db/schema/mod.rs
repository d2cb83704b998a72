//! The database schema, written by hand once for both backends (diesel's generated schema differs per
//! backend: SQLite would say `Integer` where PostgreSQL says `BigInt`). Keep it in step with both
//! migration trees; the integration tests exercise every table on both.

mod process;
mod security;
pub use process::*;
pub use security::*;

diesel::table! {
    agencies (id) {
        id -> BigInt,
        code -> Text,
        kind -> Text,
        name -> Text,
        search_key -> Text,
        province_code -> Nullable<Text>,
        timezone -> Text,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    provinces (code) {
        code -> Text,
        name -> Text,
    }
}

diesel::table! {
    regencies (code) {
        code -> Text,
        province_code -> Text,
        name -> Text,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        name -> Text,
        role -> Text,
        agency_id -> Nullable<BigInt>,
        password_hash -> Text,
        active -> Bool,
        must_change_password -> Bool,
        alert_pref -> Text,
        lang -> Text,
        session_epoch -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    violation_catalogue (code) {
        code -> Text,
        name_id -> Text,
        name_en -> Text,
        allowed_classes -> Text,
        default_class -> Text,
        default_tier -> Text,
        legal_basis -> Text,
        sort_order -> Integer,
        active -> Bool,
        form_group -> Text,
        stages -> Text,
        elections -> Text,
        notes_id -> Text,
        notes_en -> Text,
        version -> Integer,
    }
}

diesel::table! {
    sanction_catalogue (code) {
        code -> Text,
        kind -> Text,
        tier -> Text,
        employee_type -> Text,
        name_id -> Text,
        name_en -> Text,
        duration_months -> Nullable<Integer>,
        legal_basis -> Text,
        sort_order -> Integer,
        active -> Bool,
        version -> Integer,
    }
}

diesel::table! {
    holidays (id) {
        id -> BigInt,
        day -> Date,
        kind -> Text,
        name_id -> Text,
        name_en -> Text,
        isbat -> Bool,
    }
}

diesel::table! {
    /// The text of every version of each catalogue row (migration 000019).
    catalogue_versions (catalogue, code, version) {
        catalogue -> Text,
        code -> Text,
        version -> Integer,
        name_id -> Text,
        name_en -> Text,
        legal_basis -> Text,
        notes_id -> Text,
        notes_en -> Text,
        tier -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Other names of an agency, by search key (migration 000016).
    agency_aliases (alias_key) {
        alias_key -> Text,
        agency_id -> BigInt,
        alias -> Text,
    }
}

diesel::table! {
    holiday_calendars (year) {
        year -> Integer,
        confirmed -> Bool,
        source -> Text,
    }
}

diesel::table! {
    stage_deadlines (stage) {
        stage -> Text,
        working_days -> Integer,
    }
}

diesel::table! {
    reported_persons (id) {
        id -> BigInt,
        id_kind -> Text,
        id_number -> Text,
        name -> Text,
        name_search -> Text,
        employee_type -> Text,
        agency_id -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    reports (id) {
        id -> BigInt,
        case_number -> Text,
        submission_token -> Text,
        receipt_hash -> Text,
        state -> Text,
        version -> BigInt,
        channel -> Text,
        agency_id -> BigInt,
        reported_person_id -> BigInt,
        reported_name -> Text,
        employee_type -> Text,
        reported_unit -> Text,
        reported_position -> Text,
        election_type -> Text,
        election_stage -> Text,
        incident_date -> Date,
        known_date -> Date,
        late_for_bawaslu -> Bool,
        province_code -> Text,
        regency_code -> Nullable<Text>,
        place -> Text,
        description -> Text,
        evidence_links -> Text,
        classification -> Nullable<Text>,
        tier -> Nullable<Text>,
        assigned_user_id -> Nullable<BigInt>,
        deadline_at -> Nullable<Timestamp>,
        data_blocked -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Cases per (agency, state), kept by triggers on `reports` (migration 000005); agency 0: all.
    case_counts (agency_id, state) {
        agency_id -> BigInt,
        state -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    /// One row per (key, case) for the list's violation filter and name search (migration 000006):
    /// 'v:<code>' kept by triggers from report_violations, 'n:<word>' written with the case.
    case_keys (key, agency_id, created_at, report_id) {
        key -> Text,
        agency_id -> BigInt,
        created_at -> Timestamp,
        report_id -> BigInt,
    }
}

diesel::table! {
    report_reporters (report_id) {
        report_id -> BigInt,
        anonymous -> Bool,
        identity -> Nullable<Binary>,
        email -> Nullable<Binary>,
        lang -> Text,
        opt_out -> Bool,
        witnesses -> Nullable<Binary>,
    }
}

diesel::table! {
    report_violations (id) {
        id -> BigInt,
        report_id -> BigInt,
        code -> Text,
        catalogue_version -> Integer,
    }
}

diesel::table! {
    messages (id) {
        id -> BigInt,
        report_id -> BigInt,
        direction -> Text,
        author_user_id -> Nullable<BigInt>,
        body -> Text,
        client_token -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    evidence (id) {
        id -> BigInt,
        report_id -> BigInt,
        message_id -> Nullable<BigInt>,
        source -> Text,
        filename -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        metadata_removed -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    evidence_blobs (evidence_id) {
        evidence_id -> BigInt,
        data -> Binary,
    }
}

diesel::table! {
    sanctions (id) {
        id -> BigInt,
        report_id -> BigInt,
        sanction_code -> Text,
        tier -> Text,
        justification -> Nullable<Text>,
        sk_number -> Nullable<Text>,
        sk_date -> Nullable<Date>,
        start_date -> Nullable<Date>,
        duration_months -> Nullable<Integer>,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
        catalogue_version -> Integer,
        /// Set when an objection's decision replaced this sentence (migration 000024).
        superseded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_chain (id) {
        id -> Integer,
        seq -> BigInt,
        last_hash -> Text,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        seq -> BigInt,
        at -> Timestamp,
        actor_kind -> Text,
        actor_user_id -> Nullable<BigInt>,
        report_id -> Nullable<BigInt>,
        action -> Text,
        from_state -> Nullable<Text>,
        to_state -> Nullable<Text>,
        reason -> Nullable<Text>,
        public -> Bool,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        message_id -> Text,
        kind -> Text,
        report_id -> Nullable<BigInt>,
        recipient_user_id -> Nullable<BigInt>,
        recipient_email -> Nullable<Binary>,
        lang -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        claimed_at -> Nullable<Timestamp>,
        payload -> Nullable<Text>,
    }
}

diesel::table! {
    login_throttle (key) {
        key -> Text,
        failures -> Integer,
        window_start -> Timestamp,
        locked_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    deadline_alerts (report_id, kind, deadline_at) {
        report_id -> BigInt,
        kind -> Text,
        deadline_at -> Timestamp,
        created_at -> Timestamp,
    }
}

diesel::table! {
    digests (agency_id, day) {
        agency_id -> BigInt,
        day -> Date,
        recipients -> Integer,
        created_at -> Timestamp,
    }
}

diesel::joinable!(reports -> agencies (agency_id));
diesel::joinable!(reports -> reported_persons (reported_person_id));
diesel::joinable!(report_violations -> reports (report_id));
diesel::joinable!(case_keys -> reports (report_id));
diesel::joinable!(report_reporters -> reports (report_id));
diesel::joinable!(referrals -> reports (report_id));
diesel::joinable!(report_violations -> violation_catalogue (code));
diesel::joinable!(messages -> reports (report_id));
diesel::joinable!(evidence -> reports (report_id));
diesel::joinable!(audit_log -> reports (report_id));
diesel::joinable!(users -> agencies (agency_id));
diesel::joinable!(agency_aliases -> agencies (agency_id));
diesel::joinable!(regencies -> provinces (province_code));

diesel::allow_tables_to_appear_in_same_query!(
    agencies,
    deadline_alerts,
    digests,
    provinces,
    regencies,
    users,
    violation_catalogue,
    sanction_catalogue,
    holiday_calendars,
    agency_aliases,
    catalogue_versions,
    holidays,
    stage_deadlines,
    reported_persons,
    reports,
    case_counts,
    case_keys,
    report_reporters,
    referrals,
    case_documents,
    case_document_blobs,
    summonses,
    state_buckets,
    hearings,
    objections,
    report_violations,
    messages,
    evidence,
    evidence_blobs,
    sanctions,
    audit_chain,
    audit_log,
    outbox,
    login_throttle,
    identity_grants,
    name_key_rebuild,
    status_signouts,
    receipt_views,
    audit_checkpoints,
    rate_buckets,
    staff_totp,
    staff_recovery_codes,
    second_factor_roles,
    sign_in_challenges,
);
