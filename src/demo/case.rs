//! One demo case: its reported person, its path through the workflow with a time for every step,
//! its audit rows (hash-chained after the previous case's), its sanctions, evidence and deadline.

use chrono::{Duration, NaiveDateTime};
use rand::RngExt as _;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom as _;

use super::{Agency, Context, Cursor};
use crate::crypto::{EMAIL_LABEL, IDENTITY_LABEL, WITNESSES_LABEL};
use crate::db::case_keys;
use crate::db::demo::{
    AlertRow, AuditRow, Batch, BlobRow, EvidenceRow, PersonRow, ReportRow, SanctionRow,
    ViolationRow,
};
use crate::db::reports::ReporterRow;
use crate::domain::area::{name_words, search_key};
use crate::domain::case_state::CaseState;
use crate::domain::event::AuditAction;
use crate::domain::ids::{AgencyId, ReportId, UserId};
use crate::domain::receipt::ReceiptSecret;
use crate::domain::report::{ELECTION_STAGES, ELECTION_TYPES};
use crate::domain::workflow::{CaseTier, Classification};

const FIRST: [&str; 24] = [
    "Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gita", "Hadi", "Indah", "Joko", "Kartika",
    "Lestari", "Made", "Nur", "Putu", "Rahmat", "Sari", "Taufik", "Utami", "Wahyu", "Yanti",
    "Zainal", "Rina", "Slamet",
];
const LAST: [&str; 20] = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Lestari",
    "Hidayat",
    "Nugroho",
    "Siregar",
    "Harahap",
    "Pratama",
    "Kurniawan",
    "Rahayu",
    "Setiawan",
    "Simanjuntak",
    "Wibowo",
    "Purnomo",
    "Hasibuan",
    "Sembiring",
    "Gunawan",
    "Susanti",
    "Manurung",
];
const UNITS: [&str; 8] = [
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Kecamatan Kota",
    "Sekretariat Daerah",
    "Dinas Pekerjaan Umum",
    "Badan Perencanaan",
    "Kelurahan Baru",
    "Dinas Sosial",
];
const POSITIONS: [&str; 6] = [
    "Kepala Seksi",
    "Staf Pelaksana",
    "Camat",
    "Lurah",
    "Guru",
    "Kepala Bidang",
];
/// A 67-byte PNG (one transparent pixel): the evidence blob every demo file shares.
const PIXEL: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0,
    1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89, 0, 0, 0, 0x0A, 0x49, 0x44, 0x41, 0x54,
    0x78, 0x9C, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0D, 0x0A, 0x2D, 0xB4, 0, 0, 0, 0, 0x49, 0x45, 0x4E,
    0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// The final state of a case, drawn with these weights (per mille): most old cases are done.
const FINAL: [(CaseState, u32); 13] = [
    (CaseState::Submitted, 60),
    (CaseState::Verification, 80),
    (CaseState::NeedsInfo, 30),
    (CaseState::Rejected, 120),
    (CaseState::Registered, 30),
    (CaseState::Examination, 80),
    (CaseState::ForwardedGakkumdu, 20),
    (CaseState::NotProven, 80),
    (CaseState::ForwardedAgency, 10),
    (CaseState::Recommendation, 40),
    (CaseState::AwaitingPpk, 50),
    (CaseState::Decided, 50),
    (CaseState::Closed, 350),
];

/// The states a case passes through after `submitted` to reach `last`.
fn path(last: CaseState) -> Vec<CaseState> {
    use CaseState as S;
    let mut p = vec![];
    let trunk = [S::Verification, S::Registered, S::Examination];
    match last {
        S::Submitted => {}
        S::Verification => p.push(S::Verification),
        S::NeedsInfo | S::Rejected => p.extend([S::Verification, last]),
        S::NotRegistered => p.extend([S::Verification, S::NeedsInfo, last]),
        S::Registered => p.extend(&trunk[..2]),
        S::Examination => p.extend(trunk),
        S::ForwardedGakkumdu
        | S::NotProven
        | S::ForwardedAgency
        | S::Recommendation
        | S::ClosedNoDecision => {
            p.extend(trunk);
            p.push(last);
        }
        S::AwaitingPpk | S::Decided | S::Closed => {
            p.extend(trunk);
            p.push(S::Recommendation);
            p.push(S::AwaitingPpk);
            if last != S::AwaitingPpk {
                p.push(S::Decided);
            }
            if last == S::Closed {
                p.push(S::Closed);
            }
        }
        // Not drawn by the demo (no objection rows are generated); walked for completeness.
        S::Objection | S::ObjectionDecided | S::Annulled => {
            p.extend(trunk);
            p.extend([S::Recommendation, S::AwaitingPpk, S::Decided, S::Objection]);
            if last != S::Objection {
                p.push(last);
            }
        }
    }
    p
}

fn pick_final(rng: &mut StdRng) -> CaseState {
    let mut n = rng.random_range(0..1000);
    for (s, w) in FINAL {
        if n < w {
            return s;
        }
        n -= w;
    }
    CaseState::Closed
}

/// A valid PNS NIP: birth date, appointment year and month, sex digit, sequence from 001.
fn nip(rng: &mut StdRng) -> String {
    let born = rng.random_range(1962..=1998);
    let appointed = rng.random_range(born + 20..=(born + 34).min(2024));
    format!(
        "{born}{:02}{:02}{appointed}{:02}{}{:03}",
        rng.random_range(1..=12),
        rng.random_range(1..=28),
        rng.random_range(1..=12),
        rng.random_range(1..=2),
        rng.random_range(1..=999)
    )
}

fn name(rng: &mut StdRng) -> String {
    let f = FIRST.choose(rng).copied().unwrap_or("Budi");
    let l = LAST.choose(rng).copied().unwrap_or("Santoso");
    format!("{f} {l}")
}

/// The reported person of the next case: the agency's repeat offender, one of its earlier
/// people, or somebody new (then added to the batch).
fn person(
    ctx: &mut Context,
    cur: &mut Cursor,
    b: &mut Batch,
    agency: usize,
    at: NaiveDateTime,
) -> (i64, String) {
    let rng = &mut cur.rng;
    let roll = rng.random_range(0..100);
    if agency == 0
        && roll < ctx.hot_share
        && let Some(hot) = ctx.hot_person.clone()
    {
        return hot;
    }
    let known = &ctx.people[agency];
    if roll >= 75 && !known.is_empty() {
        return known[rng.random_range(0..known.len())].clone();
    }
    let mut number = nip(rng);
    while !ctx.nips.insert(number.clone()) {
        number = nip(rng);
    }
    let n = name(rng);
    let id = cur.next(0);
    b.persons.push(PersonRow {
        id,
        id_kind: "nip",
        id_number: number,
        name: n.clone(),
        name_search: search_key(&n),
        employee_type: "PNS",
        agency_id: ctx.agencies[agency].id,
        created_at: at,
        updated_at: at,
    });
    let entry = (id, n);
    if agency == 0 && ctx.hot_person.is_none() {
        ctx.hot_person = Some(entry.clone());
    }
    if ctx.people[agency].len() < 400 {
        ctx.people[agency].push(entry.clone());
    }
    entry
}

/// Appends one audit row to the chain.
fn audit(
    key: &crate::crypto::ChainKey,
    cur: &mut Cursor,
    b: &mut Batch,
    ev: (NaiveDateTime, Option<i64>, i64, &'static str),
    states: (Option<&'static str>, Option<&'static str>),
    reason: Option<String>,
) {
    let (at, user, report, action) = ev;
    let seq = cur.seq + 1;
    let kind = if user.is_some() { "staff" } else { "reporter" };
    let hash = crate::db::audit::Fields {
        seq,
        at,
        actor_kind: kind,
        actor_user_id: user.map(UserId),
        report_id: Some(ReportId(report)),
        action,
        from_state: states.0,
        to_state: states.1,
        reason: reason.as_deref(),
        public: true,
        prev_hash: &cur.last_hash,
    }
    .hash(key);
    b.audit.push(AuditRow {
        id: cur.next(3),
        seq,
        at,
        actor_kind: kind,
        actor_user_id: user,
        report_id: Some(report),
        action,
        from_state: states.0,
        to_state: states.1,
        reason,
        public: true,
        prev_hash: std::mem::replace(&mut cur.last_hash, hash.clone()),
        hash,
    });
    cur.seq = seq;
}

/// Generates case `i` (filed at `at`) of `agency` into the batch; returns its number and, when
/// the receipt is to be kept for the benchmark, its secret.
pub fn generate(
    ctx: &mut Context,
    cur: &mut Cursor,
    b: &mut Batch,
    agency: usize,
    at: NaiveDateTime,
) -> (String, String) {
    let (person_id, reported_name) = person(ctx, cur, b, agency, at);
    let words = name_words(&reported_name);
    let a: Agency = ctx.agencies[agency].clone();
    let rng = &mut cur.rng;
    let id = cur.ids[1];
    cur.ids[1] += 1;
    let mut number = String::new();
    while number.is_empty() || !ctx.numbers.insert(number.clone()) {
        let tail: String = (0..6)
            .map(|_| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ"[rng.random_range(0..32)] as char)
            .collect();
        number = format!("NTR-{}-{tail}", chrono::Datelike::year(&at));
    }
    let token = hex::encode(rng.random::<[u8; 16]>());
    let secret = ReceiptSecret::from_entropy(ctx.keys.receipt_entropy(&token));
    let last = pick_final(rng);
    // Each step a few days after the last; a case filed recently has not got far yet.
    let mut steps: Vec<(CaseState, NaiveDateTime)> = vec![];
    let mut t = at;
    for s in path(last) {
        t += Duration::minutes(rng.random_range(600..7200));
        if t >= ctx.now {
            break;
        }
        steps.push((s, t));
    }
    let state = steps.last().map_or(CaseState::Submitted, |s| s.0);
    let changed = steps.last().map_or(at, |s| s.1);
    let discipline = rng.random_range(0..100) < 70;
    let reached = |s: CaseState| steps.iter().any(|x| x.0 == s);
    let (classification, tier) = if reached(CaseState::Recommendation) {
        if discipline {
            (
                Some(Classification::Discipline.as_str()),
                Some(if rng.random_range(0..2) == 0 {
                    CaseTier::Sedang.as_str()
                } else {
                    CaseTier::Berat.as_str()
                }),
            )
        } else {
            (
                Some(Classification::Ethics.as_str()),
                Some(CaseTier::Moral.as_str()),
            )
        }
    } else {
        match state {
            CaseState::ForwardedGakkumdu => (Some(Classification::Criminal.as_str()), None),
            CaseState::NotProven => (Some(Classification::NotProven.as_str()), None),
            CaseState::ForwardedAgency => (Some(Classification::NotOurAuthority.as_str()), None),
            _ => (None, None),
        }
    };
    let deadline = state
        .deadline_stage()
        .and_then(|stage| ctx.stage_days.get(stage))
        // Working days approximated as 7/5 calendar days: good enough for demo data.
        .map(|days| changed + Duration::hours(i64::from(*days) * 24 * 7 / 5));
    let staff = if agency == 0 {
        ctx.staff.inspector
    } else {
        ctx.staff.national
    };
    let inc = at.date() - Duration::days(rng.random_range(0..20));
    let election = ELECTION_TYPES[rng.random_range(0..ELECTION_TYPES.len())];
    let closed = matches!(
        state,
        CaseState::Rejected | CaseState::NotProven | CaseState::Closed
    );
    let regency = ctx
        .regencies
        .get(&a.province)
        .and_then(|r| r.choose(rng).cloned());
    b.reports.push(ReportRow {
        id,
        case_number: number.clone(),
        receipt_hash: ctx.keys.receipt_hash(secret.normalised()),
        submission_token: token,
        state: state.as_str(),
        version: 1 + steps.len() as i64,
        channel: "web",
        agency_id: a.id,
        reported_person_id: person_id,
        reported_name,
        employee_type: "PNS",
        reported_unit: UNITS[rng.random_range(0..UNITS.len())].to_owned(),
        reported_position: POSITIONS[rng.random_range(0..POSITIONS.len())].to_owned(),
        election_type: election,
        election_stage: ELECTION_STAGES[rng.random_range(0..ELECTION_STAGES.len())],
        incident_date: inc,
        known_date: inc + Duration::days(rng.random_range(0..3)),
        late_for_bawaslu: rng.random_range(0..20) == 0,
        province_code: a.province.clone(),
        regency_code: regency,
        place: "Balai desa, saat acara warga".to_owned(),
        description: format!(
            "Terlapor mengunggah dukungan kepada calon pada kegiatan {} dan mengajak warga memilih. Demo kasus {id}.",
            election
        ),
        evidence_links: String::new(),
        classification,
        tier,
        assigned_user_id: (state != CaseState::Submitted && agency == 0).then_some(ctx.staff.inspector),
        deadline_at: deadline,
        data_blocked: state == CaseState::AwaitingPpk && deadline.is_some_and(|d| d < ctx.now),
        created_at: at,
        updated_at: changed,
        closed_at: closed.then_some(changed),
    });
    let named = rng.random_range(0..100) < 30;
    let email = named && rng.random_range(0..2) == 0;
    let ident = serde_json::json!({"name": name(rng), "phone": "0812-0000-0000", "email": email.then_some("pelapor@example.org")});
    b.reporters.push(ReporterRow {
        report_id: ReportId(id),
        anonymous: !named,
        identity: named.then(|| ctx.keys.seal(IDENTITY_LABEL, ident.to_string().as_bytes())),
        email: email.then(|| ctx.keys.seal(EMAIL_LABEL, b"pelapor@example.org")),
        lang: "id".to_owned(),
        opt_out: false,
        witnesses: (rng.random_range(0..10) == 0)
            .then(|| ctx.keys.seal(WITNESSES_LABEL, b"Dua warga RT 03")),
    });
    b.keys.extend(case_keys::name_rows(
        ReportId(id),
        AgencyId(a.id),
        at,
        &words,
    ));
    let n_viol = rng.random_range(1..=2);
    let first = rng.random_range(0..ctx.violations.len());
    for k in 0..n_viol {
        let code = ctx.violations[(first + k) % ctx.violations.len()].clone();
        let vid = cur.next(2);
        b.violations.push(ViolationRow {
            id: vid,
            report_id: id,
            code,
        });
    }
    if cur.rng.random_range(0..10) < 3 {
        let eid = cur.next(5);
        b.evidence.push(EvidenceRow {
            id: eid,
            report_id: id,
            message_id: None,
            source: "reporter",
            filename: format!("bukti-{eid:012}.png"),
            content_type: "image/png",
            size_bytes: PIXEL.len() as i64,
            sha256: hex::encode(<sha2::Sha256 as sha2::Digest>::digest(PIXEL)),
            metadata_removed: true,
            created_at: at,
        });
        b.blobs.push(BlobRow {
            evidence_id: eid,
            data: PIXEL.to_vec(),
        });
    }
    audit(
        ctx.keys.audit(),
        cur,
        b,
        (at, None, id, AuditAction::ReportSubmitted.as_str()),
        (None, Some(CaseState::Submitted.as_str())),
        None,
    );
    let mut from = CaseState::Submitted;
    for (s, when) in &steps {
        let user = if *s == CaseState::Decided || *s == CaseState::Closed {
            if agency == 0 {
                ctx.staff.bkpsdm
            } else {
                ctx.staff.national
            }
        } else {
            staff
        };
        audit(
            ctx.keys.audit(),
            cur,
            b,
            (*when, Some(user), id, AuditAction::StateChanged.as_str()),
            (Some(from.as_str()), Some(s.as_str())),
            Some("Demo: langkah pemeriksaan".to_owned()),
        );
        from = *s;
    }
    if reached(CaseState::AwaitingPpk) {
        let kind = if discipline { "discipline" } else { "moral" };
        let options: Vec<&(String, String, String, Option<i32>)> = ctx
            .sanctions
            .iter()
            .filter(|s| s.1 == kind && (kind == "moral" || Some(s.2.as_str()) == tier))
            .collect();
        if let Some(s) = options.choose(&mut cur.rng) {
            let decided = steps
                .iter()
                .find(|x| x.0 == CaseState::Decided)
                .map(|x| x.1);
            let sid = cur.next(4);
            b.sanctions.push(SanctionRow {
                id: sid,
                report_id: id,
                sanction_code: s.0.clone(),
                tier: s.2.clone(),
                justification: Some("Terbukti dari bukti foto dan keterangan saksi".to_owned()),
                sk_number: decided.map(|_| format!("800/{sid}/BKPSDM")),
                sk_date: decided.map(|d| d.date()),
                start_date: decided.map(|d| d.date() + Duration::days(7)),
                duration_months: s.3,
                created_at: steps
                    .iter()
                    .find(|x| x.0 == CaseState::AwaitingPpk)
                    .map_or(at, |x| x.1),
                decided_at: decided,
            });
        }
    }
    if let Some(d) = deadline.filter(|d| *d < ctx.now + Duration::days(4)) {
        for kind in ["soon", "missed"] {
            b.alerts.push(AlertRow {
                report_id: id,
                kind,
                deadline_at: d,
                created_at: ctx.now,
            });
        }
    }
    (number, secret.grouped())
}
