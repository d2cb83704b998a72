//! A real SMTP server on 127.0.0.1 inside the test process (mailin-embedded), for the mail
//! tests: what arrives, a recipient it rejects for good, and optionally STARTTLS with the fixture
//! certificate plus AUTH PLAIN.

use std::io;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use mailin_embedded::{AuthMechanism, Handler, Response, Server, SslConfig, response};

/// One message as it arrived here, or as the in-memory mailer kept it (`TestApp::sent_mail`).
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub data: String,
}

impl Received {
    /// The message as a reader sees it: quoted-printable undone (soft line breaks joined, =XX
    /// decoded), so a "must not contain" check cannot pass because a name was wrapped or
    /// encoded. No part may be base64, which would hide everything from such a check.
    pub fn plain(&self) -> String {
        assert!(
            !self
                .data
                .to_ascii_lowercase()
                .contains("content-transfer-encoding: base64"),
            "a base64 part would hide its content from these checks"
        );
        let joined = self.data.replace("=\r\n", "").replace("=\n", "");
        let bytes = joined.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
                (b'=', Some(b)) => {
                    out.push(b);
                    i += 3;
                }
                (c, _) => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

#[derive(Clone)]
struct Sink {
    got: Arc<Mutex<Vec<Received>>>,
    reject: Arc<Vec<String>>,
    /// Recipients it defers (452, try again later) instead of taking.
    defer: Arc<Vec<String>>,
    /// The only user and password AUTH accepts, when the server asks for them.
    login: Option<(String, String)>,
    to: Vec<String>,
    buf: Vec<u8>,
}

impl Handler for Sink {
    fn auth_plain(&mut self, _authz: &str, user: &str, password: &str) -> Response {
        match &self.login {
            Some((u, p)) if u == user && p == password => response::AUTH_OK,
            _ => response::INVALID_CREDENTIALS,
        }
    }
    fn rcpt(&mut self, to: &str) -> Response {
        if self.reject.iter().any(|r| to.contains(r.as_str())) {
            response::NO_MAILBOX
        } else if self.defer.iter().any(|r| to.contains(r.as_str())) {
            response::OUT_OF_SPACE
        } else {
            response::OK
        }
    }
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.buf.clear();
        response::OK
    }
    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        self.buf.extend_from_slice(buf);
        Ok(())
    }
    fn data_end(&mut self) -> Response {
        let got = Received {
            to: self.to.clone(),
            data: String::from_utf8_lossy(&self.buf).into_owned(),
        };
        self.got.lock().expect("sink").push(got);
        response::OK
    }
}

/// Starts an SMTP server on `port` (0: any); returns its port and what it receives.
pub fn smtp(port: u16, reject: &[&str]) -> (u16, Arc<Mutex<Vec<Received>>>) {
    smtp_with(port, reject, None)
}

/// The fixture certificate (for 127.0.0.1, signed by `tests/fixtures/tls/ca.pem`).
pub fn fixture_tls(file: &str) -> String {
    format!("{}/tests/fixtures/tls/{file}", env!("CARGO_MANIFEST_DIR"))
}

/// An SMTP server that, when `login` is set, offers STARTTLS with the fixture certificate and
/// requires AUTH PLAIN with exactly that user and password (offered only after STARTTLS).
pub fn smtp_with(
    port: u16,
    reject: &[&str],
    login: Option<(&str, &str)>,
) -> (u16, Arc<Mutex<Vec<Received>>>) {
    start(port, reject, &[], login)
}

/// An SMTP server that defers (452) the recipients matching `defer`, for as long as it runs.
pub fn smtp_deferring(defer: &[&str]) -> (u16, Arc<Mutex<Vec<Received>>>) {
    start(0, &[], defer, None)
}

fn start(
    port: u16,
    reject: &[&str],
    defer: &[&str],
    login: Option<(&str, &str)>,
) -> (u16, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind smtp");
    let port = listener.local_addr().expect("addr").port();
    let got = Arc::new(Mutex::new(Vec::new()));
    let sink = Sink {
        got: got.clone(),
        reject: Arc::new(reject.iter().map(|s| (*s).to_owned()).collect()),
        defer: Arc::new(defer.iter().map(|s| (*s).to_owned()).collect()),
        login: login.map(|(u, p)| (u.to_owned(), p.to_owned())),
        to: vec![],
        buf: vec![],
    };
    let secured = sink.login.is_some();
    let mut server = Server::new(sink);
    server.with_name("netra-test").with_tcp_listener(listener);
    if secured {
        server
            .with_ssl(SslConfig::SelfSigned {
                cert_path: fixture_tls("server.pem"),
                key_path: fixture_tls("server.key"),
            })
            .expect("tls")
            .with_auth(AuthMechanism::Plain);
    } else {
        server.with_ssl(SslConfig::None).expect("no tls");
    }
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    (port, got)
}
