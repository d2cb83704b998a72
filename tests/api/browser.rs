//! End to end in a real browser: headless Chromium through WebDriver files a report with a photo,
//! reads the receipt and checks the status with it. Needs Debian's `chromium` and
//! `chromium-driver`; `.ci/run` installs them and runs this test with `--include-ignored`.
//! Under plain `cargo test` the test is listed as ignored with the reason below.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{ClientBuilder, Locator};

use crate::helpers::{DESCRIPTION, spawn_app, t, today_minus};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

#[actix_web::test]
#[ignore = "needs chromium and chromedriver (apt-get install chromium chromium-driver); .ci/run installs them and runs it"]
async fn a_reporter_files_a_report_with_a_photo_in_a_real_browser_and_checks_its_status() {
    assert!(
        std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists(),
        "this test needs {CHROMIUM} and {CHROMEDRIVER}: apt-get install chromium chromium-driver"
    );
    let _ = rustls::crypto::ring::default_provider().install_default();
    let app = spawn_app().await;
    let port = free_port();
    let _driver = Driver(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let profile = tempfile::tempdir().expect("profile dir");
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=412,915",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        }
    });
    let caps = caps.as_object().cloned().expect("capabilities object");
    let mut client = None;
    for _ in 0..50 {
        match ClientBuilder::rustls()
            .expect("rustls")
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => {
                client = Some(c);
                break;
            }
            Err(_) => actix_web::rt::time::sleep(Duration::from_millis(200)).await,
        }
    }
    let c = client.expect("connect to chromedriver");

    c.goto(&app.url("/lapor")).await.expect("open form");
    let fill = |id: &'static str, text: String| {
        let c = c.clone();
        async move {
            c.find(Locator::Id(id))
                .await
                .expect(id)
                .send_keys(&text)
                .await
                .expect(id);
        }
    };
    fill("f-asn_id", "19860926 201505 1 001".into()).await;
    fill("f-asn_name", "Budi Santoso".into()).await;
    c.find(Locator::Id("f-employee_type"))
        .await
        .expect("type")
        .select_by_value("PNS")
        .await
        .expect("select");
    fill("f-agency", "Pemerintah Kota Palangkaraya".into()).await;
    c.find(Locator::Id("f-violations"))
        .await
        .expect("violation")
        .click()
        .await
        .expect("tick");
    c.find(Locator::Id("f-election_type"))
        .await
        .expect("e")
        .select_by_value("pilwalkot")
        .await
        .expect("select");
    c.find(Locator::Id("f-election_stage"))
        .await
        .expect("s")
        .select_by_value("campaign")
        .await
        .expect("select");
    // Date inputs take keys in the browser's locale; set the ISO value the way a date picker does.
    for (id, days) in [("f-incident_date", 3), ("f-known_date", 2)] {
        c.execute(
            "document.getElementById(arguments[0]).value = arguments[1];",
            vec![serde_json::json!(id), serde_json::json!(today_minus(days))],
        )
        .await
        .expect("set date");
    }
    c.find(Locator::Id("f-province"))
        .await
        .expect("p")
        .select_by_value("62")
        .await
        .expect("select");
    c.find(Locator::Id("f-regency"))
        .await
        .expect("r")
        .select_by_value("62.71")
        .await
        .expect("select");
    fill("f-place", "Jl. Yos Sudarso".into()).await;
    fill("f-description", DESCRIPTION.into()).await;
    let photo = format!(
        "{}/tests/fixtures/gps_exif_xmp.jpg",
        env!("CARGO_MANIFEST_DIR")
    );
    c.find(Locator::Id("f-evidence"))
        .await
        .expect("file input")
        .send_keys(&photo)
        .await
        .expect("attach");
    c.find(Locator::Id("f-declaration"))
        .await
        .expect("declaration")
        .click()
        .await
        .expect("tick");
    c.find(Locator::Css("button[type=submit]"))
        .await
        .expect("submit")
        .click()
        .await
        .expect("submit");

    c.wait()
        .for_element(Locator::Id("receipt-secret"))
        .await
        .expect("receipt page");
    assert!(
        c.current_url()
            .await
            .expect("url")
            .path()
            .ends_with("/lapor/tanda-terima")
    );
    let number = c
        .find(Locator::Id("case-number"))
        .await
        .expect("number")
        .text()
        .await
        .expect("text");
    let secret = c
        .find(Locator::Id("receipt-secret"))
        .await
        .expect("secret")
        .text()
        .await
        .expect("text");
    assert!(number.starts_with("NTR-"), "{number}");
    if let Ok(dir) = std::env::var("NETRA_SCREENSHOT_DIR") {
        let png = c.screenshot().await.expect("screenshot");
        std::fs::write(format!("{dir}/receipt.png"), png).expect("write screenshot");
    }

    c.goto(&app.url("/status")).await.expect("status page");
    fill("f-case_number", number.clone()).await;
    fill("f-secret", secret).await;
    c.find(Locator::Css("button[type=submit]"))
        .await
        .expect("submit")
        .click()
        .await
        .expect("submit");
    c.wait()
        .for_element(Locator::Css("section.state"))
        .await
        .expect("case page");
    let text = c
        .find(Locator::Css("main"))
        .await
        .expect("main")
        .text()
        .await
        .expect("text");
    assert!(
        text.contains(&number) && text.contains(t("state.submitted")) && text.contains("bukti-"),
        "{text}"
    );
    c.close().await.expect("close browser");
    assert_eq!(app.report_count(), 1);
}
