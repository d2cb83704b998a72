//! `/lapor`: the report form (GET) and filing a report (POST).

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::receipt;
use super::report_input::{clean_files, input_from, is_token};
use super::report_page::NewReportPage;
use crate::app::refcache::RefData;
use crate::app::report_file::{Filing, Saved};
use crate::crypto::random_token;
use crate::db;
use crate::db::agencies::AgencyRow;
use crate::db::agency_aliases;
use crate::db::reports::ReportRow;
use crate::domain::receipt::ReceiptSecret;
use crate::domain::report::{FieldError, FormContext, ReportInput, validate};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::web::multipart::{self, Form};
use crate::web::page_cache::{self, Skeleton};
use crate::web::{AppState, csrf, render};

/// "Today" for the form's date checks (see [`TimeZone::today_everywhere`]).
fn today() -> chrono::NaiveDate {
    crate::domain::area::TimeZone::today_everywhere(crate::db::now())
}

/// What the cached form holds in place of the per-visitor tokens.
const CSRF_MARK: &str = "NETRA-HOLE-CSRF-7c1e";
const TOKEN_MARK: &str = "NETRA-HOLE-TOKEN-7c1e";

/// The empty form: the same 72 KB for every visitor but for the two tokens, so it is rendered once
/// per language and day (and again when the reference lists change) and served from memory,
/// compressed when the browser takes gzip.
pub async fn new(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
) -> Result<HttpResponse, AppError> {
    let csrf = csrf::token(&session)?;
    let refs = state.refs.load(&state.pool).await?;
    let day = today();
    let lang = t.code();
    let blank = || ReportInput {
        identity_mode: "anonymous".into(),
        ..ReportInput::default()
    };
    let cached = state.forms.get(lang, (day, refs.generation), || {
        let page = NewReportPage::build(
            t,
            CSRF_MARK.to_owned(),
            TOKEN_MARK.to_owned(),
            blank(),
            &[],
            false,
            day,
            &refs,
            vec![],
        );
        let html = askama::Template::render(&page).ok()?;
        Skeleton::new(&html, &[CSRF_MARK, TOKEN_MARK])
    });
    let token = random_token(16);
    match cached {
        Some(skeleton) => Ok(page_cache::respond(&req, &skeleton, &[&csrf, &token])),
        None => {
            let page =
                NewReportPage::build(t, csrf, token, blank(), &[], false, day, &refs, vec![]);
            render::ok(&page)
        }
    }
}

pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: Session,
    t: Tr,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let mut form =
        multipart::read_checked(&req, payload, "evidence", &session, &state.limits).await?;
    let page = Retry::of(&form, &session)?;
    let secret = page.secret(&state);
    let (refs, agency, existing) = lookup(&state, &page).await?;
    if let Some(existing) = existing {
        return receipt::already_filed(&state, &session, t, &existing, &secret).await;
    }
    let (files, file_errors) = clean_files(&mut form).await?;
    let ctx = FormContext {
        today: today(),
        violation_codes: &refs.violation_codes,
        regencies: &refs.regency_provinces,
        province_codes: &refs.province_codes,
        agency_id: agency.as_ref().map(|a| a.id),
        file_count: files.len(),
        by_staff: false,
    };
    let report = match validate(&page.input, &ctx) {
        Ok(v) if file_errors.is_empty() => v,
        result => {
            let mut errors = file_errors;
            errors.extend(result.err().unwrap_or_default());
            return page
                .refuse(&state, t, &refs, agency.is_none(), &errors)
                .await;
        }
    };
    // Only filing counts against the limit: a reporter correcting a form is not flooding. Over the
    // limit, the form comes back with everything typed, to send again in a moment.
    if state.limits.check_submit(&req, &session).await.is_err() {
        let errors = [FieldError::new("submit", "form.rate_limited")];
        return page.render(t, &refs, &errors, vec![], StatusCode::TOO_MANY_REQUESTS);
    }
    let filing = Filing {
        report,
        files,
        submission_token: page.token.clone(),
        receipt_nonce: random_token(16),
        receipt_hash: state.keys.receipt_hash(secret.normalised()),
        reporter_lang: t.code().to_owned(),
        opened: None,
    };
    // Committed with whatever other filings are waiting, answered only once durable.
    let saved = state.filings.run(filing).await;
    match saved {
        Ok(saved) => answer(&state, &session, t, saved, &secret).await,
        // The database took nothing (disk full, read-only, gone): the form comes back with
        // everything typed and says so, to send again; never a bare error page.
        Err(e @ (AppError::Unexpected(_) | AppError::Unavailable)) => {
            tracing::error!(error = %e, "a report could not be saved");
            let errors = [FieldError::new("submit", "form.not_saved")];
            page.render(t, &refs, &errors, vec![], StatusCode::SERVICE_UNAVAILABLE)
        }
        Err(e) => Err(e),
    }
}

/// A filed report: the browser goes to its receipt.
async fn answer(
    state: &AppState,
    session: &Session,
    t: Tr,
    saved: Saved,
    secret: &ReceiptSecret,
) -> Result<HttpResponse, AppError> {
    match saved {
        Saved::New {
            case_number,
            late,
            nonce,
        } => {
            // No case number here: with the request log's timestamp it would tie a report to a moment.
            tracing::info!("report filed");
            receipt::remember_receipt(session, &case_number, secret, late, nonce)?;
            Ok(render::see_other("/lapor/tanda-terima"))
        }
        Saved::Duplicate(existing) => {
            receipt::already_filed(state, session, t, &existing, secret).await
        }
    }
}

/// A form that comes back: what was typed, under the same tokens.
struct Retry {
    csrf: String,
    token: String,
    input: ReportInput,
    had_files: bool,
}

impl Retry {
    /// The form as sent, under its own submission token (a new one if it carried none).
    fn of(form: &Form, session: &Session) -> Result<Self, AppError> {
        let submitted = form.text("submission_token");
        Ok(Self {
            csrf: csrf::token(session)?,
            input: input_from(form),
            had_files: form.had_files(),
            token: if is_token(&submitted) {
                submitted
            } else {
                random_token(16)
            },
        })
    }

    /// The receipt secret: the same form submitted twice in one session derives the same one.
    fn secret(&self, state: &AppState) -> ReceiptSecret {
        let entropy = state
            .keys
            .receipt_entropy(&format!("{}:{}", self.token, self.csrf));
        ReceiptSecret::from_entropy(entropy)
    }

    /// 422 with the messages, offering agencies like the one typed when it named none.
    async fn refuse(
        self,
        state: &AppState,
        t: Tr,
        refs: &RefData,
        no_agency: bool,
        errors: &[FieldError],
    ) -> Result<HttpResponse, AppError> {
        let suggestions = if no_agency {
            suggestions(state, &self.input.agency).await?
        } else {
            vec![]
        };
        self.render(
            t,
            refs,
            errors,
            suggestions,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    }

    fn render(
        self,
        t: Tr,
        refs: &RefData,
        errors: &[FieldError],
        suggestions: Vec<String>,
        status: StatusCode,
    ) -> Result<HttpResponse, AppError> {
        let page = NewReportPage::build(
            t,
            self.csrf,
            self.token,
            self.input,
            errors,
            self.had_files,
            today(),
            refs,
            suggestions,
        );
        render::page(status, &page)
    }
}

/// The reference lists, the agency the form names, and the report this form already filed.
async fn lookup(
    state: &AppState,
    page: &Retry,
) -> Result<
    (
        std::sync::Arc<RefData>,
        Option<AgencyRow>,
        Option<ReportRow>,
    ),
    AppError,
> {
    let (typed, token) = (page.input.agency.clone(), page.token.clone());
    let cache = state.refs.clone();
    db::run(&state.pool, move |conn| {
        let refs = cache.get(conn)?;
        let agency = agency_aliases::find_by_name(conn, &typed)?;
        let existing = db::reports::find_by_submission_token(conn, &token)?;
        Ok::<_, AppError>((refs, agency, existing))
    })
    .await
}

/// Agencies like the one typed when it names none (the page offers them).
async fn suggestions(state: &AppState, typed: &str) -> Result<Vec<String>, AppError> {
    if typed.trim().is_empty() {
        return Ok(vec![]);
    }
    let typed = typed.to_owned();
    let found = db::run(&state.pool, move |conn| {
        agency_aliases::search(conn, &typed, 8).map_err(AppError::from)
    })
    .await?;
    Ok(found.into_iter().map(|a| a.name).collect())
}
