//! Every rule of the report form, table-driven: the message appears, linked from the summary to
//! its field, the other fields keep what was typed, and nothing is written.

use crate::helpers::html::{has, select_text, shows};
use crate::helpers::{DESCRIPTION, ReportForm, spawn_app, t, tf, today_minus};

struct Case {
    name: &'static str,
    changes: Vec<(&'static str, Option<String>)>,
    field: &'static str,
    /// The catalogue text the page must show at the field and in the summary.
    message: String,
}

fn case(
    name: &'static str,
    changes: &[(&'static str, Option<&str>)],
    field: &'static str,
    message: impl Into<String>,
) -> Case {
    Case {
        name,
        changes: changes
            .iter()
            .map(|(k, v)| (*k, v.map(str::to_owned)))
            .collect(),
        field,
        message: message.into(),
    }
}

fn tomorrow() -> String {
    (chrono::Utc::now().date_naive() + chrono::Days::new(2))
        .format("%Y-%m-%d")
        .to_string()
}

#[actix_web::test]
async fn every_rule_of_the_form_has_its_message_and_keeps_the_other_input() {
    let app = spawn_app().await;
    let future = tomorrow();
    let long_ago = today_minus(30);
    let cases = vec![
        case(
            "identity mode missing",
            &[("identity_mode", None)],
            "identity_mode",
            t("identity.choose"),
        ),
        case(
            "named without a name",
            &[("identity_mode", Some("named"))],
            "reporter_name",
            t("form.required"),
        ),
        case(
            "name while anonymous",
            &[("reporter_name", Some("Siti"))],
            "reporter_name",
            t("identity.name_anonymous"),
        ),
        case(
            "bad email",
            &[("reporter_email", Some("siti@"))],
            "reporter_email",
            t("email.invalid"),
        ),
        case(
            "phone while anonymous",
            &[("reporter_phone", Some("081234567890"))],
            "reporter_phone",
            t("phone.anonymous"),
        ),
        case(
            "phone too short",
            &[
                ("identity_mode", Some("named")),
                ("reporter_name", Some("Siti")),
                ("reporter_phone", Some("12")),
            ],
            "reporter_phone",
            t("phone.invalid"),
        ),
        case(
            "no NIP or NIK, and the box not ticked",
            &[("asn_id", Some(""))],
            "asn_id",
            t("asn_id.required_or_unknown"),
        ),
        case(
            "NIP of wrong length",
            &[("asn_id", Some("12345"))],
            "asn_id",
            tf("asn_id.wrong_length", "5"),
        ),
        case(
            "old 9-digit NIP",
            &[("asn_id", Some("131234567"))],
            "asn_id",
            t("asn_id.old_nip"),
        ),
        case(
            "letters in NIP",
            &[("asn_id", Some("1986O926 201505 1 001"))],
            "asn_id",
            t("asn_id.bad_characters"),
        ),
        case(
            "impossible birth date",
            &[("asn_id", Some("19861331 201505 1 001"))],
            "asn_id",
            t("asn_id.nip_birth_date"),
        ),
        case(
            "sex digit not 1 or 2",
            &[("asn_id", Some("19860926 201505 3 001"))],
            "asn_id",
            t("asn_id.nip_sex_digit"),
        ),
        case(
            "sequence 000",
            &[("asn_id", Some("19860926 201505 1 000"))],
            "asn_id",
            t("asn_id.nip_sequence"),
        ),
        case(
            "appointment month 13",
            &[("asn_id", Some("19860926 201513 1 001"))],
            "asn_id",
            t("asn_id.nip_appointment_month"),
        ),
        case(
            "NIK with unknown province",
            &[("asn_id", Some("9971014501900001"))],
            "asn_id",
            t("asn_id.nik_province"),
        ),
        case(
            "no name",
            &[("asn_name", Some("  "))],
            "asn_name",
            t("form.required"),
        ),
        case(
            "no employee type",
            &[("employee_type", Some(""))],
            "employee_type",
            t("form.choose"),
        ),
        case(
            "unknown agency",
            &[("agency", Some("Pemerintah Kota Atlantis"))],
            "agency",
            t("agency.unknown"),
        ),
        case(
            "no violation",
            &[("violations", None)],
            "violations",
            t("violations.required"),
        ),
        case(
            "unknown violation",
            &[("violations", Some("NET-99"))],
            "violations",
            t("violations.unknown"),
        ),
        case(
            "no election type",
            &[("election_type", Some("x"))],
            "election_type",
            t("form.choose"),
        ),
        case(
            "no election stage",
            &[("election_stage", Some(""))],
            "election_stage",
            t("form.choose"),
        ),
        case(
            "incident in the future",
            &[("incident_date", Some(&future))],
            "incident_date",
            t("date.future"),
        ),
        case(
            "incident date unreadable",
            &[("incident_date", Some("31-02-2024"))],
            "incident_date",
            t("date.invalid"),
        ),
        case(
            "learned before it happened",
            &[
                ("incident_date", Some(&today_minus(2))),
                ("known_date", Some(&long_ago)),
            ],
            "known_date",
            t("known_date.before_incident"),
        ),
        case(
            "unknown province",
            &[("province", Some("99"))],
            "province",
            t("form.choose"),
        ),
        case(
            "regency of another province",
            &[("regency", Some("63.03"))],
            "regency",
            t("regency.other_province"),
        ),
        case(
            "no place",
            &[("place", Some(""))],
            "place",
            t("form.required"),
        ),
        case(
            "description too short",
            &[("description", Some("Kampanye ASN"))],
            "description",
            tf("description.too_short", "12"),
        ),
        case(
            "bad link",
            &[("links", Some("ftp://files.example"))],
            "links",
            tf("links.invalid", "ftp://files.example"),
        ),
        case(
            "no evidence at all",
            &[("links", Some(""))],
            "evidence",
            t("evidence.required"),
        ),
        case(
            "declaration not ticked",
            &[("declaration", None)],
            "declaration",
            t("declaration.required"),
        ),
    ];
    for c in cases {
        let (csrf, token) = app.open_form().await;
        let mut form = ReportForm::valid(&csrf, &token);
        for (k, v) in &c.changes {
            form = form.set(k, v.as_deref());
        }
        let res = app.post_report(&form).await;
        assert_eq!(res.status(), 422, "{}", c.name);
        let body = res.text().await.expect("body");
        assert!(
            shows(&body, &c.message),
            "{}: message {:?} missing",
            c.name,
            c.message
        );
        // The summary names the field by its label, then the message, linking to it.
        let line = select_text(&body, &format!("#error-summary a[href='#f-{}']", c.field))
            .into_iter()
            .next()
            .unwrap_or_default();
        let (named, message) = line.split_once(": ").unwrap_or_default();
        assert_eq!(message, c.message, "{}: summary {line:?}", c.name);
        // Its label, or the legend of its group of choices.
        let label = select_text(&body, &format!("label[for='f-{}'], legend", c.field));
        assert!(
            !named.is_empty()
                && label
                    .iter()
                    .any(|l| l.ends_with(named) || l.starts_with(named)),
            "{}: the summary names {named:?}, the label is {label:?}",
            c.name
        );
        assert!(
            select_text(&body, &format!("#e-{}", c.field)).contains(&c.message),
            "{}: no message at the field",
            c.name
        );
        // What the reporter typed elsewhere is still there.
        let untouched = |k: &str| !c.changes.iter().any(|(ck, _)| *ck == k);
        if untouched("description") {
            assert_eq!(
                select_text(&body, "textarea[name=description]"),
                [DESCRIPTION],
                "{}: description lost",
                c.name
            );
        }
        if untouched("place") {
            assert!(
                has(
                    &body,
                    r#"input[name=place][value="Jl. Yos Sudarso, Palangka Raya"]"#
                ),
                "{}: place lost",
                c.name
            );
        }
        if untouched("asn_name") {
            assert!(
                has(&body, r#"input[name=asn_name][value="Budi Santoso"]"#),
                "{}: name lost",
                c.name
            );
        }
        if untouched("violations") {
            assert!(
                has(
                    &body,
                    "input#f-v-NET-05[type=checkbox][name=violations][value=NET-05][checked]"
                ),
                "{}: ticked violations lost",
                c.name
            );
        }
    }
    assert_eq!(app.report_count(), 0, "no rejected form wrote anything");
}

#[actix_web::test]
async fn a_report_learned_of_more_than_7_days_ago_is_accepted_with_a_visible_warning() {
    let app = spawn_app().await;
    let (csrf, token) = app.open_form().await;
    let form = ReportForm::valid(&csrf, &token)
        .set("incident_date", Some(&today_minus(20)))
        .set("known_date", Some(&today_minus(10)));
    assert_eq!(app.post_report(&form).await.status(), 303);
    let receipt = app.get_text("/lapor/tanda-terima").await;
    assert!(shows(&receipt, t("receipt.late")));
    // The form shows the rule before submission too.
    assert!(shows(
        &app.get_text("/lapor").await,
        t("form.known_date_hint")
    ));
}
