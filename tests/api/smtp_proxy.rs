//! A TCP front for the test SMTP server: it can end TLS (so the app speaks implicit TLS,
//! `smtps://`), refuse every connection for a while (the server is down), and cut a session right
//! after the client has sent a whole message: the server has it, the client never hears "250".
//! That is a server stopped mid-delivery, the one case where a message may arrive twice.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use tokio::io::{AsyncRead, AsyncReadExt as _, AsyncWrite, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::pem::PemObject as _;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

use crate::mail::fixture_tls;

#[derive(Clone)]
pub struct Proxy {
    pub port: u16,
    down: Arc<AtomicBool>,
    /// Messages seen whole (their end-of-data line) over all sessions.
    messages: Arc<AtomicUsize>,
    /// Cut the session right after this message (1-based); 0: never.
    cut_after: Arc<AtomicUsize>,
}

/// The fixture certificate for 127.0.0.1, as a TLS server.
pub fn tls_acceptor() -> TlsAcceptor {
    let certs: Vec<CertificateDer<'static>> =
        CertificateDer::pem_file_iter(fixture_tls("server.pem"))
            .expect("cert file")
            .collect::<Result<_, _>>()
            .expect("certs");
    let key = PrivateKeyDer::from_pem_file(fixture_tls("server.key")).expect("key");
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("server config");
    TlsAcceptor::from(Arc::new(config))
}

impl Proxy {
    pub async fn start(upstream: u16, tls: Option<TlsAcceptor>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let proxy = Self {
            port: listener.local_addr().expect("addr").port(),
            down: Arc::default(),
            messages: Arc::default(),
            cut_after: Arc::default(),
        };
        let p = proxy.clone();
        actix_web::rt::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                if p.down.load(Ordering::SeqCst) {
                    continue; // dropped: connection closed at once
                }
                let (p, tls) = (p.clone(), tls.clone());
                actix_web::rt::spawn(async move {
                    let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)).await else {
                        return;
                    };
                    match tls {
                        Some(acceptor) => {
                            if let Ok(client) = acceptor.accept(client).await {
                                p.relay(client, server).await;
                            }
                        }
                        None => p.relay(client, server).await,
                    }
                });
            }
        });
        proxy
    }

    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }

    /// After the `n`-th whole message (1-based, over all sessions) the server stops: it keeps
    /// that message but never answers, and refuses sessions until `set_down(false)`.
    pub fn stop_after_message(&self, n: usize) {
        self.cut_after.store(n, Ordering::SeqCst);
    }

    async fn relay<C: AsyncRead + AsyncWrite>(&self, client: C, server: TcpStream) {
        let (mut cr, mut cw) = tokio::io::split(client);
        let (mut sr, mut sw) = server.into_split();
        let cut = AtomicBool::new(false);
        let upward = async {
            let mut buf = [0u8; 8192];
            let mut tail: Vec<u8> = Vec::new();
            loop {
                let n = match cr.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                tail.extend_from_slice(&buf[..n]);
                let ends = tail.windows(5).filter(|w| w == b"\r\n.\r\n").count();
                let keep = tail.len().saturating_sub(4);
                tail.drain(..keep);
                let mut last_whole = false;
                for _ in 0..ends {
                    let seen = self.messages.fetch_add(1, Ordering::SeqCst) + 1;
                    if seen == self.cut_after.load(Ordering::SeqCst) {
                        last_whole = true;
                    }
                }
                if last_whole {
                    // The server stops: no answer to this message, no new sessions.
                    cut.store(true, Ordering::SeqCst);
                    self.down.store(true, Ordering::SeqCst);
                }
                if sw.write_all(&buf[..n]).await.is_err() {
                    return;
                }
                if last_whole {
                    // The session ends when the server's answer comes (and is swallowed below);
                    // this is only a backstop should it never come.
                    actix_web::rt::time::sleep(std::time::Duration::from_secs(10)).await;
                    return;
                }
            }
        };
        let downward = async {
            let mut buf = [0u8; 8192];
            loop {
                let n = match sr.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                if cut.load(Ordering::SeqCst) || cw.write_all(&buf[..n]).await.is_err() {
                    return;
                }
            }
        };
        tokio::select! {
            () = upward => {}
            () = downward => {}
        }
    }
}
