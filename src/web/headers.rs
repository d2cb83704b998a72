//! Security headers on every response.

use actix_web::middleware::DefaultHeaders;

/// No inline script or style anywhere, no framing, no referrer (a case URL must never leak to a
/// linked site), no sniffing, and pages not stored by caches (receipts and status pages hold
/// secrets). Static assets set their own `Cache-Control`, which `DefaultHeaders` leaves alone.
/// `https`: Netra is reached over HTTPS (`NETRA_BASE_URL`), so browsers are told to keep to it
/// (HSTS), and a reporter on a hostile network cannot be downgraded to plain HTTP.
pub fn secure(https: bool) -> DefaultHeaders {
    let headers = if https {
        DefaultHeaders::new().add(("Strict-Transport-Security", "max-age=31536000"))
    } else {
        DefaultHeaders::new()
    };
    headers
        .add((
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; \
             base-uri 'none'; frame-ancestors 'none'",
        ))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add(("Cache-Control", "no-store"))
}
