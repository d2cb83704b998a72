//! Keys and the few cryptographic operations Netra needs, all derived from one secret
//! (`NETRA_SECRET_KEY`, or the key file generated in the data directory on first start).
//!
//! - Reporter identity, contact and witnesses are sealed with XChaCha20-Poly1305: a database dump
//!   alone does not say who reported. Random 192-bit nonces need no counter and cannot collide in
//!   practice.
//! - Receipt secrets are stored only as an HMAC-SHA256 under a server key, so a dump cannot be used
//!   to test guesses offline.
//! - The session cookie key is derived here too, so sessions survive restarts.
//! - Staff TOTP secrets are sealed like identities (label [`TOTP_LABEL`]); recovery codes are kept
//!   only as an HMAC, like receipt secrets.

use chacha20poly1305::aead::{Aead as _, KeyInit as _, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac as _};
use rand::Rng as _;
use sha2::Sha256;

pub type HmacSha256 = Hmac<Sha256>;

/// Sealing labels: a sealed value only opens under the label it was sealed with.
pub const IDENTITY_LABEL: &str = "reporter-identity";
pub const EMAIL_LABEL: &str = "reporter-email";
pub const WITNESSES_LABEL: &str = "witnesses";
/// A staff member's TOTP secret (the second sign-in factor).
pub const TOTP_LABEL: &str = "staff-totp";

/// Every key Netra uses, derived with HKDF-SHA256 from the configured secret.
#[derive(Clone)]
pub struct Keys {
    identity: [u8; 32],
    receipt_mac: [u8; 32],
    receipt_derive: [u8; 32],
    session: [u8; 64],
    device: [u8; 32],
    recovery: [u8; 32],
    audit: ChainKey,
}

/// The key of the audit chain's row MACs. It is derived from the secret key and never written to
/// the database, so whoever can write the database still cannot make a row, or a chain of rows,
/// that verifies (issue 10, item 2).
#[derive(Clone)]
pub struct ChainKey(HmacSha256);

impl ChainKey {
    /// A fresh HMAC-SHA256 under this key, to feed a row's fields into.
    pub fn mac(&self) -> HmacSha256 {
        self.0.clone()
    }
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(..)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("the secret key must be at least 32 bytes")]
    ShortSecret,
    #[error("sealed data could not be opened (wrong key or damaged)")]
    Open,
}

impl Keys {
    pub fn derive(secret: &[u8]) -> Result<Self, CryptoError> {
        if secret.len() < 32 {
            return Err(CryptoError::ShortSecret);
        }
        let hk = hkdf::Hkdf::<Sha256>::new(Some(b"netra/v1"), secret);
        // HKDF-SHA256 can expand up to 8160 bytes; these lengths never fail.
        let expand = |label: &[u8], out: &mut [u8]| {
            hk.expand(label, out).map_err(|_| CryptoError::ShortSecret)
        };
        let (mut identity, mut receipt_mac, mut receipt_derive) = ([0; 32], [0; 32], [0; 32]);
        let (mut session, mut device, mut audit) = ([0; 64], [0; 32], [0u8; 32]);
        let mut recovery = [0; 32];
        expand(b"reporter-identity", &mut identity)?;
        expand(b"receipt-mac", &mut receipt_mac)?;
        expand(b"receipt-derive", &mut receipt_derive)?;
        expand(b"session-cookie", &mut session)?;
        expand(b"audit-chain", &mut audit)?;
        expand(b"device-cookie", &mut device)?;
        expand(b"recovery-code", &mut recovery)?;
        let audit = <HmacSha256 as hmac::Mac>::new_from_slice(&audit)
            .map_err(|_| CryptoError::ShortSecret)?;
        Ok(Self {
            identity,
            receipt_mac,
            receipt_derive,
            session,
            device,
            recovery,
            audit: ChainKey(audit),
        })
    }

    /// Seals `plain`; `label` binds the ciphertext to its purpose (an identity blob cannot be
    /// swapped in where a witness list is expected).
    pub fn seal(&self, label: &str, plain: &[u8]) -> Vec<u8> {
        let cipher = XChaCha20Poly1305::new((&self.identity).into());
        let mut nonce = [0u8; 24];
        os_rng().fill_bytes(&mut nonce);
        // Encryption of an in-memory buffer only fails for absurd lengths (> 256 GiB).
        let ct = cipher.encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plain,
                aad: label.as_bytes(),
            },
        );
        let mut out = nonce.to_vec();
        out.extend(ct.unwrap_or_default());
        out
    }

    pub fn open(&self, label: &str, sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
        if sealed.len() < 24 {
            return Err(CryptoError::Open);
        }
        let (nonce, ct) = sealed.split_at(24);
        XChaCha20Poly1305::new((&self.identity).into())
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ct,
                    aad: label.as_bytes(),
                },
            )
            .map_err(|_| CryptoError::Open)
    }

    /// The stored form of a receipt secret.
    pub fn receipt_hash(&self, normalised_secret: &str) -> String {
        hex::encode(self.mac(&self.receipt_mac, normalised_secret.as_bytes()))
    }

    /// 128 bits derived from a form's submission token: the same form submitted twice yields the
    /// same receipt secret, so a double click shows one receipt, not two different ones.
    pub fn receipt_entropy(&self, submission_token: &str) -> [u8; 16] {
        let full = self.mac(&self.receipt_derive, submission_token.as_bytes());
        let mut out = [0u8; 16];
        out.copy_from_slice(&full[..16]);
        out
    }

    /// The token in a reporter's opt-out link: proves the link came from us for this report,
    /// without an account and without the receipt secret.
    pub fn opt_out_token(&self, report_id: i64) -> String {
        hex::encode(
            &self.mac(
                &self.receipt_derive,
                format!("opt-out:{report_id}").as_bytes(),
            )[..16],
        )
    }

    /// The stored form of a staff recovery code (normalised, `domain::totp`). A keyed HMAC rather
    /// than a slow password hash: the codes are 50 random bits, not chosen by people, so nothing
    /// short of the key makes guessing them from a dump feasible, and the key is not in the
    /// database; an unkeyed SHA-256 of 50 bits could be searched offline in days.
    pub fn recovery_code_hash(&self, user_id: i64, code: &str) -> String {
        hex::encode(self.mac(&self.recovery, format!("{user_id}:{code}").as_bytes()))
    }

    pub fn session_key(&self) -> &[u8; 64] {
        &self.session
    }

    /// A device cookie's value for an account name, `<id>.<mac>` (OWASP's device cookies): a
    /// browser that signed in to this account before proves it with this, and is not locked out
    /// with everyone else when someone guesses the account's password.
    pub fn device_cookie(&self, id: &str, email: &str) -> String {
        let mac = self.mac(&self.device, format!("device:{id}:{email}").as_bytes());
        format!("{id}.{}", hex::encode(&mac[..16]))
    }

    /// The device id in `cookie` when it was issued by this server for this account name.
    pub fn device_id<'a>(&self, cookie: &'a str, email: &str) -> Option<&'a str> {
        let (id, _) = cookie.split_once('.')?;
        let ok = !id.is_empty()
            && id.len() <= 64
            && constant_time_eq(&self.device_cookie(id, email), cookie);
        ok.then_some(id)
    }

    pub fn audit(&self) -> &ChainKey {
        &self.audit
    }

    /// A preview link's token, `<expires>.<mac>`: good for one staff member's view of one piece of
    /// evidence until `expires` (unix seconds), so a link made elsewhere cannot have a staff
    /// member's browser write audit rows in their name.
    pub fn preview_token(&self, evidence_id: i64, user_id: i64, expires: i64) -> String {
        let data = format!("preview:{evidence_id}:{user_id}:{expires}");
        let mac = hex::encode(&self.mac(&self.receipt_derive, data.as_bytes())[..16]);
        format!("{expires}.{mac}")
    }

    /// Whether `token` is this staff member's unexpired token for this evidence.
    pub fn preview_token_valid(
        &self,
        token: &str,
        evidence_id: i64,
        user_id: i64,
        now: i64,
    ) -> bool {
        let Some(expires) = token
            .split_once('.')
            .and_then(|(e, _)| e.parse::<i64>().ok())
        else {
            return false;
        };
        expires >= now
            && constant_time_eq(&self.preview_token(evidence_id, user_id, expires), token)
    }

    fn mac(&self, key: &[u8], data: &[u8]) -> Vec<u8> {
        // HMAC accepts keys of any length.
        match <HmacSha256 as hmac::Mac>::new_from_slice(key) {
            Ok(mut m) => {
                m.update(data);
                m.finalize().into_bytes().to_vec()
            }
            Err(_) => Vec::new(),
        }
    }
}

/// The operating system's generator. A failing OS generator panics (as rand 0.8's `OsRng` did):
/// no key, nonce or token may come from anything weaker, and nothing can continue without one.
fn os_rng() -> rand::rand_core::UnwrapErr<rand::rngs::SysRng> {
    rand::rand_core::UnwrapErr(rand::rngs::SysRng)
}

/// `n` random bytes from the OS, hex-encoded.
pub fn random_token(n: usize) -> String {
    let mut buf = vec![0u8; n];
    os_rng().fill_bytes(&mut buf);
    hex::encode(buf)
}

/// `n` random bytes from the OS.
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    os_rng().fill_bytes(&mut buf);
    buf
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq as _;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_identity_opens_only_with_its_key_and_label() {
        let k = Keys::derive(&[7u8; 32]).unwrap_or_else(|_| unreachable!());
        let other = Keys::derive(&[8u8; 32]).unwrap_or_else(|_| unreachable!());
        let sealed = k.seal("identity", b"Siti, 0812");
        assert!(!sealed.windows(4).any(|w| w == b"Siti"));
        assert_eq!(
            k.open("identity", &sealed).ok().as_deref(),
            Some(&b"Siti, 0812"[..])
        );
        assert!(k.open("witnesses", &sealed).is_err());
        assert!(other.open("identity", &sealed).is_err());
    }

    #[test]
    fn a_short_secret_is_refused() {
        assert!(Keys::derive(b"short").is_err());
    }
}
