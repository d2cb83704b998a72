//! The report form's violations under plain headings, narrowed to the election stage and type
//! the reporter chose (issue 11, defect 8): the rows that do not fit are folded away, never taken
//! away, and a ticked row stays where the reporter ticked it.

use crate::helpers::html::{has, select_attr, select_text};
use crate::helpers::{ReportForm, spawn_app, t};

fn in_group(html: &str, group: &str) -> Vec<String> {
    select_attr(
        html,
        &format!(".violations .vgroup[data-group={group}] input[name=violations]"),
        "value",
    )
}

#[actix_web::test]
async fn the_empty_form_lists_every_violation_once_under_its_heading() {
    let app = spawn_app().await;
    let html = app.get("/lapor").await.text().await.expect("body");
    let all = select_attr(&html, "input[name=violations]", "value");
    assert_eq!(all.len(), 28, "{all:?}");
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "each once");
    assert_eq!(
        select_text(&html, ".violations .vgroup h3"),
        [
            "form.vgroup.pre_candidate",
            "form.vgroup.campaign",
            "form.vgroup.office",
            "form.vgroup.party",
            "form.vgroup.campaign_team",
            "form.vgroup.other",
        ]
        .map(|k| t(k).to_owned())
    );
    assert!(in_group(&html, "pre_candidate").contains(&"NET-06".to_owned()));
    assert!(in_group(&html, "campaign").contains(&"PP-1".to_owned()));
    assert!(in_group(&html, "outside").is_empty());
    assert!(has(&html, "details.voutside[hidden]"), "nothing folded yet");
    assert_eq!(
        select_attr(&html, "#f-violations", "value"),
        ["NET-01"],
        "the error summary's target is the first box"
    );
}

#[actix_web::test]
async fn after_a_mistake_the_list_is_narrowed_to_the_stage_and_type_and_keeps_what_was_ticked() {
    let app = spawn_app().await;
    let (csrf, token) = app.open_form().await;
    let form = ReportForm::valid(&csrf, &token)
        .set("election_type", Some("pilbup"))
        .set("election_stage", Some("pre_candidacy"))
        .set("violations", Some("PP-2"))
        .set("asn_name", Some(""));
    let res = app.post_report(&form).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    let outside = in_group(&html, "outside");
    for folded in ["PP-1", "PP-3", "PID-1", "PID-3", "PID-6", "NET-11b"] {
        assert!(outside.contains(&folded.to_owned()), "{folded} folded");
    }
    assert!(
        in_group(&html, "campaign").contains(&"PP-2".to_owned()),
        "ticked: stays under its heading"
    );
    assert!(!outside.contains(&"PP-2".to_owned()));
    for shown in ["NET-06", "NET-12", "PID-5", "LAINNYA"] {
        assert!(
            !outside.contains(&shown.to_owned()),
            "{shown} fits a pre-candidacy regent election"
        );
    }
    assert!(in_group(&html, "campaign_team").is_empty());
    assert!(has(&html, ".vgroup[data-group=campaign_team][hidden]"));
    assert!(has(&html, "details.voutside:not([hidden])"));
    let total = select_attr(&html, "input[name=violations]", "value").len();
    assert_eq!(total, 28, "folded, not removed");
}

#[actix_web::test]
async fn a_violation_outside_the_chosen_stage_is_still_accepted() {
    let app = spawn_app().await;
    app.file_with(|f| {
        f.set("election_type", Some("pilbup"))
            .set("election_stage", Some("pre_candidacy"))
            .set("violations", Some("PP-1"))
    })
    .await;
}
