//! The Content-Security-Policy of every response. A page the app renders
//! runs only the scripts that carry the request's nonce (the start script
//! and Leptos' own), and what those load (`'strict-dynamic'`: the app's
//! module and its lazily loaded parts); the wasm needs
//! `'wasm-unsafe-eval'`. No inline script or style without the nonce, no
//! plugin, no framing, no other site.

/// The policy of a page rendered with `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy of every other response (files, server functions, the error
/// page written without the app): nothing runs, styles from the site only.
pub const STATIC_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The policy of the service worker's script, which is the worker's own:
/// it fetches the site's files to keep them offline, from the site only.
pub const WORKER_POLICY: &str = "default-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_runs_only_scripts_with_its_nonce_and_never_inline_code() {
        let policy = page_policy("abc123");
        assert!(policy.contains("script-src 'nonce-abc123' 'strict-dynamic' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!STATIC_POLICY.contains("script-src"));
        assert!(STATIC_POLICY.starts_with("default-src 'none'"));
        assert!(WORKER_POLICY.starts_with("default-src 'self'"));
    }
}
