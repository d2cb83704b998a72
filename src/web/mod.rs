//! HTTP: routes, middleware and handlers. Handlers are thin: extract, parse into `domain` types,
//! one `db::run` closure per unit of work, then render or redirect.

pub mod admin;
pub mod assets;
pub mod csrf;
pub mod errors;
pub mod forms;
pub mod headers;
pub mod lang;
pub mod multipart;
pub mod page_cache;
pub mod paths;
pub mod pdf;
pub mod public;
pub mod ratelimit;
pub mod render;
pub mod request_log;
pub mod staff;

use std::sync::Arc;

use actix_web::web;

use crate::config::Settings;
use crate::crypto::Keys;
use crate::db::Pool;
use crate::db::group_commit::GroupWriter;

/// Everything a handler may need, built once at start.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub keys: Keys,
    pub settings: Arc<Settings>,
    /// Staff password hashing at the configured cost.
    pub passwords: Arc<crate::domain::password::Hasher>,
    pub limits: Arc<ratelimit::Limits>,
    pub mailer: Arc<crate::notify::mailer::Mailer>,
    /// Agencies, regions, violations and sanctions, read at most once a minute.
    pub refs: Arc<crate::app::refcache::RefCache>,
    /// Public filings, committed in groups by one writer thread.
    pub filings: Arc<GroupWriter<crate::app::report_file::Filer>>,
    /// The public report form, rendered once per language for each day (its date limits) and
    /// each generation of the lists.
    pub forms: Arc<page_cache::PageCache<(chrono::NaiveDate, u64)>>,
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(public::home::index))
        .route("/healthz", web::get().to(public::home::healthz))
        .route("/static/{file}", web::get().to(assets::show))
        .route("/lapor", web::get().to(public::report::new))
        .route("/lapor", web::post().to(public::report::create))
        .route("/lapor/tanda-terima", web::get().to(public::receipt::show))
        .route("/status", web::get().to(public::status::new))
        .route("/status", web::post().to(public::status::check))
        .route("/status/kasus", web::get().to(public::status::show))
        .route("/status/kasus/balas", web::post().to(public::status::reply))
        .route("/status/keluar", web::post().to(public::status::forget))
        .route(
            "/status/berhenti/{report}/{token}",
            web::get().to(public::optout::show),
        )
        .route(
            "/status/berhenti/{report}/{token}",
            web::post().to(public::optout::update),
        )
        .route("/login", web::get().to(staff::auth::new))
        .route("/login", web::post().to(staff::auth::create))
        .route("/login/kode", web::get().to(staff::code::new))
        .route("/login/kode", web::post().to(staff::code::create))
        .route("/logout", web::post().to(staff::auth::destroy))
        .route("/akun", web::get().to(staff::account::show))
        .route("/akun", web::post().to(staff::account::update))
        .route("/akun/sandi", web::get().to(staff::auth::edit))
        .route("/akun/sandi", web::post().to(staff::auth::update))
        .route("/akun/dua-langkah", web::get().to(staff::factor::show))
        .route("/akun/dua-langkah", web::post().to(staff::factor::enrol))
        .route(
            "/akun/dua-langkah/kode-baru",
            web::post().to(staff::factor_kept::renew),
        )
        .route(
            "/akun/dua-langkah/matikan",
            web::post().to(staff::factor_kept::switch_off),
        )
        .route(
            "/akun/dua-langkah/kode-pemulihan",
            web::get().to(staff::factor_kept::codes),
        )
        .route("/dashboard", web::get().to(staff::dashboard::index))
        .route(
            "/dashboard/kasus-baru",
            web::get().to(staff::case_new::show),
        )
        .route(
            "/dashboard/kasus-baru",
            web::post().to(staff::case_new::open),
        )
        .route(
            "/dashboard/cases/{number}",
            web::get().to(staff::case::show),
        )
        .route(
            "/dashboard/cases/{number}/berkas",
            web::get().to(staff::case_file::show),
        )
        .route(
            "/dashboard/cases/{number}/berkas.pdf",
            web::get().to(staff::case_file_pdf::pdf),
        )
        .route(
            "/dashboard/cases/{number}/identitas",
            web::post().to(staff::case::reveal),
        )
        .route(
            "/dashboard/cases/{number}/bukti/{id}",
            web::post().to(staff::case::download),
        )
        .route(
            "/dashboard/cases/{number}/panggilan",
            web::post().to(staff::case_examination::summon),
        )
        .route(
            "/dashboard/cases/{number}/panggilan/{id}",
            web::post().to(staff::case_examination::attendance),
        )
        .route(
            "/dashboard/cases/{number}/sidang",
            web::post().to(staff::case_examination::hearing),
        )
        .route(
            "/dashboard/cases/{number}/keputusan",
            web::post().to(staff::case_decree::decide),
        )
        .route(
            "/dashboard/cases/{number}/dokumen",
            web::post().to(staff::case_documents::upload),
        )
        .route(
            "/dashboard/cases/{number}/dokumen/{id}",
            web::post().to(staff::case_documents::download),
        )
        .route(
            "/dashboard/cases/{number}/pesan",
            web::post().to(staff::case_message::message),
        )
        .route(
            "/dashboard/cases/{number}/aksi",
            web::post().to(staff::case_actions::act),
        )
        .route(
            "/dashboard/cases/{number}/tugaskan",
            web::post().to(staff::case_actions::assign),
        )
        .route(
            "/dashboard/cases/{number}/terlapor",
            web::post().to(staff::case_person::correct),
        )
        .route(
            "/dashboard/cases/{number}/bukti/{id}/pratinjau",
            web::get().to(staff::case::preview),
        )
        .route("/admin", web::get().to(admin::index))
        .route("/admin/users", web::get().to(admin::users::index))
        .route("/admin/users", web::post().to(admin::users::create))
        .route(
            "/admin/users/disable",
            web::post().to(admin::users::disable),
        )
        .route("/admin/users/reset", web::post().to(admin::users::reset))
        .route(
            "/admin/users/dua-langkah/reset",
            web::post().to(admin::factors::reset),
        )
        .route(
            "/admin/users/dua-langkah/peran",
            web::post().to(admin::factors::roles),
        )
        .route("/admin/calendar", web::get().to(admin::calendar::calendar))
        .route(
            "/admin/calendar/holidays",
            web::post().to(admin::calendar::add_holiday),
        )
        .route(
            "/admin/calendar/holidays/delete",
            web::post().to(admin::calendar::delete_holiday),
        )
        .route(
            "/admin/calendar/stages",
            web::post().to(admin::calendar::set_stage),
        )
        .route(
            "/admin/calendar/confirm",
            web::post().to(admin::calendar::confirm_year),
        )
        .route("/admin/katalog", web::get().to(admin::catalogue::index))
        .route(
            "/admin/katalog/pelanggaran",
            web::post().to(admin::catalogue::edit_violation),
        )
        .route(
            "/admin/katalog/sanksi",
            web::post().to(admin::catalogue::edit_sanction),
        )
        .route("/admin/agencies", web::get().to(admin::reference::agencies))
        .route(
            "/admin/agencies/toggle",
            web::post().to(admin::reference::toggle_agency),
        )
        .route("/admin/audit", web::get().to(admin::audit::index))
        .route("/admin/outbox", web::get().to(admin::outbox::index))
        .route("/admin/outbox/retry", web::post().to(admin::outbox::retry));
}
