//! The tables of sign-in and access: identity grants, status sign-outs, receipt views, audit
//! checkpoints, rate buckets, second factors and sign-in challenges.

diesel::table! {
    /// Single-use grants to view a reporter's identity (migration 000008).
    identity_grants (token) {
        token -> Text,
        report_id -> BigInt,
        user_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    name_key_rebuild (report_id) {
        report_id -> BigInt,
    }
}

diesel::table! {
    status_signouts (report_id) {
        report_id -> BigInt,
        at -> Timestamp,
    }
}

diesel::table! {
    audit_checkpoints (day) {
        day -> Date,
        seq -> BigInt,
        head -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    rate_buckets (key) {
        key -> Text,
        tat -> Timestamp,
    }
}

diesel::table! {
    receipt_views (nonce) {
        nonce -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// The staff's TOTP secrets, sealed (migration 000013).
    staff_totp (user_id) {
        user_id -> BigInt,
        secret -> Binary,
        last_step -> Nullable<BigInt>,
        codes_view -> Nullable<Text>,
        enabled_at -> Timestamp,
    }
}

diesel::table! {
    staff_recovery_codes (user_id, code_hash) {
        user_id -> BigInt,
        code_hash -> Text,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    second_factor_roles (role) {
        role -> Text,
        changed_at -> Timestamp,
    }
}

diesel::table! {
    /// Sign-ins whose password was right and whose code is awaited (migration 000013).
    sign_in_challenges (token) {
        token -> Text,
        user_id -> BigInt,
        session_epoch -> BigInt,
        email -> Text,
        client -> Text,
        device -> Nullable<Text>,
        failures -> Integer,
        created_at -> Timestamp,
    }
}
