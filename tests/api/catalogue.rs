//! The catalogues as DOMAIN.md records them (issue 11, defect 7): the corrected legal bases, the
//! criminal rows' penalty ranges and notes shown to staff, and a sedang sentence for PPPK.

use diesel::prelude::*;
use netra::db::schema::{sanction_catalogue, violation_catalogue};

use crate::case::{act, classified, page};
use crate::helpers::actors::palangkaraya_inspector;
use crate::helpers::{TestApp, spawn_app};

fn basis(app: &TestApp, code: &'static str) -> (String, String) {
    app.db(move |c| {
        violation_catalogue::table
            .find(code)
            .select((
                violation_catalogue::legal_basis,
                violation_catalogue::notes_id,
            ))
            .first(c)
            .expect(code)
    })
}

#[actix_web::test]
async fn the_shipped_rows_carry_the_bases_and_notes_domain_records() {
    let app = spawn_app().await;
    for code in ["NET-01", "NET-02", "NET-03", "NET-04", "NET-05"] {
        assert!(
            basis(&app, code).0.contains("PP 42/2004 Pasal 15"),
            "{code}"
        );
    }
    assert!(
        basis(&app, "NET-09")
            .0
            .contains("UU 20/2023 Pasal 52 ayat (3) huruf j")
    );
    assert!(basis(&app, "PP-2").0.contains("Pasal 13 huruf g"));
    assert!(basis(&app, "PP-3").0.contains("Pasal 14 huruf i"));
    assert!(basis(&app, "PID-2").1.contains("Pasal 521"));
    assert!(basis(&app, "NET-10").1.contains("diperdebatkan"));
    for code in ["PID-1", "PID-2", "PID-3", "PID-5", "PID-6"] {
        assert!(
            basis(&app, code).1.contains("Rp"),
            "{code}: the penalty range"
        );
    }
    let (ptdh, pppk_sedang): (String, (String, String)) = app.db(|c| {
        let ptdh = sanction_catalogue::table
            .find("PTDH")
            .select(sanction_catalogue::legal_basis)
            .first(c)
            .expect("PTDH");
        let pppk = sanction_catalogue::table
            .find("PPPK_SEDANG")
            .select((sanction_catalogue::tier, sanction_catalogue::employee_type))
            .first(c)
            .expect("PPPK_SEDANG");
        (ptdh, pppk)
    });
    assert!(ptdh.contains("UU 20/2023"));
    assert_eq!(pppk_sedang, ("sedang".into(), "PPPK".into()));
}

#[actix_web::test]
async fn staff_see_the_notes_and_a_pppk_case_may_take_a_sedang_sentence() {
    let app = spawn_app().await;
    let (number, _) = app
        .file_with(|f| {
            f.set("violations", Some("NET-11b"))
                .set("employee_type", Some("PPPK"))
                .set("asn_id", Some("19860926 2021 24 1 001"))
        })
        .await;
    let insp = palangkaraya_inspector(&app).await;
    let (_, html) = page(&app, &insp, &number).await;
    assert!(
        html.contains("UU 7/2017 Pasal 494"),
        "the note on the case page"
    );
    classified(&app, &insp, &number, "discipline").await;
    let (_, html) = page(&app, &insp, &number).await;
    assert!(html.contains("value=\"PPPK_SEDANG\""));
    assert_eq!(
        act(
            &app,
            &insp,
            &number,
            "recommend",
            "",
            &[("sanction", "PPPK_SEDANG")]
        )
        .await,
        303
    );
}
