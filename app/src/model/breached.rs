//! Passwords known from breaches: a new password on this list is refused
//! (see `app/data/README.md` for where the list comes from). The server's
//! only: the list never goes to the browser.

use std::sync::OnceLock;

const LIST: &str = include_str!("../../data/breached-passwords.txt");

/// The list's passwords, sorted by byte as the file is.
fn list() -> &'static [&'static str] {
    static SORTED: OnceLock<Vec<&'static str>> = OnceLock::new();
    SORTED.get_or_init(|| LIST.lines().collect())
}

/// The password, whatever its case, is on the list.
pub fn is_breached(password: &str) -> bool {
    let lower = password.to_lowercase();
    list().binary_search(&lower.as_str()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_so_that_every_entry_is_found() {
        assert!(list().windows(2).all(|w| w[0] < w[1]));
        assert!(list().len() > 40_000);
        assert!(list().iter().all(|p| is_breached(p)));
    }

    #[test]
    fn a_breached_password_is_found_in_any_case_and_a_made_up_one_is_not() {
        assert!(is_breached("qwertyuiop123"));
        assert!(is_breached("PasswordPassword"));
        assert!(!is_breached("correct horse battery staple"));
    }
}
