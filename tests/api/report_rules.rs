//! Every rule of the report form, table-driven: the message appears, linked from the summary to
//! its field, the other fields keep what was typed, and nothing is written.

use crate::helpers::{DESCRIPTION, ReportForm, spawn_app, today_minus};

struct Case {
    name: &'static str,
    changes: Vec<(&'static str, Option<String>)>,
    field: &'static str,
    message: &'static str,
}

fn case(
    name: &'static str,
    changes: &[(&'static str, Option<&str>)],
    field: &'static str,
    message: &'static str,
) -> Case {
    Case {
        name,
        changes: changes
            .iter()
            .map(|(k, v)| (*k, v.map(str::to_owned)))
            .collect(),
        field,
        message,
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
            "Pilih apakah Anda melapor",
        ),
        case(
            "named without a name",
            &[("identity_mode", Some("named"))],
            "reporter_name",
            "Kolom ini wajib diisi.",
        ),
        case(
            "name while anonymous",
            &[("reporter_name", Some("Siti"))],
            "reporter_name",
            "jadi nama tidak disimpan",
        ),
        case(
            "bad email",
            &[("reporter_email", Some("siti@"))],
            "reporter_email",
            "Alamat email tidak valid",
        ),
        case(
            "phone while anonymous",
            &[("reporter_phone", Some("081234567890"))],
            "reporter_phone",
            "nomor telepon tidak disimpan",
        ),
        case(
            "phone too short",
            &[
                ("identity_mode", Some("named")),
                ("reporter_name", Some("Siti")),
                ("reporter_phone", Some("12")),
            ],
            "reporter_phone",
            "Nomor telepon harus 8–15 angka",
        ),
        case(
            "no NIP or NIK",
            &[("asn_id", Some(""))],
            "asn_id",
            "Kolom ini wajib diisi.",
        ),
        case(
            "NIP of wrong length",
            &[("asn_id", Some("12345"))],
            "asn_id",
            "yang Anda ketik 5 digit",
        ),
        case(
            "old 9-digit NIP",
            &[("asn_id", Some("131234567"))],
            "asn_id",
            "NIP lama 9 digit",
        ),
        case(
            "letters in NIP",
            &[("asn_id", Some("1986O926 201505 1 001"))],
            "asn_id",
            "hanya boleh berisi angka",
        ),
        case(
            "impossible birth date",
            &[("asn_id", Some("19861331 201505 1 001"))],
            "asn_id",
            "Digit 1–8 NIP",
        ),
        case(
            "sex digit not 1 or 2",
            &[("asn_id", Some("19860926 201505 3 001"))],
            "asn_id",
            "Digit ke-15 NIP",
        ),
        case(
            "sequence 000",
            &[("asn_id", Some("19860926 201505 1 000"))],
            "asn_id",
            "tidak boleh 000",
        ),
        case(
            "appointment month 13",
            &[("asn_id", Some("19860926 201513 1 001"))],
            "asn_id",
            "Digit 13–14 NIP",
        ),
        case(
            "NIK with unknown province",
            &[("asn_id", Some("9971014501900001"))],
            "asn_id",
            "kode provinsi",
        ),
        case(
            "no name",
            &[("asn_name", Some("  "))],
            "asn_name",
            "Kolom ini wajib diisi.",
        ),
        case(
            "no employee type",
            &[("employee_type", Some(""))],
            "employee_type",
            "Pilih salah satu dari daftar.",
        ),
        case(
            "unknown agency",
            &[("agency", Some("Pemerintah Kota Atlantis"))],
            "agency",
            "Instansi tidak ditemukan",
        ),
        case(
            "no violation",
            &[("violations", None)],
            "violations",
            "Pilih minimal satu jenis pelanggaran.",
        ),
        case(
            "unknown violation",
            &[("violations", Some("NET-99"))],
            "violations",
            "tidak dikenal",
        ),
        case(
            "no election type",
            &[("election_type", Some("x"))],
            "election_type",
            "Pilih salah satu dari daftar.",
        ),
        case(
            "no election stage",
            &[("election_stage", Some(""))],
            "election_stage",
            "Pilih salah satu dari daftar.",
        ),
        case(
            "incident in the future",
            &[("incident_date", Some(&future))],
            "incident_date",
            "tidak boleh di masa depan",
        ),
        case(
            "incident date unreadable",
            &[("incident_date", Some("31-02-2024"))],
            "incident_date",
            "Tanggal tidak valid",
        ),
        case(
            "learned before it happened",
            &[
                ("incident_date", Some(&today_minus(2))),
                ("known_date", Some(&long_ago)),
            ],
            "known_date",
            "tidak boleh sebelum tanggal kejadian",
        ),
        case(
            "unknown province",
            &[("province", Some("99"))],
            "province",
            "Pilih salah satu dari daftar.",
        ),
        case(
            "regency of another province",
            &[("regency", Some("63.03"))],
            "regency",
            "tidak berada di provinsi",
        ),
        case(
            "no place",
            &[("place", Some(""))],
            "place",
            "Kolom ini wajib diisi.",
        ),
        case(
            "description too short",
            &[("description", Some("Kampanye ASN"))],
            "description",
            "baru 12 karakter",
        ),
        case(
            "bad link",
            &[("links", Some("ftp://files.example"))],
            "links",
            "Tautan tidak valid",
        ),
        case(
            "no evidence at all",
            &[("links", Some(""))],
            "evidence",
            "Lampirkan minimal satu bukti",
        ),
        case(
            "declaration not ticked",
            &[("declaration", None)],
            "declaration",
            "Centang pernyataan",
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
            body.contains(c.message),
            "{}: message {:?} missing",
            c.name,
            c.message
        );
        assert!(
            body.contains(&format!("href=\"#f-{}\"", c.field)),
            "{}: summary does not link to the field",
            c.name
        );
        assert!(
            body.contains(&format!("id=\"e-{}\"", c.field)),
            "{}: no message at the field",
            c.name
        );
        // What the reporter typed elsewhere is still there.
        let untouched = |k: &str| !c.changes.iter().any(|(ck, _)| *ck == k);
        if untouched("description") {
            assert!(body.contains(DESCRIPTION), "{}: description lost", c.name);
        }
        if untouched("place") {
            assert!(
                body.contains("Jl. Yos Sudarso, Palangka Raya"),
                "{}: place lost",
                c.name
            );
        }
        if untouched("asn_name") {
            assert!(
                body.contains("value=\"Budi Santoso\""),
                "{}: name lost",
                c.name
            );
        }
        if untouched("violations") {
            assert!(
                body.contains("value=\"NET-05\" id=\"f-v-NET-05\" checked"),
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
    assert!(receipt.contains("jalur Bawaslu sudah tertutup"));
    // The form shows the rule before submission too.
    assert!(app.get_text("/lapor").await.contains("dibatasi 7 hari"));
}
