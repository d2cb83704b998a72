//! The audit chain against someone who can write the database but does not hold the secret key
//! (issue 10, item 2). Each kind of tampering runs on its own fresh chain, checked with the
//! checkpoint taken before it; all but the two a chain alone cannot show are also caught without
//! one. On the previous code (an unkeyed SHA-256 chain) the forged chains verified as intact.

use diesel::prelude::*;
use netra::db::DbConnection;
use netra::db::audit::{self, Checkpoint, StoredAuditRow, Verdict};
use netra::db::schema::{audit_chain, audit_log};

use crate::cli::netra;
use crate::helpers::*;

/// How the attacker makes a row's hash without the key.
#[derive(Clone, Copy)]
enum Forge {
    /// Plain SHA-256 over the fields, as the chain was before it was keyed.
    Sha256,
    /// An HMAC under a key of their own.
    OwnKey,
}

fn forged(r: &StoredAuditRow, how: Forge) -> String {
    match how {
        Forge::Sha256 => r.fields().legacy_hash(),
        Forge::OwnKey => {
            let theirs = netra::crypto::Keys::derive(&[9u8; 40]).expect("keys");
            r.fields().hash(theirs.audit())
        }
    }
}

fn rows(c: &mut DbConnection) -> Vec<StoredAuditRow> {
    audit_log::table
        .order(audit_log::seq.asc())
        .select(StoredAuditRow::as_select())
        .load(c)
        .expect("rows")
}

/// Writes `rows` back as they now are, each hash remade from `from` on, and the head after them.
fn rewrite_from(c: &mut DbConnection, mut rows: Vec<StoredAuditRow>, from: usize, how: Forge) {
    for i in from..rows.len() {
        if i > 0 {
            rows[i].prev_hash = rows[i - 1].hash.clone();
        }
        rows[i].hash = forged(&rows[i], how);
        let r = &rows[i];
        diesel::update(audit_log::table.find(r.id))
            .set((
                audit_log::seq.eq(r.seq),
                audit_log::action.eq(&r.action),
                audit_log::reason.eq(&r.reason),
                audit_log::prev_hash.eq(&r.prev_hash),
                audit_log::hash.eq(&r.hash),
            ))
            .execute(c)
            .expect("rewrite");
    }
    let (seq, head) = rows
        .last()
        .map_or((0, "0".repeat(64)), |r| (r.seq, r.hash.clone()));
    move_head(c, seq, &head);
}

fn move_head(c: &mut DbConnection, seq: i64, head: &str) {
    diesel::update(audit_chain::table)
        .set((audit_chain::seq.eq(seq), audit_chain::last_hash.eq(head)))
        .execute(c)
        .expect("head");
}

fn delete_seq(c: &mut DbConnection, seq: i64) {
    diesel::delete(audit_log::table.filter(audit_log::seq.eq(seq)))
        .execute(c)
        .expect("delete");
}

/// The kinds of tampering, each applied to a chain of at least five rows.
const KINDS: [&str; 10] = [
    "edit a row",
    "edit a row and re-hash it and every row after it with SHA-256",
    "edit a row and re-hash every row after it under another key",
    "append a row with a correct SHA-256 hash and move the head",
    "delete a row in the middle",
    "delete a row in the middle, renumber and re-hash the rest",
    "swap two rows' contents and re-hash",
    "drop the tail, leave the head",
    "drop the tail and move the head back",
    "delete every row and reset the head",
];

fn tamper(c: &mut DbConnection, kind: &str) {
    let all = rows(c);
    let n = all.len();
    assert!(n >= 5, "a chain to tamper with: {n} rows");
    let edit = |mut rows: Vec<StoredAuditRow>| {
        rows[1].reason = Some("diubah".to_owned());
        rows
    };
    match kind {
        "edit a row" => {
            diesel::update(audit_log::table.find(all[1].id))
                .set(audit_log::reason.eq(Some("diubah")))
                .execute(c)
                .expect("edit");
        }
        "edit a row and re-hash it and every row after it with SHA-256" => {
            rewrite_from(c, edit(all), 1, Forge::Sha256);
        }
        "edit a row and re-hash every row after it under another key" => {
            rewrite_from(c, edit(all), 1, Forge::OwnKey);
        }
        "append a row with a correct SHA-256 hash and move the head" => {
            let last = &all[n - 1];
            let mut row = last.clone();
            row.seq = last.seq + 1;
            row.prev_hash = last.hash.clone();
            row.action = "user_created".to_owned();
            row.hash = forged(&row, Forge::Sha256);
            diesel::insert_into(audit_log::table)
                .values((
                    audit_log::seq.eq(row.seq),
                    audit_log::at.eq(row.at),
                    audit_log::actor_kind.eq(&row.actor_kind),
                    audit_log::actor_user_id.eq(row.actor_user_id),
                    audit_log::report_id.eq(row.report_id),
                    audit_log::action.eq(&row.action),
                    audit_log::from_state.eq(&row.from_state),
                    audit_log::to_state.eq(&row.to_state),
                    audit_log::reason.eq(&row.reason),
                    audit_log::public.eq(row.public),
                    audit_log::prev_hash.eq(&row.prev_hash),
                    audit_log::hash.eq(&row.hash),
                ))
                .execute(c)
                .expect("append");
            move_head(c, row.seq, &row.hash);
        }
        "delete a row in the middle" => delete_seq(c, all[2].seq),
        "delete a row in the middle, renumber and re-hash the rest" => {
            delete_seq(c, all[2].seq);
            let mut rest = all;
            rest.remove(2);
            for r in rest.iter_mut().skip(2) {
                r.seq -= 1;
            }
            rewrite_from(c, rest, 2, Forge::Sha256);
        }
        "swap two rows' contents and re-hash" => {
            let mut swapped = all;
            let (a, b) = (swapped[1].action.clone(), swapped[2].action.clone());
            swapped[1].action = b;
            swapped[2].action = a;
            let (a, b) = (swapped[1].reason.clone(), swapped[2].reason.clone());
            swapped[1].reason = b;
            swapped[2].reason = a;
            rewrite_from(c, swapped, 1, Forge::OwnKey);
        }
        "drop the tail, leave the head" => delete_seq(c, all[n - 1].seq),
        "drop the tail and move the head back" => {
            delete_seq(c, all[n - 1].seq);
            delete_seq(c, all[n - 2].seq);
            move_head(c, all[n - 3].seq, &all[n - 3].hash);
        }
        "delete every row and reset the head" => {
            diesel::delete(audit_log::table).execute(c).expect("delete");
            move_head(c, 0, &"0".repeat(64));
        }
        other => panic!("unknown kind {other}"),
    }
}

/// What a chain without a checkpoint cannot show: a shorter chain, or none, is still a chain.
fn needs_a_checkpoint(kind: &str) -> bool {
    matches!(
        kind,
        "drop the tail and move the head back" | "delete every row and reset the head"
    )
}

#[actix_web::test]
async fn every_kind_of_tampering_is_caught_by_the_key_or_by_the_checkpoint() {
    for kind in KINDS {
        let app = spawn_app().await;
        for _ in 0..5 {
            app.file_report().await;
        }
        let key = app.state.keys.audit().clone();
        let verify =
            |c: &mut DbConnection, cps: &[Checkpoint]| audit::verify(c, &key, cps).expect("verify");
        let checkpoint = app.db(|c| {
            assert!(
                matches!(verify(c, &[]), Verdict::Intact { .. }),
                "{kind}: before"
            );
            audit::checkpoint(c).expect("checkpoint").expect("a head")
        });
        app.db(|c| {
            assert!(matches!(
                verify(c, std::slice::from_ref(&checkpoint)),
                Verdict::Intact { .. }
            ));
            tamper(c, kind);
            let with = verify(c, std::slice::from_ref(&checkpoint));
            assert!(matches!(with, Verdict::Broken { .. }), "{kind}: {with:?}");
            let without = verify(c, &[]);
            assert_eq!(
                matches!(without, Verdict::Broken { .. }),
                !needs_a_checkpoint(kind),
                "{kind}: {without:?}"
            );
        });
        // The command line says so too, with the checkpoint as the digest gives it.
        let out = netra(
            &app,
            &["audit", "verify", "--checkpoint", &checkpoint.to_string()],
        );
        let said = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{kind}: {said}");
        assert!(said.contains("BROKEN"), "{kind}: {said}");
    }
}

#[actix_web::test]
async fn a_checkpoint_of_an_intact_chain_is_met_and_a_malformed_one_refused() {
    let app = spawn_app().await;
    app.file_report().await;
    let checkpoint = app.db(|c| audit::checkpoint(c).expect("checkpoint").expect("a head"));
    app.file_report().await;
    let out = netra(
        &app,
        &["audit", "verify", "--checkpoint", &checkpoint.to_string()],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("1 checkpoint(s) met"), "{said}");
    // A head that was never there.
    let other = format!("{}:{}", checkpoint.seq, "ab".repeat(32));
    assert_eq!(
        netra(&app, &["audit", "verify", "--checkpoint", &other])
            .status
            .code(),
        Some(1)
    );
    let bad = netra(&app, &["audit", "verify", "--checkpoint", "12:xyz"]);
    assert_eq!(bad.status.code(), Some(2), "clap refuses it");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SEQ:HEAD"));
}

#[actix_web::test]
async fn a_chain_written_before_keying_is_sealed_once_by_rekey_and_a_broken_one_is_not() {
    let app = spawn_app().await;
    for _ in 0..4 {
        app.file_report().await;
    }
    let key = app.state.keys.audit().clone();
    // As an older version wrote it: every row hashed with plain SHA-256.
    app.db(|c| {
        let all = rows(c);
        rewrite_from(c, all, 0, Forge::Sha256);
        assert!(!audit::last_row_fits(c, &key).expect("fits"));
        assert!(matches!(
            audit::verify(c, &key, &[]).expect("v"),
            Verdict::Broken { .. }
        ));
    });
    let out = netra(&app, &["audit", "rekey"]);
    assert!(out.status.success(), "{out:?}");
    app.db(|c| {
        assert!(audit::last_row_fits(c, &key).expect("fits"));
        assert!(matches!(
            audit::verify(c, &key, &[]).expect("v"),
            Verdict::Intact { .. }
        ));
        // A chain broken before the upgrade is not blessed by it.
        tamper(c, "edit a row");
    });
    let out = netra(&app, &["audit", "rekey"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    app.db(|c| {
        assert!(matches!(
            audit::verify(c, &key, &[]).expect("v"),
            Verdict::Broken { .. }
        ));
    });
}

/// The daily checkpoint leaves the database: from the digest hour (WIB), once a day, every
/// national staff member and admin gets `SEQ:HEAD` by email, and the admin's audit page shows the
/// chain's checkpoint now and the ones sent.
#[actix_web::test]
async fn the_days_checkpoint_goes_by_email_to_national_staff_and_admins_once() {
    use netra::domain::workflow::Role;
    let app = spawn_app().await;
    let admin = crate::helpers::actors::staff(&app, "admin2@netra.test", Role::Admin, None).await;
    crate::helpers::actors::staff(&app, "pusat@bkn.go.id", Role::National, None).await;
    crate::helpers::actors::palangkaraya_inspector(&app).await;
    app.file_report().await;
    crate::mail::deliver(&app).await;
    let before = app.sent_mail().len();
    let key = app.state.keys.audit().clone();
    let today = netra::db::now().date();
    // 23:30 UTC the day before is 06:30 WIB: not yet 07:00.
    let early = (today - chrono::Days::new(1))
        .and_hms_opt(23, 30, 0)
        .expect("time");
    let at = today.and_hms_opt(0, 30, 0).expect("time");
    let send = |when| {
        app.db(|c| netra::app::audit_checkpoint::send_due(c, &key, when, 7).expect("checkpoint"))
    };
    assert!(!send(early));
    assert!(send(at), "07:30 WIB: sent");
    assert!(!send(at), "once a day");
    let checkpoint = app.db(|c| audit::checkpoint(c).expect("cp").expect("a head"));
    assert_eq!(
        crate::mail::deliver(&app).await,
        3,
        "two admins and the national user"
    );
    let mail = app.sent_mail();
    let sent: Vec<_> = mail[before..].iter().collect();
    let mut to: Vec<String> = sent.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(
        to,
        ["admin2@netra.test", "admin@netra.test", "pusat@bkn.go.id"]
    );
    for m in &sent {
        let text = m.plain();
        assert!(text.contains(&checkpoint.to_string()), "{text}");
        assert!(text.contains("netra audit verify --checkpoint"), "{text}");
    }
    // What the mail carries is met by the chain, and later rows do not change that.
    app.file_report().await;
    app.db(|c| {
        let v = audit::verify(c, &key, std::slice::from_ref(&checkpoint)).expect("verify");
        assert!(matches!(v, Verdict::Intact { .. }), "{v:?}");
    });
    let page = admin
        .get(app.url("/admin/audit"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    let now = app.db(|c| audit::checkpoint(c).expect("cp").expect("a head"));
    assert_eq!(
        crate::helpers::html::select_text(&page, "#checkpoint"),
        [now.to_string()]
    );
    assert!(
        page.contains(&checkpoint.to_string()),
        "the checkpoint sent is listed"
    );
}
